"""The first-visit pages in a real browser: accessible at 390 and 1280 px in both languages, and printed without the
header, menu, bar and buttons, keeping the crisis line, the words and the clinic's number; the print button works
with script and is not there without it."""

import pytest

from tests.browser import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_fits_the_width,
    save_screenshots,
    screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("initial_content")]

PATHS = [
    "/treatments/iv-ketamine-infusion/first-visit/",
    "/treatments/spravato/first-visit/",
    "/es/treatments/intramuscular-ketamine/first-visit/",
    "/es/treatments/spravato/first-visit/",
]


@pytest.mark.parametrize("path", PATHS)
def test_the_first_visit_page_has_no_accessibility_violations_at_both_widths(page, live_server, path):
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        response = page.goto(live_server.url + path)
        assert response.status == 200
        assert page.locator("h1:visible").count() == 1
        assert page.locator("section.first-visit-step").count() >= 3
        assert_accessible(page)
        assert_fits_the_width(page)


def test_the_treatment_page_leads_to_its_first_visit(page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/es/treatments/spravato/")
    page.get_by_role("link", name="Su primera visita, paso a paso").click()
    page.wait_for_url(live_server.url + "/es/treatments/spravato/first-visit/")
    assert page.get_by_role("heading", name="Cómo volver a casa", level=2).is_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_printed_the_page_keeps_the_words_the_crisis_line_and_the_clinic_s_number(page, live_server, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/treatments/spravato/first-visit/")
    assert page.get_by_role("navigation", name="Main").is_visible()  # on screen, before printing
    page.emulate_media(media="print")
    try:
        for hidden in ("header.site-header", "nav.navbar", ".one-tap", ".print-button", ".first-visit-back"):
            assert page.locator(hidden).first.is_hidden(), f"{hidden} is printed"
        assert page.locator(".skip-link").is_hidden()
        crisis = page.get_by_role("complementary", name="Crisis help")
        assert crisis.is_visible() and "988" in crisis.inner_text()
        assert page.locator("h1").is_visible() and page.locator(".first-visit-treatment").inner_text() == "Spravato"
        steps = page.locator("section.first-visit-step")
        assert steps.count() == 4 and all(steps.nth(index).is_visible() for index in range(4))
        assert "Do not drive until the next day" in page.locator("#first-visit-getting-home").inner_text()
        phone = page.locator(".first-visit-questions a[href^='tel:']")
        assert phone.is_visible() and phone.inner_text() == "(619) 555-0100"
        footer_phone = page.locator(".site-footer address a[href^='tel:']")
        assert footer_phone.is_visible()
        assert page.locator(".site-footer a[href='/privacy/']").is_hidden(), "no list of links on paper"
        assert "not medical advice" in page.locator(".site-footer").inner_text()  # the disclaimer is printed
        # Black on white: nothing printed white on a dark background.
        assert page.locator(".site-footer").evaluate("element => getComputedStyle(element).backgroundColor") in (
            "rgba(0, 0, 0, 0)",
            "rgb(255, 255, 255)",
        )
        assert_fits_the_width(page)
        screenshot(page, f"first-visit-print-{viewport['width']}")
    finally:
        page.emulate_media(media="screen")


def test_the_print_button_prints_with_script(page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/treatments/iv-ketamine-infusion/first-visit/")
    # No dialog in a test: print() counts instead. (A function given to evaluate is called, so it sets the stub.)
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    assert page.evaluate("window.printed") is None
    button = page.get_by_role("button", name="Print this page")
    assert button.is_visible()
    button.click()
    assert page.evaluate("window.printed") == 1


def test_without_script_there_is_no_print_button_that_cannot_work(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/es/treatments/spravato/first-visit/")
        assert page.get_by_role("button", name="Imprimir esta página").count() == 0
        assert page.locator("section.first-visit-step").count() == 4
    finally:
        context.close()


def test_screenshots_of_the_first_visit_pages(page, live_server):
    for path, name in [
        ("/treatments/iv-ketamine-infusion/first-visit/", "first-visit-iv"),
        ("/treatments/spravato/first-visit/", "first-visit-spravato"),
        ("/es/treatments/spravato/first-visit/", "first-visit-spravato-es"),
        ("/treatments/spravato/", "treatment-spravato-with-first-visit-link"),
    ]:
        save_screenshots(page, live_server.url + path, name)  # fits 390 px, crisis help and call link on screen
