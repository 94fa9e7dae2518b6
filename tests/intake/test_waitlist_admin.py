"""The waitlist in admin: who may see it, the default view, bulk actions, search and CSV export."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from intake.models import ContactAttempt, IntakeRequest
from intake.services import FORMULA_STARTS
from staff.roles import CONTENT_EDITORS
from tests.factories import IntakeRequestFactory, waitlist_form_data
from tests.markup import soup, text

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:waitlist_intakerequest_changelist")
SCRIPT = "<script>alert(1)</script>"
EMPTY_CONTACT_LOG = {
    "contact_attempts-TOTAL_FORMS": "0",
    "contact_attempts-INITIAL_FORMS": "0",
    "contact_attempts-MIN_NUM_FORMS": "0",
    "contact_attempts-MAX_NUM_FORMS": "1000",
}


def test_content_editors_cannot_see_waitlist_entries(staff_client):
    entry = IntakeRequestFactory()
    editor = staff_client(CONTENT_EDITORS)
    assert editor.get(CHANGELIST).status_code == 403
    assert editor.get(reverse("admin:waitlist_intakerequest_change", args=[entry.pk])).status_code == 403


def test_coordinators_can_work_the_list_but_not_add_or_delete(coordinator):
    entry = IntakeRequestFactory()
    assert coordinator.get(CHANGELIST).status_code == 200
    assert coordinator.get(reverse("admin:waitlist_intakerequest_change", args=[entry.pk])).status_code == 200
    assert coordinator.get(reverse("admin:waitlist_intakerequest_add")).status_code == 403
    assert coordinator.get(reverse("admin:waitlist_intakerequest_delete", args=[entry.pk])).status_code == 403


def test_changelist_shows_active_entries_by_default(coordinator):
    active = IntakeRequestFactory(first_name="Activa")
    IntakeRequestFactory(first_name="Gonewith", status="withdrawn")
    IntakeRequestFactory(first_name="Saidno", status="declined")
    html = coordinator.get(CHANGELIST).content.decode()
    assert "Activa" in html and "Gonewith" not in html and "Saidno" not in html
    closed = coordinator.get(CHANGELIST + "?list=closed").content.decode()
    assert "Gonewith" in closed and "Saidno" in closed and "Activa" not in closed
    everyone = coordinator.get(CHANGELIST + "?list=all")
    assert set(everyone.context["cl"].result_list) == set(IntakeRequest.objects.all())
    assert (
        active
        in coordinator.get(CHANGELIST + f"?status__exact=new&treatment__id__exact={active.treatment_id}")
        .context["cl"]
        .result_list
    )


@pytest.mark.parametrize("term", ["Rivera", "pat@EXAMPLE.com", "(619) 555-0123", "+16195550123"])
def test_search_by_name_email_and_phone(coordinator, term):
    match = IntakeRequestFactory(email="pat@example.com")
    IntakeRequestFactory(last_name="Other", email="other@example.com", phone="+16195550999")
    assert list(coordinator.get(CHANGELIST, {"q": term}).context["cl"].result_list) == [match]


def test_names_with_html_are_escaped_in_the_changelist_and_change_form(coordinator):
    entry = IntakeRequestFactory(first_name=SCRIPT)
    for url in (CHANGELIST, reverse("admin:waitlist_intakerequest_change", args=[entry.pk])):
        page = soup(coordinator.get(url))
        assert not [script for script in page.find_all("script") if "alert" in script.get_text()]
    listed = soup(coordinator.get(CHANGELIST)).select_one("#result_list .field-name")
    assert text(listed) == f"{SCRIPT} {entry.last_name}"  # shown as the text it is
    change = soup(coordinator.get(reverse("admin:waitlist_intakerequest_change", args=[entry.pk])))
    assert change.find("input", attrs={"name": "first_name"})["value"] == SCRIPT


@pytest.mark.parametrize("status", ["contacted", "scheduled", "enrolled", "declined"])
def test_bulk_status_actions_record_who_did_it(coordinator, status):
    entries = [IntakeRequestFactory(), IntakeRequestFactory()]
    response = coordinator.post(
        CHANGELIST, {"action": f"mark_{status}", "_selected_action": [entry.pk for entry in entries]}, follow=True
    )
    assert response.status_code == 200
    for entry in entries:
        entry.refresh_from_db()
        assert entry.status == status
        assert entry.history.first().history_user.username == "intake"


def test_reopening_a_declined_entry_when_the_person_rejoined_is_skipped_not_a_crash(coordinator):
    declined = IntakeRequestFactory(email="pat@example.com", status="declined")
    IntakeRequestFactory(email="pat@example.com", treatment=declined.treatment)
    response = coordinator.post(
        CHANGELIST + "?list=all", {"action": "mark_contacted", "_selected_action": [declined.pk]}, follow=True
    )
    assert "already has an active entry" in response.content.decode()
    declined.refresh_from_db()
    assert declined.status == "declined"


def test_change_form_refuses_a_second_active_entry_with_a_clear_error(coordinator):
    declined = IntakeRequestFactory(email="pat@example.com", status="declined")
    IntakeRequestFactory(email="pat@example.com", treatment=declined.treatment)
    url = reverse("admin:waitlist_intakerequest_change", args=[declined.pk])
    data = {
        "status": "new",
        **EMPTY_CONTACT_LOG,
        "first_name": "Pat",
        "last_name": "Lee",
        "email": "pat@example.com",
        "phone": "+16195550123",
        "preferred_contact": "phone",
        "best_time": "any",
        "insurance": "not_sure",
        "referral": "",
    }
    response = coordinator.post(url, data)
    assert response.status_code == 200
    assert "already has an active entry" in response.content.decode()
    declined.refresh_from_db()
    assert declined.status == "declined"


def test_change_history_is_shown(coordinator):
    entry = IntakeRequestFactory()
    response = coordinator.get(reverse("admin:waitlist_intakerequest_history", args=[entry.pk]))
    assert response.status_code == 200


def test_csv_export_neutralizes_formulas_and_keeps_text_as_text(coordinator):
    formula = IntakeRequestFactory(first_name='=HYPERLINK("http://evil")', last_name="+SUM(1)")
    ContactAttempt.objects.create(request=formula, outcome="note", note="@cmd")
    script = IntakeRequestFactory(first_name=SCRIPT, last_name="-5")
    response = coordinator.post(CHANGELIST, {"action": "export_csv", "_selected_action": [formula.pk, script.pk]})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_id = {row["Entry"]: row for row in rows}
    assert by_id[str(formula.pk)]["First name"] == '\'=HYPERLINK("http://evil")'
    assert by_id[str(formula.pk)]["Last name"] == "'+SUM(1)"
    assert by_id[str(formula.pk)]["Contact log"].endswith("Note only: @cmd")
    assert not by_id[str(formula.pk)]["Contact log"].startswith(FORMULA_STARTS)
    assert by_id[str(script.pk)]["First name"] == SCRIPT
    assert by_id[str(script.pk)]["Last name"] == "'-5"
    assert by_id[str(script.pk)]["Phone"] == "(619) 555-0123"  # national format: no formula guard needed


def test_coordinators_see_whether_each_confirmation_email_was_sent(coordinator, initial_content, run_worker, settings):
    settings.EMAIL_BACKEND = "tests.intake.test_waitlist_services.BrokenMailBackend"
    assert (
        Client()
        .post("/waitlist/spravato/", waitlist_form_data(first_name="Waiting", email="w@example.com"))
        .status_code
        == 302
    )
    run_worker()  # the mail server is down: the confirmation stays owed
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert (
        Client().post("/waitlist/spravato/", waitlist_form_data(first_name="Sent", email="s@example.com")).status_code
        == 302
    )
    run_worker()

    rows = BeautifulSoup(coordinator.get(CHANGELIST).content, "html.parser").select("#result_list tbody tr")
    states = {
        row.select_one(".field-name").get_text().split()[0]: row.select_one(".field-confirmation").get_text()
        for row in rows
    }
    assert states["Waiting"] == "Waiting to send (tried once)"
    assert states["Sent"].startswith("Sent ")
