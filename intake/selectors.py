"""Which treatments have a waitlist the public can join, and the coordinators' numbers."""

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import smart_split, unescape_string_literal

from content.page_cache import cached_value
from treatments.models import Treatment
from treatments.selectors import published_treatments

from . import matching
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


def search_requests(*, requests: QuerySet[IntakeRequest], term: str) -> QuerySet[IntakeRequest]:
    """The queue's search, exact only: names, email and phone are encrypted, so the term is matched on their
    keyed hashes. The whole term as a phone number, however typed; otherwise every word must be an email
    address, a phone number or a whole word of the first or last name. Parts of words never match."""
    if not term.strip():
        return requests
    as_phone = _phone_match(term)
    words = [unescape_string_literal(word) if word[0] in "\"'" else word for word in smart_split(term)]
    every_word = Q()
    for word in words:
        word_match = Q(email_hash=matching.email_hash(word)) | _phone_match(word) | _name_match(word)
        every_word &= word_match
    return requests.filter(as_phone | every_word)


def _phone_match(text: str) -> Q:
    return Q(phone_hash=matching.phone_hash(text)) if matching.is_phone(text) else Q(pk__in=[])


def _name_match(word: str) -> Q:
    words = matching.name_words(word)
    match = Q()
    for part in words:  # "Mary-Jane" looks for both words
        match &= Q(name_hashes__contains=f" {matching.name_word_hash(part)} ")
    return match if words else Q(pk__in=[])
