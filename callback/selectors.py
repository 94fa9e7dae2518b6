"""Which treatments offer a call back: published ones the clinic gives now."""

from core.content_cache import cached_value
from treatments.models import Treatment
from treatments.selectors import published_treatments


def call_back_treatment(*, slug: str) -> Treatment | None:
    """The published, available treatment at `slug`, or None; cached until content changes."""
    return cached_value(
        f"call-back-treatment:{slug}",
        lambda: published_treatments().filter(slug=slug, status=Treatment.Status.AVAILABLE).first(),
    )
