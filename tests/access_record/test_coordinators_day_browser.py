"""A coordinator's day in Chromium, as staff work: sign in, open five requests from the queue, search, export, log a
call. The access record then holds exactly those entries, in that order, and nothing a patient typed."""

import pytest
from django.db import connection

from access_record import crypto
from access_record.models import AccessEntry
from staff.roles import INTAKE_COORDINATORS
from tests.factories import CallBackRequestFactory
from tests.staff.second_factor import sign_in_through_the_login_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("initial_content")]
INTAKE = "waitlist.intakerequest"


def test_a_coordinators_day_leaves_exactly_its_entries(page, live_server):
    requests = [CallBackRequestFactory(first_name="Zoe", last_name="Quintero", email="zoe@example.com")]
    requests += [CallBackRequestFactory(first_name="Alex", last_name=f"Rivera{n}") for n in range(4)]
    start = AccessEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0

    coordinator = sign_in_through_the_login_page(page, live_server, username="maria", group=INTAKE_COORDINATORS)
    page.get_by_role("link", name="Intake requests").first.click()
    queue = page.url
    for entry in requests:  # open each from the queue, and back
        page.get_by_role("link", name=f"{entry.first_name} {entry.last_name}", exact=True).click()
        page.wait_for_url(f"**/{entry.pk}/change/")
        page.goto(queue)

    page.fill("#searchbar", "Zoe")
    page.press("#searchbar", "Enter")
    page.wait_for_url("**q=Zoe*")
    assert page.locator("#result_list tbody tr").count() == 1

    page.goto(queue)
    page.check("#action-toggle")
    page.select_option("select[name=action]", "export_csv")
    with page.expect_download() as download:
        page.get_by_role("button", name="Run the selected action").or_(page.locator("button[name=index]")).click()
    assert download.value.suggested_filename.endswith(".csv")

    page.get_by_role("link", name="Zoe Quintero", exact=True).click()
    page.select_option("#id_status", "contacted")
    page.select_option("#id_contact_attempts-0-outcome", "voicemail")
    page.fill("#id_contact_attempts-0-note", "Will call Zoe again Friday")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(queue + "*")

    enrolment, *recorded = AccessEntry.objects.filter(id__gt=start).order_by("id")
    assert (enrolment.action, enrolment.object_id) == ("second_factor_set_up", str(coordinator.pk))  # before the day
    ids = [str(entry.pk) for entry in requests]
    assert [(entry.action, entry.model, entry.object_id, entry.count) for entry in recorded] == [
        ("sign_in", "", "", None),
        *(("view", INTAKE, pk, None) for pk in ids),
        ("search", INTAKE, "", 1),
        *(("export", INTAKE, pk, None) for pk in sorted(ids, key=int)),
        ("view", INTAKE, ids[0], None),  # the change page opened to log the call
        ("status_change", INTAKE, ids[0], None),
        ("contact_entry", INTAKE, ids[0], None),
    ]
    assert {(entry.staff_id, entry.staff_username, entry.address) for entry in recorded} == {
        (coordinator.pk, "maria", "127.0.0.1")
    }
    assert recorded[-2].detail == "new → contacted"
    assert crypto.decrypt(token=recorded[6].search_words) == "Zoe"
    with connection.cursor() as cursor:  # every column of every entry, as the database holds it
        cursor.execute("SELECT * FROM access_record_accessentry")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    for patient_data in ("Zoe", "Quintero", "zoe@example.com", "Rivera", requests[1].phone, "Friday"):
        assert patient_data not in stored
