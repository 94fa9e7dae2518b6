"""The menu in a real browser: it opens without script, Escape closes it, and its focus ring can be seen."""

import pytest

from clinic.models import MenuLink
from tests.browser import DESKTOP, PHONE, assert_accessible, assert_public_page_layout, save_screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def main_menu(page):
    return page.get_by_role("navigation", name="Main")


def test_the_phone_menu_opens_and_works_without_script(initial_content, browser, live_server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(live_server.url + "/privacy/")
        financing = main_menu(tab).get_by_role("link", name="Financing")
        assert not financing.is_visible()
        tab.get_by_role("button", name="Menu").click()
        assert financing.is_visible()
        assert main_menu(tab).get_by_role("link", name="Spravato waitlist").is_visible()
        financing.click()
        tab.wait_for_url(live_server.url + "/financing/")
    finally:
        context.close()


@pytest.mark.parametrize("width", [992, 1100, DESKTOP["width"]])
def test_a_menu_staff_fill_with_every_page_keeps_the_header_in_the_page_width(
    initial_content, page, live_server, width
):
    """Every page the menu can link to, and the waitlist link, in Spanish (the longer words): the links wrap onto a
    second row, each whole, and the call button stays in view."""
    linked = set(MenuLink.objects.values_list("page", flat=True))
    for number, (name, label) in enumerate(MenuLink._meta.get_field("page").choices):
        if name not in linked:
            MenuLink.objects.create(
                page=name, label=label.split(" (")[0], label_es=label.split(" (")[0], ordering=50 + number
            )
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/es/")
    assert_public_page_layout(page)  # no sideways scrolling; crisis help and the call button on the first screen
    links = page.get_by_role("banner").locator("#site-nav").get_by_role("link")
    assert links.count() == len(MenuLink._meta.get_field("page").choices) + 1  # and the Spravato waitlist
    one_line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#site-nav .nav-link')).lineHeight)")
    for number in range(links.count()):
        box = links.nth(number).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert box["height"] < one_line * 2, links.nth(number).inner_text()  # no link broken over lines


def test_escape_closes_the_open_menu_and_returns_focus_to_its_button(initial_content, page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    toggle = page.get_by_role("button", name="Menu")
    financing = main_menu(page).get_by_role("link", name="Financing")
    toggle.focus()
    page.keyboard.press("Space")
    page.locator("#site-nav.show").wait_for()  # opened, and done opening
    assert toggle.get_attribute("aria-expanded") == "true"
    financing.focus()
    page.keyboard.press("Escape")
    financing.wait_for(state="hidden")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.evaluate("element => element === document.activeElement")


def relative_luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


FOCUS_RING = """element => {
  const style = getComputedStyle(element);
  return [style.outlineStyle, parseFloat(style.outlineWidth), style.outlineColor];
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_menu_links_show_a_focus_ring_of_3_to_1_or_more(initial_content, page, live_server, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/")
    if viewport == PHONE:
        page.get_by_role("button", name="Menu").click()
    link = main_menu(page).get_by_role("link", name="Financing")
    link.wait_for(state="visible")
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    style, width, color = link.evaluate(FOCUS_RING)
    assert style == "solid" and width >= 2
    ring = [int(part) for part in color.removeprefix("rgb(").removesuffix(")").split(",")[:3]]
    assert contrast(ring, (255, 255, 255)) >= 3  # the header is white


def test_the_menu_passes_axe_open_at_phone_width_and_at_desktop_width(initial_content, page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Menu").click()
    main_menu(page).get_by_role("link", name="Financing").wait_for(state="visible")
    assert_accessible(page)
    page.set_viewport_size(DESKTOP)
    page.reload()
    assert_accessible(page)
    save_screenshots(page, live_server.url + "/", "home-menu")
