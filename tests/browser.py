"""Helpers for the Playwright tests: axe-core accessibility checks and screenshots."""

import os
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

SCREENSHOT_DIR = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
# Screenshots are for people to look at; `.ci/run` sets TEST_SCREENSHOTS=0, as nobody looks at CI's (the checks
# beside them still run).
TAKE_SCREENSHOTS = os.environ.get("TEST_SCREENSHOTS", "1") != "0"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

_axe = Axe()


def axe_violations(page):
    """axe-core's WCAG 2.x A/AA violations on the page as it is now, as readable strings."""
    results = _axe.run(
        page,
        options={
            "resultTypes": ["violations"],  # the rules all run; only failures are collected and sent back
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
            },
        },
    )
    return [
        f"{violation['id']}: {violation['help']} at {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
    ]


def screenshot(target, name, *, full_page=True):
    """Save test-artifacts/screenshots/`name`.png of a page (the whole page unless `full_page` is False) or of a
    locator's element; nothing when TEST_SCREENSHOTS=0."""
    if not TAKE_SCREENSHOTS:
        return
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    if hasattr(target, "set_viewport_size"):  # a page
        target.screenshot(path=SCREENSHOT_DIR / f"{name}.png", full_page=full_page)
    else:
        target.screenshot(path=SCREENSHOT_DIR / f"{name}.png")


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)


def assert_fits_the_width(page):
    """Nothing forces sideways scrolling at the current viewport width."""
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways at {width} px ({scroll_width} px wide)"


def assert_in_viewport(page, locator):
    """`locator` is visible and wholly inside the first screen, without scrolling."""
    assert locator.is_visible(), locator
    box, viewport = locator.bounding_box(), page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], (locator, box)
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (locator, box)


# The shipped names of the crisis strip and of the header's call link, in each language of the site.
LAYOUT_NAMES = {
    "en": ("Crisis help", "Call the clinic at (619)"),
    "es": ("Ayuda en crisis", "Llamar a la clínica al (619)"),
}


# Scrolls to the top until the page stays there for two frames: an address with a #fragment may still be scrolling
# (smoothly, as Bootstrap asks) towards its target when the test looks.
_TO_THE_TOP = """async () => {
    const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    for (let tries = 0, still = 0; tries < 50 && still < 2; tries++) {
        window.scrollTo({top: 0, behavior: "instant"});
        await frames();
        still = window.scrollY === 0 ? still + 1 : 0;
    }
}"""


def scroll_to_the_top(page):
    page.evaluate(_TO_THE_TOP)


def assert_public_page_layout(page):
    """What every public page shows on a first screen at any width, in its language: crisis help, a call link, one
    heading."""
    assert_fits_the_width(page)
    scroll_to_the_top(page)
    crisis_name, call_name = LAYOUT_NAMES[page.locator("html").get_attribute("lang")]
    crisis = page.get_by_role("complementary", name=crisis_name)
    assert_in_viewport(page, crisis)
    assert_in_viewport(page, crisis.get_by_role("link", name="988"))
    assert_in_viewport(page, page.get_by_role("banner").get_by_role("link", name=call_name))
    assert page.locator("h1:visible").count() == 1


def check_at_both_widths(page, name):
    """The page as it stands (a form's answer cannot be loaded again): it fits, axe finds nothing, and a screenshot
    is saved, at 390 and at 1280 px. Leaves the page at 1280 px."""
    for label, viewport in (("390", PHONE), ("1280", DESKTOP)):
        page.set_viewport_size(viewport)
        assert_fits_the_width(page)
        assert_accessible(page)
        screenshot(page, f"{name}-{label}")


def save_screenshots(page, url, name, *, status=200, check=assert_public_page_layout):
    """Save phone- and desktop-width full-page screenshots for people to look at, asserting at each width.

    At each width the page must answer `status` and pass `check` (by default: fits the width, crisis
    help and the call link on the first screen, one visible h1), so a screenshot test can fail.
    """
    for label, viewport in (("390", PHONE), ("1280", DESKTOP)):
        page.set_viewport_size(viewport)
        response = page.goto(url) or page.reload()  # the same address with a #fragment only scrolls: load it again
        assert response.status == status, (url, response.status)
        screenshot(page, f"{name}-{label}")
        check(page)
