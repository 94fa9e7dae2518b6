"""Retention covers every status: open requests nobody has acted on for WAITLIST_STALE_DAYS are shown to
coordinators, flagged by the daily job, and deleted a grace period later unless someone acts on them."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from intake import selectors
from intake.models import ContactAttempt, IntakeRequest
from intake.services.retention import purge, purge_expired_entries
from tests.factories import CallBackRequestFactory, IntakeRequestFactory
from tests.markup import soup, text

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:waitlist_intakerequest_changelist")
OPEN_STATUSES = ["new", "contacted", "scheduled", "enrolled"]


@pytest.fixture(autouse=True)
def periods(settings):
    settings.WAITLIST_RETENTION_DAYS = 180
    settings.WAITLIST_STALE_DAYS = 730
    settings.WAITLIST_STALE_GRACE_DAYS = 30


def untouched_for(entry, days):
    IntakeRequest.objects.filter(pk=entry.pk).update(updated_at=timezone.now() - timedelta(days=days))


def flagged_days_ago(entry, days):
    IntakeRequest.objects.filter(pk=entry.pk).update(stale_since=timezone.now() - timedelta(days=days))


def stale_since(entry):
    return IntakeRequest.objects.filter(pk=entry.pk).values_list("stale_since", flat=True).first()


def test_open_requests_of_every_status_are_flagged_first_and_deleted_only_after_the_grace_period():
    stale = [IntakeRequestFactory(status=status) for status in OPEN_STATUSES] + [CallBackRequestFactory()]
    for entry in stale:
        untouched_for(entry, 900)  # long before this rule existed: not deleted on its first day
        ContactAttempt.objects.create(request=entry, outcome="note", made_at=timezone.now() - timedelta(days=800))
    recent = IntakeRequestFactory()
    untouched_for(recent, 729)
    called = IntakeRequestFactory()
    untouched_for(called, 900)
    ContactAttempt.objects.create(request=called, outcome="voicemail", made_at=timezone.now() - timedelta(days=700))

    first = purge(closed_after_days=180)
    assert (first.stale, first.flagged, first.waiting) == (0, 5, 5)
    assert set(IntakeRequest.objects.filter(stale_since__isnull=False)) == set(stale)
    assert purge(closed_after_days=180).flagged == 0  # flagged once; the grace period runs from then

    for entry in stale:
        flagged_days_ago(entry, 29)
    assert purge(closed_after_days=180).stale == 0 and IntakeRequest.objects.count() == 7
    for entry in stale:
        flagged_days_ago(entry, 31)
    assert purge_expired_entries() == (
        "0 closed and 5 open requests with no contact deleted; 0 newly flagged, 0 waiting for a coordinator's decision"
    )
    assert set(IntakeRequest.objects.all()) == {recent, called}
    gone = [entry.pk for entry in stale]
    assert not IntakeRequest.history.filter(id__in=gone).exists()
    assert not ContactAttempt.history.filter(request_id__in=gone).exists()


def log_a_call(coordinator, entry, **changes):
    data = {
        "first_name": entry.first_name, "last_name": entry.last_name, "email": entry.email, "phone": entry.phone,
        "preferred_contact": entry.preferred_contact, "best_time": entry.best_time, "insurance": entry.insurance,
        "referral": entry.referral, "status": entry.status,
        "contact_attempts-TOTAL_FORMS": "1", "contact_attempts-INITIAL_FORMS": "0",
        "contact_attempts-MIN_NUM_FORMS": "0", "contact_attempts-MAX_NUM_FORMS": "1000",
        "contact_attempts-0-request": entry.pk, "contact_attempts-0-outcome": "spoke",
        "contact_attempts-0-note": "Still wants a place", **changes,
    }  # fmt: skip
    response = coordinator.post(reverse("admin:waitlist_intakerequest_change", args=[entry.pk]), data)
    assert response.status_code == 302


def test_a_coordinator_s_decision_keeps_a_flagged_request_and_its_grace_period_starts_afresh(coordinator):
    untouched, called, rescheduled, closed = [IntakeRequestFactory(status="contacted") for _ in range(4)]
    for entry in (untouched, called, rescheduled, closed):
        untouched_for(entry, 800)
    assert purge(closed_after_days=180).flagged == 4
    for entry in (untouched, called, rescheduled, closed):
        flagged_days_ago(entry, 31)

    log_a_call(coordinator, called)  # a contact-log line, the status as it was
    coordinator.post(QUEUE, {"action": "mark_scheduled", "_selected_action": [rescheduled.pk]})
    coordinator.post(QUEUE, {"action": "mark_declined", "_selected_action": [closed.pk]})

    result = purge(closed_after_days=180)
    assert (result.stale, result.closed, result.flagged) == (1, 0, 0)
    assert set(IntakeRequest.objects.all()) == {called, rescheduled, closed}
    assert [stale_since(entry) for entry in (called, rescheduled, closed)] == [None, None, None]
    assert IntakeRequest.objects.get(pk=closed.pk).status == "declined"  # now under the closed requests' rule


def test_a_request_acted_on_and_then_left_again_gets_a_new_grace_period():
    entry = IntakeRequestFactory()
    untouched_for(entry, 800)
    flagged_days_ago(entry, 900)  # flagged long ago ...
    ContactAttempt.objects.create(request=entry, outcome="spoke", made_at=timezone.now() - timedelta(days=850))
    result = purge(closed_after_days=180)  # ... acted on after that, and left alone again since
    assert (result.stale, result.flagged) == (0, 1)
    assert timezone.now() - stale_since(entry) < timedelta(minutes=1)


def test_coordinators_see_the_requests_to_decide_on_in_the_queue_on_the_home_page_and_on_each_request(coordinator):
    stale = IntakeRequestFactory(first_name="Stella")
    untouched_for(stale, 731)
    unflagged = CallBackRequestFactory(first_name="Ursula")
    untouched_for(unflagged, 740)
    fresh = IntakeRequestFactory(first_name="Recent")
    flagged_days_ago(stale, 10)

    listed = coordinator.get(QUEUE, {"no_contact": "yes"}).context["cl"].result_list
    assert set(listed) == {stale, unflagged}
    filters = soup(coordinator.get(QUEUE)).select("#changelist-filter a")
    assert "No contact for 2 years" in [text(link) for link in filters]

    dashboard = soup(coordinator.get(reverse("admin:index"))).select_one(".intake-dashboard")
    assert text(dashboard.select_one(".intake-no-contact")) == "2"
    row = dashboard.select_one(".intake-no-contact").find_parent("tr")
    assert text(row.select_one("th")) == "No contact for 2 years: please decide"
    assert row.select_one("a")["href"] == f"{QUEUE}?no_contact=yes"

    page = soup(coordinator.get(reverse("admin:waitlist_intakerequest_change", args=[stale.pk])))
    removal = timezone.localtime(timezone.now() + timedelta(days=20))
    assert text(page.select_one(".no-contact-notice")).startswith(
        f"No contact for over 2 years. Unless someone logs a contact, changes its status or closes it, this request "
        f"will be deleted on or after {removal:%b} {removal.day}, {removal.year}."
    )
    assert not soup(coordinator.get(reverse("admin:waitlist_intakerequest_change", args=[fresh.pk]))).select(
        ".no-contact-notice"
    )


@pytest.mark.parametrize(("days", "words"), [(730, "2 years"), (365, "1 year"), (540, "18 months"), (400, "400 days")])
def test_the_stale_period_is_said_in_plain_words(settings, days, words):
    settings.WAITLIST_STALE_DAYS = days
    assert selectors.stale_period() == words


def test_purge_waitlist_says_how_many_of_each_would_go_and_a_dry_run_changes_nothing():
    closed = IntakeRequestFactory(status="declined")
    untouched_for(closed, 181)
    due, waiting, new = (IntakeRequestFactory(status="enrolled") for _ in range(3))
    for entry in (due, waiting, new):
        untouched_for(entry, 800)
    flagged_days_ago(due, 31)
    flagged_days_ago(waiting, 5)

    out = io.StringIO()
    call_command("purge_waitlist", "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == [
        "Would delete 1 closed waitlist entries and call-back requests older than 180 days.",
        "Would delete 1 open requests with no contact for 730 days that coordinators were shown over 30 days ago "
        "and nobody acted on.",
        "Would flag 1 more open requests with no contact for 730 days for coordinators to decide on (deleted 30 "
        "days later unless someone acts).",
        "2 open requests would then be waiting for a coordinator's decision.",
    ]
    assert IntakeRequest.objects.count() == 4 and stale_since(new) is None

    out = io.StringIO()
    call_command("purge_waitlist", stdout=out)
    assert [line.split(" open requests")[0].split(" closed")[0] for line in out.getvalue().splitlines()] == [
        "Deleted 1", "Deleted 1", "Flagged 1 more", "2",
    ]  # fmt: skip
    assert set(IntakeRequest.objects.all()) == {waiting, new} and stale_since(new) is not None
