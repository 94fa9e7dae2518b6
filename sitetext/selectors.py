from django.db import DatabaseError

from core.content_cache import cached_value, peek_value

from .models import SiteText
from .registry import all_texts


def current_texts() -> dict[str, str]:
    """Every site text's words: staff's edits over the declared defaults. Cached until content changes."""
    return cached_value("site-texts", _load_texts)


def texts_without_database() -> dict[str, str]:
    """For error pages: the cached words if the cache has them, else the defaults; never queries."""
    try:
        cached = peek_value("site-texts")
    except Exception:  # the cache may be down too; the error page must still render
        cached = None
    return cached or _defaults()


def _load_texts() -> dict[str, str]:
    texts = _defaults()
    try:
        texts.update(SiteText.objects.filter(key__in=texts).values_list("key", "text"))
    except DatabaseError:  # a site not yet migrated still renders, in the default words
        pass
    return texts


def _defaults() -> dict[str, str]:
    return {key: spec.default for key, spec in all_texts().items()}
