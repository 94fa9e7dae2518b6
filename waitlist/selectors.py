"""Which treatments have a waitlist the public can join, and where a waitlist address leads."""

from django.db.models import QuerySet

from core.content_cache import cached_value
from treatments.models import Treatment
from treatments.selectors import published_treatments, treatment_at

from .models import WaitlistEntry


def waitlist_treatments() -> QuerySet[Treatment]:
    return published_treatments().filter(status=Treatment.Status.WAITLIST)


def open_waitlists() -> list[Treatment]:
    """Every published treatment whose waitlist is open, for the links on every page; cached until content changes."""
    return cached_value("open-waitlists", lambda: list(waitlist_treatments()))


def treatment_for_waitlist(*, slug: str) -> tuple[Treatment | None, bool]:
    """The published treatment whose waitlist address is or was `slug`, and whether it has moved.

    Its waitlist may have closed since (check `has_waitlist`). Cached until content changes.
    """
    return cached_value(f"waitlist-address:{slug}", lambda: treatment_at(slug=slug, with_page_content=False))


def has_people_waiting(*, treatment: Treatment) -> bool:
    return WaitlistEntry.objects.filter(treatment=treatment).exclude(status__in=WaitlistEntry.CLOSED_STATUSES).exists()
