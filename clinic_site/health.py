"""Is the database up, does the cache answer: for /healthz/."""

from django.core.cache import cache
from django.db import connections
from django.db.utils import DatabaseError


def cache_is_answering() -> bool:
    """Whether the shared cache answers now; a local-memory cache always does."""
    check = getattr(cache, "is_answering", None)
    return check() if check is not None else True


def database_is_up(*, alias: str = "default") -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False
