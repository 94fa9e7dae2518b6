"""The waitlist in a real browser: keyboard-only sign-up, error state, accessibility, screenshots."""

import pytest

from intake.models import IntakeRequest
from tests.browser import (
    PHONE,
    assert_accessible,
    assert_fits_the_width,
    save_screenshots,
    screenshot,
)

# The shipped site (clinic details, legal pages) around the form; `spravato` is then the shipped page.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("initial_content")]


def focus_field(page, label, role="textbox"):
    """Press Tab until the field with this accessible name has focus, as a keyboard user would."""
    target = page.get_by_role(role, name=label, exact=True)
    for _ in range(60):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {label!r}")


def test_keyboard_only_sign_up_ends_on_the_thank_you_page(spravato, page, live_server):
    page.goto(live_server.url + "/waitlist/spravato/")
    for label, value in (
        ("First name", "Ana"),
        ("Last name", "Núñez"),
        ("Email", "ana@example.com"),
        ("Phone number", "619 555 0144"),
    ):
        focus_field(page, label)
        page.keyboard.type(value)
    focus_field(page, "Phone call", "radio")
    page.keyboard.press("ArrowDown")  # radios move with arrow keys: Email
    focus_field(page, "Any time", "radio")
    page.keyboard.press("ArrowDown")  # Morning
    focus_field(page, "Private insurance (through work or bought yourself)", "radio")
    page.keyboard.press("Space")
    focus_field(page, "I am 18 or older.", "checkbox")
    page.keyboard.press("Space")
    focus_field(page, "The clinic may contact me about the waitlist.", "checkbox")
    page.keyboard.press("Space")
    focus_field(page, "You may also send me text messages (optional).", "checkbox")
    assert not page.get_by_role("checkbox", name="You may also send me text messages (optional).").is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "Join the waitlist"  # the honeypot is skipped
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/waitlist/spravato/thanks/")
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you"
    entry = IntakeRequest.objects.get()
    assert (entry.first_name, entry.last_name, entry.phone) == ("Ana", "Núñez", "+16195550144")
    assert (entry.preferred_contact, entry.best_time, entry.insurance) == ("email", "morning", "commercial")
    assert entry.is_adult and entry.contact_consent and not entry.sms_consent


def test_form_and_thank_you_page_have_no_accessibility_violations(spravato, page, live_server):
    page.goto(live_server.url + "/waitlist/spravato/")
    assert_accessible(page)
    page.goto(live_server.url + "/waitlist/spravato/thanks/")
    assert_accessible(page)


def test_error_state_moves_focus_to_the_summary_and_is_accessible(spravato, page, live_server):
    page.goto(live_server.url + "/waitlist/spravato/")
    page.get_by_role("textbox", name="Email", exact=True).fill("not-an-email")
    page.get_by_role("button", name="Join the waitlist").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.get_by_role("textbox", name="Email", exact=True).input_value() == "not-an-email"
    assert_accessible(page)
    page.get_by_role("link", name="Please enter your first name.").click()
    assert page.evaluate("document.activeElement.id") == "id_first_name"
    assert IntakeRequest.objects.count() == 0


def test_screenshots_of_the_waitlist_pages(spravato, page, live_server):
    save_screenshots(page, live_server.url + "/waitlist/spravato/", "waitlist-form")
    assert page.get_by_role("button", name="Join the waitlist").is_visible()
    assert page.get_by_text("do not put health details in this form").is_visible()
    save_screenshots(page, live_server.url + "/waitlist/spravato/thanks/", "waitlist-thanks")
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you"
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/waitlist/spravato/")
    page.get_by_role("button", name="Join the waitlist").click()
    page.wait_for_selector("#error-summary")
    screenshot(page, "waitlist-errors-390")
    summary = page.locator("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    top = summary.bounding_box()["y"]
    assert 0 <= top < PHONE["height"], "the focused summary is scrolled onto the screen"
    assert summary.get_by_role("link", name="Please enter your first name.").is_visible()
    assert_fits_the_width(page)
    assert page.locator(".waitlist-hp").bounding_box()["x"] < 0
    assert IntakeRequest.objects.count() == 0


def test_leave_pages_and_the_rate_limit_page_have_no_accessibility_violations(spravato, page, live_server, settings):
    from intake.services import removal_token
    from tests.factories import IntakeRequestFactory

    entry = IntakeRequestFactory(treatment=spravato)
    page.goto(f"{live_server.url}/waitlist/leave/{removal_token(entry=entry)}/")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, take me off the list").click()
    page.wait_for_load_state()
    assert_accessible(page)
    entry.refresh_from_db()
    assert entry.status == IntakeRequest.Status.WITHDRAWN

    page.goto(f"{live_server.url}/waitlist/leave/not-a-real-token/")
    assert_accessible(page)

    settings.WAITLIST_POST_RATE_LIMIT = "1/m"  # empty forms: only the all-posts limit counts them
    for _ in range(2):
        page.goto(live_server.url + "/waitlist/spravato/")
        page.get_by_role("button", name="Join the waitlist").click()
        page.wait_for_load_state()
    assert page.get_by_role("heading", name="Please try again later").is_visible()
    assert_accessible(page)


def test_a_form_the_site_cannot_read_shows_an_accessible_400_page(spravato, page, live_server):
    # The browser sends the form as usual; on its way out the route relabels it as UTF-16,
    # as a broken client would. What comes back is the page a visitor would see.
    def relabel_as_utf16(route):
        headers = {**route.request.headers, "content-type": "application/x-www-form-urlencoded; charset=utf-16"}
        route.continue_(headers=headers)

    page.goto(live_server.url + "/waitlist/spravato/")
    page.route(
        live_server.url + "/waitlist/spravato/",
        lambda route: relabel_as_utf16(route) if route.request.method == "POST" else route.continue_(),
    )
    page.get_by_role("textbox", name="First name", exact=True).fill("Ana")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.get_by_role("button", name="Join the waitlist").click()
    assert answer.value.status == 400
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "We couldn’t read what your browser sent"
    assert IntakeRequest.objects.count() == 0
    assert_accessible(page)
