"""The accessibility helper every browser test leans on finds what it is there to find; screenshots are saved for
people to look at, and not where nobody will (TEST_SCREENSHOTS=0, as CI sets)."""

import pytest

from tests import browser
from tests.browser import assert_accessible, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_axe_reports_an_unlabelled_field_and_passes_the_same_field_labelled(page):
    page.set_content('<html lang="en"><title>t</title><main><h1>Form</h1><input type="text" id="name"></main></html>')
    assert [violation.split(":")[0] for violation in axe_violations(page)] == ["label"]

    page.set_content(
        '<html lang="en"><title>t</title><main><h1>Form</h1><label for="name">Name</label>'
        '<input type="text" id="name"></main></html>'
    )
    assert_accessible(page)


@pytest.mark.parametrize("wanted", [True, False])
def test_screenshots_are_saved_unless_switched_off(page, monkeypatch, tmp_path, wanted):
    monkeypatch.setattr(browser, "SCREENSHOT_DIR", tmp_path / "screenshots")
    monkeypatch.setattr(browser, "TAKE_SCREENSHOTS", wanted)
    page.set_content('<html lang="en"><title>t</title><main><h1>Page</h1></main></html>')

    browser.screenshot(page, "whole-page")
    browser.screenshot(page.locator("h1"), "heading")

    saved = sorted(path.name for path in (tmp_path / "screenshots").glob("*.png"))
    assert saved == (["heading.png", "whole-page.png"] if wanted else [])
