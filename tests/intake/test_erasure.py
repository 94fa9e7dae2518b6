"""Erasing a person at their request: every request of theirs (by email or phone), its history, contact log and
every email to them go; nobody else's; the access record keeps ids and counts only; and neither a dump of the
database nor the bytes of the SQLite file hold anything of theirs afterwards. Also: deleting a request by any
path leaves no history row with its data, and the cache holds nothing about a person to erase."""

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from access_record.models import AccessEntry
from intake.models import ContactAttempt, IntakeRequest
from intake.services import erasure
from intake.services.retention import purge
from outbox.models import OutgoingEmail
from staff.roles import INTAKE_COORDINATORS, PRIVACY_OFFICERS
from tests.factories import waitlist_form_data
from tests.intake.people import ANA_DETAILS, people, stored_details
from tests.markup import soup, text
from tests.support.dumps import pg_dump

PROJECT = Path(__file__).resolve().parents[2]
FIND = reverse("admin:waitlist_intakerequest_find_person")
QUEUE = reverse("admin:waitlist_intakerequest_changelist")


def erase_url(entry):
    return reverse("admin:waitlist_intakerequest_erase", args=[entry.pk])


def emails_to(address):
    return [email for email in OutgoingEmail.objects.all() if email.recipient.strip().casefold() == address.casefold()]


def every_stored_value():
    """Every value of every row of every table, as the database holds it (ciphertext stays ciphertext)."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            yield from (str(value) for row in cursor.fetchall() for value in row)


# --- the service ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_erasing_a_person_removes_each_of_their_requests_with_its_history_log_and_emails_and_nobody_else_s():
    ana_waitlist, ana_call_back, ana_withdrawn, bea = people()
    ana_ids = [ana_waitlist.pk, ana_call_back.pk, ana_withdrawn.pk]
    staff_notices = OutgoingEmail.objects.filter(purpose__contains=".staff").count()
    assert len(emails_to("zephyrine.q@example.org")) == 3 and staff_notices == 5
    bea_history = IntakeRequest.history.filter(id=bea.pk).count()
    boss = User.objects.create_superuser("boss", password="a-long-test-password")

    erased = erasure.erase_person(request=ana_waitlist, by=boss, http_request=None)

    assert sorted(erased.request_ids) == sorted(ana_ids)
    assert (erased.contact_lines, erased.emails) == (2, 3)
    assert erased.history_rows == 2 + 2 + 2 + 2  # created and contacted (two), created and withdrawn; two log lines
    assert list(IntakeRequest.objects.all()) == [bea]
    assert not IntakeRequest.history.filter(id__in=ana_ids).exists()
    assert not ContactAttempt.objects.filter(request__in=ana_ids).exists()
    assert not ContactAttempt.history.filter(request_id__in=ana_ids).exists()
    assert emails_to("zephyrine.q@example.org") == []
    # Bea, and the staff notices (which carry no patient details), are as they were.
    assert IntakeRequest.history.filter(id=bea.pk).count() == bea_history
    assert ContactAttempt.history.filter(request_id=bea.pk).count() == 1
    assert len(emails_to("octavian@example.org")) == 1
    assert OutgoingEmail.objects.filter(purpose__contains=".staff").count() == staff_notices
    # What stays is the access record's note: who, and the requests' numbers and counts.
    entries = AccessEntry.objects.filter(action=AccessEntry.Action.ERASURE)
    assert sorted(int(entry.object_id) for entry in entries) == sorted(ana_ids)
    assert {(entry.staff_username, entry.model, entry.count) for entry in entries} == {
        ("boss", "waitlist.intakerequest", 3)
    }
    assert entries[0].detail == "erased together: 3 requests, 2 contact log lines, 8 history entries, 3 emails"
    stored = " ".join(every_stored_value()).casefold()
    assert [detail for detail in ANA_DETAILS if detail.casefold() in stored] == []


@pytest.mark.django_db
def test_a_request_left_out_stays_with_its_confirmation():
    ana_waitlist, ana_call_back, ana_withdrawn, bea = people()
    boss = User.objects.create_superuser("boss", password="a-long-test-password")
    kept_confirmation = ana_withdrawn.confirmation_email_id
    erased = erasure.erase_person(
        request=ana_waitlist, by=boss, http_request=None, request_ids=[ana_waitlist.pk, ana_call_back.pk, bea.pk]
    )
    assert erased.request_ids == [ana_waitlist.pk, ana_call_back.pk]  # Bea is not Ana's: never erased with her
    assert set(IntakeRequest.objects.all()) == {ana_withdrawn, bea}
    assert [email.pk for email in emails_to("zephyrine.q@example.org")] == [kept_confirmation]
    assert IntakeRequest.history.filter(id=ana_withdrawn.pk).count() == 2


# --- the admin ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_coordinators_may_not_erase_anyone(staff_client):
    coordinator = staff_client(INTAKE_COORDINATORS)
    entry = people()[0]
    change = soup(coordinator.get(reverse("admin:waitlist_intakerequest_change", args=[entry.pk])))
    assert change.select(".object-tools a") and not change.select(".erase-person-link")
    assert soup(coordinator.get(reverse("admin:index"))).select_one(".privacy-requests") is None
    assert coordinator.get(FIND).status_code == 403
    assert coordinator.post(FIND, {"contact": "zephyrine.q@example.org"}).status_code == 403
    assert coordinator.get(erase_url(entry)).status_code == 403
    assert coordinator.post(erase_url(entry), {"requests": [entry.pk]}).status_code == 403
    assert IntakeRequest.objects.count() == 4
    assert not AccessEntry.objects.filter(action__startswith="erasure").exists()


@pytest.mark.django_db
def test_a_privacy_officer_finds_the_person_sees_what_would_go_without_their_details_and_erases_them(staff_client):
    officer = staff_client(PRIVACY_OFFICERS, username="privacy")
    ana_waitlist, ana_call_back, ana_withdrawn, bea = people()
    home = soup(officer.get(reverse("admin:index")))
    assert [link["href"] for link in home.select(".privacy-requests a")] == [FIND]

    found = officer.post(FIND, {"contact": "(619) 555-0142"})
    assert found.status_code == 302 and found["Location"] == erase_url(ana_waitlist)  # the earliest request
    page = officer.get(found["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert [detail for detail in ANA_DETAILS if detail in html] == []
    rows = {row.select_one("input")["value"]: row for row in soup(page).select("#erase-requests tbody tr")}
    assert set(rows) == {str(ana_waitlist.pk), str(ana_call_back.pk), str(ana_withdrawn.pk)}
    assert all(row.select_one("input").has_attr("checked") for row in rows.values())
    columns = ["treatment", "status", "asked on", "last change", "found by", "contact log lines", "history entries"]
    listed = {pk: dict(zip(columns, map(text, row.select("td")), strict=True)) for pk, row in rows.items()}
    assert listed[str(ana_waitlist.pk)]["found by"] == "the request you chose"
    assert {key: listed[str(ana_call_back.pk)][key] for key in columns[4:]} == {
        "found by": "the same phone", "contact log lines": "1", "history entries": "3",
    }  # fmt: skip
    withdrawn = listed[str(ana_withdrawn.pk)]
    assert (withdrawn["status"], withdrawn["found by"]) == ("Withdrawn", "the same email")
    assert text(soup(page).select_one(".erase-emails")) == "Emails to this person: 1 sent, 2 waiting to be sent."
    assert not soup(page).select(".breadcrumbs a[href*='intakerequest']")  # officers cannot open the requests

    done = officer.post(found["Location"], {"requests": list(rows)}, follow=True)
    assert done.redirect_chain == [(reverse("admin:index"), 302)]
    message = text(soup(done).select_one(".messagelist"))
    assert message.startswith("This person's data is erased: 3 requests, 2 contact log lines, 8 history entries")
    assert list(IntakeRequest.objects.all()) == [bea]
    recorded = [(entry.action, entry.object_id, entry.staff_username) for entry in AccessEntry.objects.order_by("id")]
    ana_ids = sorted(str(pk) for pk in (ana_waitlist.pk, ana_call_back.pk, ana_withdrawn.pk))
    assert [row for row in recorded if row[0] == "search"] == [("search", "", "privacy")]
    assert sorted(pk for action, pk, _ in recorded if action == "erasure_check") == ana_ids
    assert sorted(pk for action, pk, _ in recorded if action == "erasure") == ana_ids

    # Asked again: nothing left, said plainly.
    again = officer.get(erase_url(ana_waitlist), follow=True)
    assert "nothing left to erase" in text(soup(again).select_one(".messagelist"))
    gone = soup(officer.post(FIND, {"contact": "zephyrine.q@example.org"}))
    assert "No request has this email address or phone number" in text(gone.select_one(".errorlist"))


@pytest.mark.django_db
def test_a_superuser_erases_from_the_request_s_page_and_may_leave_a_shared_phone_s_request_out(staff_client):
    boss = staff_client(superuser=True)
    ana_waitlist, ana_call_back, ana_withdrawn, bea = people()
    change = soup(boss.get(reverse("admin:waitlist_intakerequest_change", args=[ana_waitlist.pk])))
    assert change.select_one(".erase-person-link")["href"] == erase_url(ana_waitlist)

    nothing = boss.post(erase_url(ana_waitlist), {})
    assert nothing.status_code == 200
    assert text(soup(nothing).select_one(".errornote")) == "Choose at least one request to erase."
    assert IntakeRequest.objects.count() == 4

    done = boss.post(erase_url(ana_waitlist), {"requests": [ana_waitlist.pk, ana_withdrawn.pk]})
    assert done.status_code == 302 and done["Location"] == QUEUE
    assert set(IntakeRequest.objects.all()) == {ana_call_back, bea}


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["", "Zephyrine", "555"])
def test_finding_a_person_needs_a_whole_email_or_phone(staff_client, typed):
    officer = staff_client(PRIVACY_OFFICERS)
    page = officer.post(FIND, {"contact": typed})
    assert page.status_code == 200
    field = soup(page).select_one(".form-row.errors")
    assert field is not None and text(field.select_one(".errorlist"))
    assert soup(page).select_one("#id_contact")["aria-invalid"] == "true"


# --- deleting by any path ---------------------------------------------------------------------------------------


def delete_in_admin(client, entry):
    client.post(reverse("admin:waitlist_intakerequest_delete", args=[entry.pk]), {"post": "yes"})


def delete_selected_in_admin(client, entry):
    client.post(QUEUE, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})


def delete_queryset(client, entry):
    IntakeRequest.objects.filter(pk=entry.pk).delete()


def purge_it(client, entry):
    IntakeRequest.objects.filter(pk=entry.pk).update(status="declined", updated_at=timezone.now() - timedelta(days=181))
    assert purge(closed_after_days=180).closed == 1


def erase_it(client, entry):
    erasure.erase_person(request=entry, by=User.objects.get(username="boss"), http_request=None)


@pytest.mark.django_db
@pytest.mark.parametrize("delete", [delete_in_admin, delete_selected_in_admin, delete_queryset, purge_it, erase_it])
def test_deleting_a_request_by_any_path_leaves_no_history_row_and_no_confirmation_email(staff_client, delete):
    boss = staff_client(superuser=True)
    entry, *_, bea = people()
    lines = list(ContactAttempt.objects.filter(request=entry).values_list("pk", flat=True))
    assert IntakeRequest.history.filter(id=entry.pk).count() == 2 and ContactAttempt.history.filter(id__in=lines)
    bea_history = (IntakeRequest.history.filter(id=bea.pk).count(), ContactAttempt.history.filter(request_id=bea.pk))
    confirmation = entry.confirmation_email_id
    assert OutgoingEmail.objects.filter(pk=confirmation).exists()

    delete(boss, entry)

    assert not IntakeRequest.objects.filter(pk=entry.pk).exists()
    assert not IntakeRequest.history.filter(id=entry.pk).exists()
    assert not ContactAttempt.history.filter(id__in=lines).exists()
    assert not OutgoingEmail.objects.filter(pk=confirmation).exists()
    assert IntakeRequest.history.filter(id=bea.pk).count() == bea_history[0]
    assert list(ContactAttempt.history.filter(request_id=bea.pk)) == list(bea_history[1])
    if delete in (delete_in_admin, delete_selected_in_admin):  # by hand in admin: in the access record
        deleted = AccessEntry.objects.filter(action=AccessEntry.Action.DELETE, staff_username="boss")
        assert list(deleted.values_list("object_id", flat=True)) == [str(entry.pk)]


# --- the cache holds nothing about a person ---------------------------------------------------------------------


def cached_bytes():
    """Every value in the cache as stored (pickled), from the local-memory cache or Redis."""
    if hasattr(cache, "_cache"):  # LocMemCache
        return b"".join(cache._cache.values())
    client = cache.client.get_client()
    return b"".join(client.get(key) or b"" for key in client.scan_iter() if client.type(key) == b"string")


@pytest.mark.django_db
def test_the_cache_holds_nothing_about_a_person_so_an_erasure_has_nothing_to_clear(client, spravato, staff_client):
    details = {"first_name": "Zephyrine", "last_name": "Quillfeather", "email": "zephyrine.q@example.org"}
    response = client.post("/waitlist/spravato/", waitlist_form_data(**details, phone="(619) 555-0142"))
    assert response.status_code == 302 and client.get(response["Location"]).status_code == 200
    coordinator = staff_client(INTAKE_COORDINATORS)
    entry = IntakeRequest.objects.get()
    coordinator.get(QUEUE, {"q": "Quillfeather"})
    coordinator.get(reverse("admin:waitlist_intakerequest_change", args=[entry.pk]))
    client.get("/")  # a public page, cached
    stored = cached_bytes()
    assert stored  # the cache is in use: rate-limit counters, sessions' sign-in records, pages
    assert [detail for detail in [*details.values(), "6195550142", "555-0142"] if detail.encode() in stored] == []


# --- nothing left in the database's files -----------------------------------------------------------------------

ERASE_IN_A_RUNNING_SITE = """
import json, sys
from django.contrib.auth.models import User
from intake.models import IntakeRequest
from intake.services.erasure import erase_person
from tests.intake.people import people, stored_details

ana_waitlist, ana_call_back, ana_withdrawn, bea = people()
ana = [ana_waitlist.pk, ana_call_back.pk, ana_withdrawn.pk]
print(json.dumps({"ana": stored_details(ana), "bea": stored_details([bea.pk])}), flush=True)
erase_person(request=ana_waitlist, by=User.objects.create_superuser("boss", password="x" * 20), http_request=None)
print(json.dumps([IntakeRequest.objects.count(), len(stored_details(ana))]), flush=True)
sys.stdin.readline()  # the connection stays open, as in a running site, until the test has read the files
"""


@pytest.mark.own_database
def test_after_an_erasure_the_sqlite_files_hold_nothing_of_the_person_not_even_ciphertext(tmp_path, sqlite_sites):
    database = sqlite_sites.copy(tmp_path / "site.sqlite3", content=False)
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": f"sqlite:///{database}"}
    site = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-v0", "-c", ERASE_IN_A_RUNNING_SITE],
        cwd=PROJECT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        stored = json.loads(site.stdout.readline() or site.stderr.read())
        after = json.loads(site.stdout.readline() or site.stderr.read())
        data = b"".join(path.read_bytes() for path in sorted(tmp_path.glob("site.sqlite3*")))  # with the -wal file
    finally:
        site.communicate("\n", timeout=60)
    assert after == [1, 0]  # Bea's request is left; no row of Ana's is
    assert len(stored["ana"]) > 20 and len(stored["bea"]) > 5
    assert all(value.encode() in data for value in stored["bea"])  # the test sees what is stored
    assert [value for value in stored["ana"] if value.encode() in data] == []
    assert [detail for detail in ANA_DETAILS if detail.encode() in data] == []


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_after_an_erasure_pg_dump_holds_nothing_of_the_person():
    ana_waitlist, ana_call_back, ana_withdrawn, bea = people()
    ana = stored_details([ana_waitlist.pk, ana_call_back.pk, ana_withdrawn.pk])
    bea_stored = stored_details([bea.pk])
    boss = User.objects.create_superuser("boss", password="a-long-test-password")
    erasure.erase_person(request=ana_waitlist, by=boss, http_request=None)  # committed: pg_dump sees it
    assert list(IntakeRequest.objects.all()) == [bea]
    assert stored_details([ana_waitlist.pk, ana_call_back.pk, ana_withdrawn.pk]) == []
    dump = pg_dump()
    assert b"COPY public.waitlist_intakerequest " in dump and b"COPY public.access_record_accessentry " in dump
    assert len(bea_stored) > 5 and all(value.encode() in dump for value in bea_stored)  # it sees what is stored
    assert len(ana) > 20 and [value for value in ana if value.encode() in dump] == []
    assert [detail for detail in ANA_DETAILS if detail.casefold().encode() in dump.lower()] == []
