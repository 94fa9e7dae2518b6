"""Which treatments have a waitlist the public can join."""

from django.db.models import QuerySet

from core.content_cache import cached_value
from treatments.models import Treatment
from treatments.selectors import published_treatments


def waitlist_treatments() -> QuerySet[Treatment]:
    return published_treatments().filter(status=Treatment.Status.WAITLIST)


def waitlist_treatment(*, slug: str) -> Treatment | None:
    """The published treatment at `slug` whose waitlist is open, or None; cached until content changes."""
    return cached_value(f"waitlist-treatment:{slug}", lambda: waitlist_treatments().filter(slug=slug).first())
