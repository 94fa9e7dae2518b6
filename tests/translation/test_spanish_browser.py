"""The Spanish twin of every public page in a real browser: no axe violations at 390 and 1280 px, errors included."""

import pytest

from intake.models import IntakeRequest
from tests.browser import DESKTOP, PHONE, assert_accessible, assert_fits_the_width
from tests.sitetext.test_page_texts_are_data import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("initial_content")]

WIDTHS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
CALL_BACK_FORM = "/es/treatments/iv-ketamine-infusion/request-a-call/"


def open_spanish(page, url, *, status=200):
    response = page.goto(url)
    assert response.status == status, (url, response.status)
    assert page.locator("html").get_attribute("lang") == "es"


@pytest.mark.parametrize("path", [*(f"/es{path}" for path in PAGES), "/es/no-existe/"])
def test_each_spanish_page_has_no_accessibility_violations_at_both_widths(page, live_server, path):
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        open_spanish(page, live_server.url + path, status=404 if path == "/es/no-existe/" else 200)
        assert page.locator("h1:visible").count() == 1
        assert_accessible(page)
        assert_fits_the_width(page)


def test_the_english_language_assistance_notice_is_accessible_at_both_widths(page, live_server):
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.goto(live_server.url + "/language-assistance/")
        assert_accessible(page)


def send_with_errors(page, url, field, value):
    """Send the form with one bad value, as a visitor would, and wait for the error summary."""
    open_spanish(page, url)
    page.locator(f"#{field}").fill(value)
    page.locator("main form [type=submit]").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.locator("html").get_attribute("lang") == "es"


@WIDTHS
def test_the_spanish_waitlist_form_is_accessible_blank_and_with_errors(spravato, page, live_server, viewport):
    page.set_viewport_size(viewport)
    open_spanish(page, live_server.url + "/es/waitlist/spravato/")
    assert_accessible(page)
    send_with_errors(page, live_server.url + "/es/waitlist/spravato/", "id_email", "no-es-un-correo")
    summary = page.locator("#error-summary")
    assert summary.get_by_role("link").count() > 1
    assert "Please enter your first name." not in summary.inner_text()  # the errors are in Spanish too
    assert_accessible(page)
    assert_fits_the_width(page)
    assert IntakeRequest.objects.count() == 0


@WIDTHS
def test_the_spanish_call_back_form_is_accessible_blank_and_with_errors(page, live_server, viewport):
    page.set_viewport_size(viewport)
    open_spanish(page, live_server.url + CALL_BACK_FORM)
    assert_accessible(page)
    send_with_errors(page, live_server.url + CALL_BACK_FORM, "id_phone", "12")
    assert page.locator("#id_phone").input_value() == "12"
    assert_accessible(page)
    assert_fits_the_width(page)
    assert IntakeRequest.objects.count() == 0


@WIDTHS
def test_the_spanish_financing_estimator_is_accessible_with_errors(page, live_server, viewport):
    page.set_viewport_size(viewport)
    open_spanish(page, live_server.url + "/es/financing/?amount=1e3&plan=")
    page.get_by_role("alert").wait_for()
    assert_accessible(page)
    assert_fits_the_width(page)
