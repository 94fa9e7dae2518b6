"""Layout every public page shares: no sideways scroll, one heading style, the footer right below the last section."""

import pytest

from tests.browser import DESKTOP, PHONE, assert_fits_the_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/treatments/",
    "/treatments/iv-ketamine-infusion/",
    "/treatments/intramuscular-ketamine/",
    "/treatments/spravato/",
    "/treatments/ketamine-assisted-psychotherapy/",
    "/treatments/compare/",
    "/ketamine/",
    "/questions/",
    "/privacy/",
    "/accessibility/",
    "/medical-disclaimer/",
    "/no-such-page/",
]
# Headings styled smaller with Bootstrap's .h4-.h6 classes: card, box and footer headings.
SMALL_HEADINGS = ".h4, .h5, .h6"


def gap_above_the_footer(page):
    """Pixels between the bottom of the page's last section and the top of the footer."""
    return page.evaluate(
        """() => {
            const last = document.querySelector("main").lastElementChild;
            return document.querySelector("footer").getBoundingClientRect().top - last.getBoundingClientRect().bottom;
        }"""
    )


def heading_style(locator):
    return locator.evaluate("element => [getComputedStyle(element).fontWeight, getComputedStyle(element).color]")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_no_page_scrolls_sideways_or_leaves_a_band_above_the_footer(initial_content, page, live_server, viewport):
    page.set_viewport_size(viewport)
    for path in PAGES:
        page.goto(live_server.url + path)
        assert_fits_the_width(page)
        assert abs(gap_above_the_footer(page)) < 1, f"{path}: a band between the last section and the footer"


@pytest.mark.parametrize("path", ["/", "/treatments/spravato/", "/ketamine/", "/no-such-page/"])
def test_small_headings_share_the_site_heading_style(initial_content, page, live_server, path):
    page.goto(live_server.url + path)
    weight, colour = heading_style(page.locator("main h1"))
    small = page.locator(f"main :is(h2, h3):is({SMALL_HEADINGS})")
    assert small.count() > 0, path
    for index in range(small.count()):
        assert heading_style(small.nth(index)) == [weight, colour], small.nth(index).inner_text()
    footer = page.locator(f"footer :is({SMALL_HEADINGS})")
    assert footer.count() > 0 and all(
        footer.nth(index).evaluate("element => getComputedStyle(element).fontWeight") == weight
        for index in range(footer.count())
    )
