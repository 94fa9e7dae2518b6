"""The call-back request in a real browser: without JavaScript, and accessible on every page of the flow."""

import pytest
from playwright.sync_api import expect

from intake.models import IntakeRequest
from tests.browser import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_fits_the_width,
    save_screenshots,
    screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("initial_content")]
FORM = "/treatments/iv-ketamine-infusion/request-a-call/"


def fill_the_form(page):
    page.get_by_role("textbox", name="First name", exact=True).fill("Ana")
    page.get_by_role("textbox", name="Last name", exact=True).fill("Núñez")
    page.get_by_role("textbox", name="Phone number", exact=True).fill("619 555 0144")
    page.get_by_role("radio", name="Phone call").check()
    page.get_by_role("checkbox", name="I am 18 or older.").check()
    page.get_by_role("checkbox", name="The clinic may contact me about my request.").check()


def test_the_flow_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/treatments/iv-ketamine-infusion/")
        page.get_by_role("link", name="Request a call back").click()
        page.wait_for_url(live_server.url + FORM)
        page.get_by_role("button", name="Request a call back").click()  # empty: errors, no script needed
        expect(page.locator("#error-summary")).to_be_visible()  # the answer is a new page: wait for it
        fill_the_form(page)
        page.get_by_role("button", name="Request a call back").click()
        page.wait_for_url(live_server.url + FORM + "thanks/")
        assert page.get_by_role("heading", level=1).inner_text() == "Thank you"
    finally:
        context.close()
    entry = IntakeRequest.objects.get()
    assert (entry.kind, entry.phone, entry.email) == ("call_back", "+16195550144", "")


def test_every_page_of_the_flow_is_accessible_at_both_widths(page, live_server):
    from intake.services import removal_path

    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        IntakeRequest.objects.all().delete()
        page.goto(live_server.url + FORM)
        assert_accessible(page)
        page.get_by_role("textbox", name="Phone number", exact=True).fill("12")
        page.get_by_role("button", name="Request a call back").click()
        page.wait_for_selector("#error-summary")
        assert page.evaluate("document.activeElement.id") == "error-summary"
        assert page.get_by_role("textbox", name="Phone number", exact=True).input_value() == "12"
        assert_accessible(page)
        assert_fits_the_width(page)
        fill_the_form(page)
        page.get_by_role("button", name="Request a call back").click()
        page.wait_for_url(live_server.url + FORM + "thanks/")
        assert_accessible(page)
        page.goto(live_server.url + removal_path(entry=IntakeRequest.objects.get()))
        assert_accessible(page)
        page.get_by_role("button", name="Yes, cancel my request").click()
        page.wait_for_url(live_server.url + FORM + "cancelled/")
        assert_accessible(page)
        page.goto(live_server.url + FORM + "cancel/not-a-real-token/")
        assert_accessible(page)
    assert IntakeRequest.objects.get().status == "withdrawn"


def test_screenshots_of_the_call_back_pages(page, live_server):
    save_screenshots(page, live_server.url + "/treatments/iv-ketamine-infusion/", "treatment-with-call-back")
    save_screenshots(page, live_server.url + FORM, "call-back-form")
    assert page.get_by_text("do not put health details in this form").is_visible()
    save_screenshots(page, live_server.url + FORM + "thanks/", "call-back-thanks")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + FORM)
    page.get_by_role("button", name="Request a call back").click()
    page.wait_for_selector("#error-summary")
    screenshot(page, "call-back-errors-390")


def test_the_coordinators_queue_fits_at_1280_with_click_to_call(page, live_server):
    from django.conf import settings

    from staff.roles import INTAKE_COORDINATORS
    from tests.factories import CallBackRequestFactory, IntakeRequestFactory
    from tests.staff.second_factor import sign_in_through_the_login_page

    CallBackRequestFactory(first_name="Maximiliana", last_name="Fernández-Oyelaran", phone="+16195550142")
    IntakeRequestFactory(first_name="Ana", email="a.very.long.address.for.testing@example.com")
    sign_in_through_the_login_page(page, live_server, username="intake", group=INTAKE_COORDINATORS)
    admin = f"{live_server.url}/{settings.ADMIN_URL}"
    assert page.locator(".intake-dashboard").is_visible()
    screenshot(page, "admin-index-coordinator-1280")
    page.goto(admin + "waitlist/intakerequest/")
    screenshot(page, "admin-intake-queue-1280")
    assert_fits_the_width(page)
    results = page.locator("#changelist .results").bounding_box()
    for column in ("name", "phone_link", "email_link", "language", "waiting_since", "confirmation"):
        box = page.locator(f"#result_list th.column-{column}").bounding_box()
        assert box["x"] + box["width"] <= results["x"] + results["width"], f"{column} is cut off"
    assert page.locator("#result_list a[href='tel:+16195550142']").inner_text() == "(619) 555-0142"
