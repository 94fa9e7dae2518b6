"""Which treatments have a waitlist the public can join, and the coordinators' numbers."""

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from content.page_cache import cached_value
from treatments.models import Treatment
from treatments.selectors import published_treatments

from .models import ContactAttempt, IntakeRequest


def waitlist_treatments() -> QuerySet[Treatment]:
    return published_treatments().filter(status=Treatment.Status.WAITLIST)


def working_days_ago(*, days: int, now: datetime) -> datetime:
    """The same time of day `days` working days (Monday to Friday) before `now`."""
    moment = now
    while days:
        moment -= timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    return moment


CONTACT_OUTCOMES = [outcome for outcome in ContactAttempt.Outcome if outcome != ContactAttempt.Outcome.NOTE]


def coordinator_dashboard(*, now: datetime | None = None) -> dict[str, int]:
    """The three numbers coordinators start their day with."""
    now = timezone.localtime(now)
    week_start = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    open_requests = IntakeRequest.objects.exclude(status__in=IntakeRequest.CLOSED_STATUSES)
    return {
        "new_today": IntakeRequest.objects.filter(created_at__date=now.date()).count(),
        "waiting": open_requests.filter(
            status=IntakeRequest.Status.NEW, created_at__lt=working_days_ago(days=2, now=now)
        ).count(),
        # One filter() call: the date and the outcome must hold for the same attempt.
        "contacted_this_week": IntakeRequest.objects.filter(
            contact_attempts__made_at__gte=week_start,
            contact_attempts__outcome__in=CONTACT_OUTCOMES,
        )
        .distinct()
        .count(),
    }


def open_waitlists() -> list[Treatment]:
    """Every published treatment whose waitlist is open, for the links on every page; cached until content changes."""
    return cached_value("open-waitlists", lambda: list(waitlist_treatments()))


def has_people_waiting(*, treatment: Treatment) -> bool:
    """Whether anyone holds an open waitlist place for this treatment (call-back requests do not count)."""
    return (
        IntakeRequest.objects.filter(treatment=treatment, kind=IntakeRequest.Kind.WAITLIST)
        .exclude(status__in=IntakeRequest.CLOSED_STATUSES)
        .exists()
    )
