"""Waitlist check-ins: every WAITLIST_CHECKIN_WEEKS the worker asks each waiting person whether they still want
their place, once per interval whichever worker runs; two unanswered make the entry inactive, and a later yes
restores it in its original place. Coordinators see when each person last confirmed, and every look is recorded."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone, translation

from access_record.models import AccessEntry
from intake import services
from intake.models import CheckIn, IntakeRequest
from intake.services.checkins import check_in, due_entries, send_due_check_ins
from intake.services.retention import purge
from jobs.models import RoutineRun
from jobs.services import run_routine_job
from outbox.models import OutgoingEmail
from tests.factories import CallBackRequestFactory, IntakeRequestFactory
from tests.markup import soup, text

pytestmark = pytest.mark.django_db
WEEK = timedelta(weeks=1)
QUEUE = reverse("admin:waitlist_intakerequest_changelist")


def joined(weeks_ago, **fields):
    """A waitlist entry that joined this many weeks ago (and one hour more)."""
    entry = IntakeRequestFactory(**fields)
    IntakeRequest.objects.filter(pk=entry.pk).update(created_at=timezone.now() - weeks_ago * WEEK - timedelta(hours=1))
    entry.refresh_from_db()
    return entry


def status_path(entry):
    with translation.override(entry.language):
        return services.status_path(entry=entry)


def test_each_waiting_person_is_asked_once_an_interval_has_passed_and_only_once_in_it(settings):
    settings.WAITLIST_CHECKIN_WEEKS = 12
    due = joined(12, email="due@example.org")
    spanish = joined(13, email="es@example.org", language="es")
    not_yet = joined(11)
    others = [
        joined(20, status="scheduled"),
        joined(20, status="withdrawn"),
        CallBackRequestFactory(),
    ]
    IntakeRequest.objects.filter(pk=others[2].pk).update(created_at=timezone.now() - 20 * WEEK)
    assert {entry.pk for entry, _ in due_entries(now=timezone.now())} == {due.pk, spanish.pk}
    assert str(send_due_check_ins()) == "2 check-ins sent, 0 entries made inactive"
    assert str(send_due_check_ins()) == "0 check-ins sent, 0 entries made inactive"
    # Later in the same interval: still nothing.
    assert send_due_check_ins(now=timezone.now() + 10 * WEEK).sent == 1  # only `not_yet`, whose interval began
    assert CheckIn.objects.filter(request=not_yet).count() == 1
    assert set(CheckIn.objects.values_list("request", flat=True)) == {due.pk, spanish.pk, not_yet.pk}
    emails = {email.recipient: email for email in OutgoingEmail.objects.filter(purpose="waitlist.check_in")}
    english, spanish_email = emails["due@example.org"], emails["es@example.org"]
    assert english.subject == f"Do you still want your place on the {due.treatment.name} waitlist?"
    assert spanish_email.subject.startswith("¿Todavía quiere su lugar")
    link = next(word for word in spanish_email.body.split() if "/waitlist/status/" in word)
    assert link.startswith(settings.WAITLIST_LINK_BASE_URL + "/es/waitlist/status/")
    assert "988" in english.body and "AYUDA" in spanish_email.body
    assert CheckIn.objects.get(request=due).email == english


def test_two_slots_of_the_routine_job_in_one_interval_send_one_check_in():
    entry = joined(12)
    assert run_routine_job(job="waitlist-check-ins", slot=1) == "1 check-ins sent, 0 entries made inactive"
    assert run_routine_job(job="waitlist-check-ins", slot=1) == "already ran"
    assert run_routine_job(job="waitlist-check-ins", slot=2) == "0 check-ins sent, 0 entries made inactive"
    assert RoutineRun.objects.filter(job="waitlist-check-ins").count() == 2
    assert CheckIn.objects.filter(request=entry).count() == 1
    assert OutgoingEmail.objects.filter(purpose="waitlist.check_in").count() == 1


def test_a_worker_that_read_the_list_before_another_sent_sends_nothing():
    """What the database's one-row-per-interval rule gives: a run working from a list read before another run sent
    the check-ins neither sends a second one nor leaves an owed email behind."""
    entries = [joined(12) for _ in range(3)]
    now = timezone.now()
    read_before = due_entries(now=now)
    assert len(read_before) == 3
    assert send_due_check_ins(now=now).sent == 3
    outcomes = [check_in(entry=entry, due=due, now=now, base_url="http://clinic.test") for entry, due in read_before]
    assert outcomes == [None, None, None]
    for entry in entries:
        assert CheckIn.objects.filter(request=entry).count() == 1
    assert OutgoingEmail.objects.filter(purpose="waitlist.check_in").count() == 3


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_job_at_once_send_each_check_in_once():
    entries = [joined(12) for _ in range(20)]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(send_due_check_ins())
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(result.sent for result in results) == 20
    assert sorted(CheckIn.objects.values_list("request", flat=True)) == sorted(entry.pk for entry in entries)
    assert OutgoingEmail.objects.filter(purpose="waitlist.check_in").count() == 20
    assert connection.vendor == "postgresql"


def queue_rows(coordinator, **query):
    page = soup(coordinator.get(QUEUE, query))
    return [(text(row.select_one(".field-name")), check_in_line(row)) for row in page.select("#result_list tbody tr")]


def check_in_line(row):
    """The line under when the person joined: when they last confirmed, or that they are inactive."""
    line = row.select_one(".field-waiting_since .intake-check-in")
    return text(line) if line else ""


def test_two_unanswered_check_ins_make_the_entry_inactive_and_a_later_yes_restores_its_place(client, coordinator):
    first = joined(12, first_name="Ada", last_name="First")
    second = joined(1, first_name="Bo", last_name="Second", status="scheduled")  # no check-ins: a time is set
    start = first.created_at
    assert send_due_check_ins(now=start + 12 * WEEK).sent == 1
    assert send_due_check_ins(now=start + 24 * WEEK).sent == 1  # the first went unanswered
    third = send_due_check_ins(now=start + 36 * WEEK + timedelta(hours=1))
    assert (third.made_inactive, CheckIn.objects.filter(request=first).count()) == (1, 2)  # no third email
    first.refresh_from_db()
    assert first.inactive_since is not None and first.status == "new"
    assert first.history.first().history_change_reason == "Inactive: no answer to two check-ins"
    # Coordinators see it: in the queue's column and filter, and it keeps its place at the top.
    rows = queue_rows(coordinator)
    assert [name for name, _ in rows] == ["Ada First", "Bo Second"]
    assert rows[0][1].startswith("Inactive : no answer to two check-ins since ")
    assert [name for name, _ in queue_rows(coordinator, check_in="inactive")] == ["Ada First"]
    # No more check-ins while inactive.
    assert send_due_check_ins(now=start + 48 * WEEK + timedelta(hours=2)).made_inactive == 0
    # The person's page asks, and their yes restores the place where it was.
    page = soup(client.get(status_path(first)))
    assert text(page.select_one(".lead")).startswith("We did not hear back from you")
    assert text(page.select_one("#check-in-title")) == "Do you still want your place?"
    response = client.post(status_path(first), {"action": "check_in", "answer": "yes"})
    assert response.status_code == 302 and response["Location"].endswith("?saved=yes")
    first.refresh_from_db()
    assert first.inactive_since is None and first.last_confirmed_at is not None
    assert set(first.check_ins.values_list("answer", flat=True)) == {"yes"}
    rows = queue_rows(coordinator)
    assert [name for name, _ in rows] == ["Ada First", "Bo Second"]  # still first: ordered by when they joined
    assert rows[0][1].startswith("Last confirmed ") and rows[1][1] == ""
    page = soup(client.get(response["Location"]))
    assert text(page.select_one("[role=status]")) == "Thank you. You keep your place on the list."
    assert page.select_one("#check-in-title") is None
    # The next check-in is a whole interval after the yes.
    assert due_entries(now=first.last_confirmed_at + 11 * WEEK) == []
    assert [entry.pk for entry, _ in due_entries(now=first.last_confirmed_at + 12 * WEEK)] == [first.pk]
    assert second.pk not in {entry.pk for entry, _ in due_entries(now=start + 99 * WEEK)}


def test_an_unanswered_check_in_shows_on_the_page_and_in_the_queue_filter(client, coordinator):
    entry = joined(12, first_name="Cy", last_name="Waiting")
    send_due_check_ins()
    assert [name for name, _ in queue_rows(coordinator, check_in="unanswered")] == ["Cy Waiting"]
    page = soup(client.get(status_path(entry)))
    buttons = [text(button) for button in page.select("form button[name=answer]")]
    assert buttons == ["Yes, keep my place", "Yes, but something changed", "No, take me off the list"]


def test_something_changed_keeps_the_place_and_points_to_the_forms(client):
    entry = joined(12)
    send_due_check_ins()
    response = client.post(status_path(entry), {"action": "check_in", "answer": "changed"})
    page = soup(client.get(response["Location"]))
    assert text(page.select_one("[role=status]")).startswith("Thank you. You keep your place.")
    entry.refresh_from_db()
    assert entry.is_active and entry.last_confirmed_at is not None
    assert entry.check_ins.get().answer == "changed"


def test_no_longer_closes_the_place_as_the_person_s_own_withdrawal(client, run_worker):
    entry = joined(12)
    send_due_check_ins()
    run_worker()
    mail.outbox.clear()
    response = client.post(status_path(entry), {"action": "check_in", "answer": "no_longer"})
    assert response["Location"] == reverse("waitlist:left")
    entry.refresh_from_db()
    assert entry.status == "withdrawn" and entry.withdrawn_by_patient
    assert entry.check_ins.get().answer == "no_longer"
    run_worker()
    assert [message.subject.endswith("waitlist entry was withdrawn") for message in mail.outbox] == [True]


def test_retention_and_erasure_take_check_ins_and_their_emails(client, settings):
    from django.contrib.auth.models import User

    from intake.services.erasure import erase_person

    settings.WAITLIST_RETENTION_DAYS = 30
    closed = joined(12)
    send_due_check_ins()
    client.post(status_path(closed), {"action": "check_in", "answer": "no_longer"})
    emails = list(OutgoingEmail.objects.filter(purpose="waitlist.check_in").values_list("pk", flat=True))
    assert purge(closed_after_days=30, now=timezone.now() + timedelta(days=31)).closed == 1
    assert not CheckIn.objects.exists() and not OutgoingEmail.objects.filter(pk__in=emails).exists()
    # Erasure: every check-in email, and the note sent to an address the person changed on their page.
    person = joined(12, email="before@example.org")
    send_due_check_ins()
    client.post(status_path(person), {"action": "email", "email-email": "after@example.org"})
    assert OutgoingEmail.objects.filter(purpose__in=["waitlist.check_in", "waitlist.email_changed_old"]).count() == 2
    erase_person(request=person, by=User.objects.create_user("privacy"), http_request=None)
    assert not CheckIn.objects.exists()
    assert not [email for email in OutgoingEmail.objects.all() if email.recipient != settings.STAFF_NOTIFICATION_EMAIL]


def test_every_staff_look_at_an_entry_with_check_ins_is_recorded(coordinator):
    entry = joined(12)
    send_due_check_ins()
    url = reverse("admin:waitlist_intakerequest_change", args=[entry.pk])
    page = soup(coordinator.get(url))
    assert text(page.select_one(".field-check_ins .readonly")).startswith("Sent ")
    assert text(page.select_one(".field-last_confirmed .readonly")) == "Not yet"
    coordinator.get(reverse("admin:waitlist_intakerequest_history", args=[entry.pk]))
    looks = AccessEntry.objects.filter(object_id=str(entry.pk)).values_list("action", flat=True)
    assert sorted(looks) == ["history_view", "view"]
