"""A waitlist entry's own status page and a check-in, end to end in a real browser, in both languages: the link from
the email, changing details (with the error state), answering a check-in, leaving. axe finds nothing at 390 and
1280 px on any of these pages, and screenshots are saved to look at."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from intake.models import IntakeRequest
from intake.services.checkins import send_due_check_ins
from outbox.models import OutgoingEmail
from sitetext.selectors import current_texts
from tests.browser import PHONE, assert_accessible, check_at_both_widths, save_screenshots
from tests.factories import waitlist_form_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("initial_content")]
LANGUAGES = pytest.mark.parametrize("language", ["en", "es"])


def prefix(language):
    return "/es" if language == "es" else ""


def link_in(email):
    """The path of the status link in an email's text (the host is the site's, not the test server's)."""
    return urlsplit(next(word for word in email.body.split() if "/waitlist/status/" in word)).path


@LANGUAGES
def test_the_status_page_from_the_confirmation_link(spravato, page, live_server, client, language):
    texts = current_texts(language)
    client.post(f"{prefix(language)}/waitlist/spravato/", waitlist_form_data(email="ana@example.org"))
    entry = IntakeRequest.objects.get()
    status = live_server.url + link_in(entry.confirmation_email)
    save_screenshots(page, status, f"status-{language}")
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_role("heading", level=1).inner_text() == texts["status.heading"].format(treatment="Spravato")
    check_at_both_widths(page, f"status-{language}")

    # A mistyped phone number: the summary takes the focus and links to the field.
    page.set_viewport_size(PHONE)
    phone = page.locator("#id_phone-phone")
    phone.fill("12")
    phone.press("Enter")
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    check_at_both_widths(page, f"status-errors-{language}")
    page.get_by_role("link", name=texts["intake.form.phone_invalid"]).click()
    assert page.evaluate("document.activeElement.id") == "id_phone-phone"

    # The right number, saved.
    page.locator("#id_phone-phone").fill("858 555 0177")
    page.get_by_role("button", name=texts["status.phone.submit"]).click()
    page.wait_for_selector("[role=status]")
    assert page.get_by_role("status").inner_text() == texts["status.saved.phone"]
    entry.refresh_from_db()
    assert entry.phone == "+18585550177"
    check_at_both_widths(page, f"status-saved-{language}")

    # Leaving, from the page.
    page.get_by_role("button", name=texts["status.leave.submit"]).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == texts["waitlist.left.heading"]
    entry.refresh_from_db()
    assert entry.status == "withdrawn" and entry.withdrawn_by_patient
    # The link still opens the page: the place is closed, nothing to change.
    page.goto(status)
    assert page.locator(".lead").inner_text() == texts["status.lead.closed"]
    assert page.locator("main form").count() == 0
    check_at_both_widths(page, f"status-closed-{language}")


@LANGUAGES
def test_a_check_in_answered_from_the_email(spravato, page, live_server, language):
    from tests.factories import IntakeRequestFactory

    texts = current_texts(language)
    entry = IntakeRequestFactory(language=language, treatment=spravato)  # the shipped menu
    joined = timezone.now() - timedelta(weeks=12, hours=1)
    IntakeRequest.objects.filter(pk=entry.pk).update(created_at=joined)
    assert send_due_check_ins().sent == 1
    email = OutgoingEmail.objects.get(purpose="waitlist.check_in")
    assert email.subject == texts["email.check_in.subject"].format(treatment=entry.treatment.name)
    path = link_in(email)
    assert path.startswith(f"{prefix(language)}/waitlist/status/")
    save_screenshots(page, live_server.url + path, f"check-in-{language}")
    question = page.get_by_role("region", name=texts["status.check_in.heading"])
    assert question.is_visible()
    check_at_both_widths(page, f"check-in-{language}")
    question.get_by_role("button", name=texts["status.check_in.yes"]).click()
    page.wait_for_selector("[role=status]")
    assert page.get_by_role("status").inner_text() == texts["status.saved.yes"]
    assert page.get_by_role("region", name=texts["status.check_in.heading"]).count() == 0
    entry.refresh_from_db()
    assert entry.last_confirmed_at is not None and entry.check_ins.get().answer == "yes"
    check_at_both_widths(page, f"check-in-answered-{language}")


@LANGUAGES
def test_an_inactive_entry_and_a_broken_link(spravato, page, live_server, language):
    from intake.services import status_path
    from tests.factories import IntakeRequestFactory

    texts = current_texts(language)
    entry = IntakeRequestFactory(language=language, treatment=spravato, inactive_since=timezone.now())
    from django.utils import translation

    with translation.override(language):
        path = status_path(entry=entry)
    page.goto(live_server.url + path)
    assert page.locator(".lead").inner_text() == texts["status.lead.inactive"]
    check_at_both_widths(page, f"status-inactive-{language}")
    page.get_by_role("button", name=texts["status.check_in.no_longer"]).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == texts["waitlist.left.heading"]
    assert_accessible(page)
    page.goto(f"{live_server.url}{prefix(language)}/waitlist/status/not-a-token/")
    assert page.get_by_role("heading", level=1).inner_text() == texts["status.link.broken_heading"]
    check_at_both_widths(page, f"status-broken-link-{language}")


def test_coordinators_see_check_ins_in_the_queue_and_on_the_request(spravato, page, live_server):
    from django.conf import settings

    from staff.roles import INTAKE_COORDINATORS
    from tests.factories import IntakeRequestFactory
    from tests.staff.second_factor import sign_in_through_the_login_page

    now = timezone.now()
    IntakeRequestFactory(treatment=spravato, first_name="Ines", last_name="Onhold", inactive_since=now)
    dana = IntakeRequestFactory(treatment=spravato, first_name="Dana", last_name="Answered")
    confirmed = IntakeRequestFactory(treatment=spravato, first_name="Cato", last_name="Confirmed")
    IntakeRequest.objects.filter(pk=confirmed.pk).update(created_at=now - timedelta(weeks=12, hours=1))
    IntakeRequest.objects.filter(pk=dana.pk).update(created_at=now - timedelta(weeks=20))
    assert send_due_check_ins().sent == 2  # Cato and Dana; Ines is inactive: never asked again
    IntakeRequest.objects.filter(pk=dana.pk).update(last_confirmed_at=now)
    sign_in_through_the_login_page(page, live_server, username="intake", group=INTAKE_COORDINATORS)
    admin = f"{live_server.url}/{settings.ADMIN_URL}waitlist/intakerequest/"
    page.goto(admin)
    rows = page.locator("#result_list tbody tr")
    assert (
        rows.filter(has_text="Ines Onhold")
        .locator(".intake-check-in")
        .inner_text()
        .startswith("Inactive: no answer to two check-ins since")
    )
    assert rows.filter(has_text="Dana Answered").locator(".intake-check-in").inner_text().startswith("Last confirmed")
    check_at_both_widths(page, "intake-queue-check-ins")
    page.goto(admin + "?check_in=unanswered")
    names = page.locator("#result_list tbody tr th").all_inner_texts()
    assert [name.strip() for name in names] == ["Cato Confirmed"]
    page.goto(f"{admin}{confirmed.pk}/change/")
    assert page.locator(".field-check_ins .readonly").inner_text().startswith("Sent ")
    check_at_both_widths(page, "intake-request-check-ins")
