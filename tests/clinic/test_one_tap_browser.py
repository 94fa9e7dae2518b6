"""The bar at the bottom of the screen in Chromium, on a phone, in both languages: it comes as soon as the page
moves and stays on screen however far it scrolls, a focused element is never left under it (WCAG 2.4.11), the
numbers stay on one line, and axe finds nothing."""

import pytest

from clinic.models import ClinicDetails
from tests.browser import PHONE, assert_accessible, assert_fits_the_width, assert_in_viewport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each is a long page; the home page has links right at the fold, the financing page its numbers in text.
PAGES = [
    ("/", {"call": "Call the clinic at (619) 555-0100", "text": "Text the clinic at (619) 555-0142"}),
    (
        "/es/financing/",
        {
            "call": "Llamar a la clínica al (619) 555-0100",
            "text": "Enviar un mensaje de texto a la clínica al (619) 555-0142",
        },
    ),
]

# How many lines an element's visible words take up (words only screen readers get are left out): each line
# box a text falls in is one rectangle; rectangles whose tops are within a few pixels are on the same line.
LINES = """element => {
    const tops = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim() || node.parentElement.closest(".visually-hidden")) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        tops.push(...[...range.getClientRects()].filter(rect => rect.width > 0).map(rect => rect.top));
    }
    tops.sort((a, b) => a - b);
    return tops.filter((top, index) => index === 0 || top - tops[index - 1] > 4).length;
}"""

# Where the focused element is, and whether it is in the bar itself, read after two frames: the bar's visibility
# follows the scroll on the next frame, and a busy machine can press keys faster than frames come, which no
# person's thumb does.
FOCUSED = """async () => {
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const focused = document.activeElement, box = focused.getBoundingClientRect();
    return {
        name: focused.outerHTML.slice(0, 120), top: box.top, bottom: box.bottom,
        inBar: Boolean(focused.closest(".one-tap")), isBody: focused === document.body,
        barTop: document.querySelector(".one-tap").getBoundingClientRect().top,
    };
}"""


def scroll_to(page, where):
    page.evaluate(f"window.scrollTo({{top: {where}, behavior: 'instant'}})")


def hidden_under_the_bar(page):
    """Tab from the top of the page through every focusable element up to the bar's last link: each element
    focused outside the bar must be wholly above it (and on screen)."""
    scroll_to(page, 0)
    page.evaluate("document.activeElement.blur()")
    hidden, visited, focused = [], 0, None
    while visited < 300:
        page.keyboard.press("Tab")
        visited += 1
        focused, before = page.evaluate(FOCUSED), focused
        left = "tabbing left the page before reaching the bar"
        assert not focused["isBody"], (left, before, page.evaluate("scrollY"))
        if focused["inBar"]:
            if page.evaluate("document.activeElement === [...document.querySelectorAll('.one-tap a')].pop()"):
                return hidden, visited
            continue
        if focused["top"] < 0 or focused["bottom"] > focused["barTop"] + 0.5:
            hidden.append(focused)
    raise AssertionError("never reached the bar's last link")


def test_the_bar_keeps_call_text_and_crisis_help_on_a_phone_screen(initial_content, page, live_server):
    clinic = ClinicDetails.objects.get()
    clinic.text_phone = "+16195550142"  # the widest bar: call, text and crisis help
    clinic.save()
    page.set_viewport_size(PHONE)
    page.emulate_media(reduced_motion="reduce")  # focus scrolls at once, as many phones are set

    for path, names in PAGES:
        page.goto(live_server.url + path)
        bar = page.get_by_role("complementary", name="Phone numbers" if path == "/" else "Números de teléfono")
        call = bar.get_by_role("link", name=names["call"], exact=True)
        texting = bar.get_by_role("link", name=names["text"], exact=True)
        crisis = bar.get_by_role("link", name="Crisis 988", exact=False)
        # Chromium's own accessible name for the header's button reads the number at 390 px too.
        assert page.get_by_role("banner").get_by_role("link", name=names["call"], exact=True).is_visible()

        # The first screen has the crisis strip and the header's Call button; the bar waits for the page to move,
        # so it covers nothing there.
        assert_in_viewport(page, page.get_by_role("complementary", name="Crisis help" if path == "/" else "Ayuda en"))
        bar.wait_for(state="hidden")

        height = page.evaluate("document.documentElement.scrollHeight")
        assert height > 3 * PHONE["height"], f"{path} is not a long page"
        for where in (40, height // 2, height - PHONE["height"] - 200):
            scroll_to(page, where)
            bar.wait_for(state="visible")
            for link in (call, texting, crisis):
                assert_in_viewport(page, link)
            box = bar.bounding_box()
            assert box["y"] + box["height"] == pytest.approx(PHONE["height"], abs=1), (path, where, box)
        scroll_to(page, height)  # at the very end it sits under the footer, covering none of it
        footer, box = page.locator("footer").bounding_box(), bar.bounding_box()
        assert footer["y"] + footer["height"] <= box["y"] + 0.5, (footer, box)

        # Numbers never break: the bar's, and every number the page links to (on /es/financing/ one broke as
        # "(619) 555-" / "0100").
        assert call.locator(".phone-number").evaluate(LINES) == 1
        numbers = page.locator("main a[href^='tel:+']")
        assert numbers.count() > 0
        for index in range(numbers.count()):
            assert numbers.nth(index).evaluate(LINES) == 1, (path, numbers.nth(index).inner_text())

        hidden, visited = hidden_under_the_bar(page)
        assert visited > 10 and hidden == [], (path, hidden)

        assert_fits_the_width(page)
        assert_accessible(page)
