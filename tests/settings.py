"""Test settings: the real settings module with safe local values filled in.

DATABASE_URL still decides the database, so the same suite runs on SQLite and PostgreSQL.
"""

import os
import re

from tests.support.field_keys import TEST_FIELD_KEYS
from tests.support.server import worker_number

# Redis databases 1-5 belong to single tests and the benchmarks (tests/intake/test_waitlist_ratelimit.py, bench/).
RESERVED_REDIS_DATABASES = range(1, 6)


def own_redis_database(cache_url: str, worker: int) -> str:
    """CACHE_URL for one pytest-xdist worker: the first uses the Redis database it names, the next the one
    below, and so on, so each worker clears only its own cache between tests."""
    if worker == 0 or not cache_url.startswith("redis"):
        return cache_url
    found = re.fullmatch(r"(redis://[^/]+/)(\d+)", cache_url)
    number = int(found.group(2)) - worker if found else -1
    if found is None or number < 0 or number in RESERVED_REDIS_DATABASES:
        raise RuntimeError(f"CACHE_URL={cache_url}: worker {worker} has no Redis database of its own; name 6-15")
    return f"{found.group(1)}{number}"


if "CACHE_URL" in os.environ:
    os.environ["CACHE_URL"] = own_redis_database(os.environ["CACHE_URL"], worker_number())

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
os.environ.setdefault("DJANGO_HSTS_SECONDS", "0")
for _name, _key in TEST_FIELD_KEYS.items():
    os.environ.setdefault(_name, _key)
os.environ.setdefault("EMAIL_URL", "smtp://127.0.0.1:25")  # replaced by the in-memory backend below
# A fixed local key, in os.environ so the production servers the tests start inherit it too.
os.environ.setdefault("ACCESS_RECORD_KEY", "K1Ur6Xl0vC7mEE3ydtTTtQnMF-9yaY-dbrwQ2B0ivtA=")

from clinic_site.settings import *  # noqa: E402,F403

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
# The in-process suite creates and migrates its database on a busy machine: give each statement the room
# it had before the production bounds were tightened (tests/clinic_site/test_self_healing.py proves those bounds).
DATABASE_QUERY_DEADLINE_SECONDS = 12
if DATABASES["default"]["ENGINE"] == "clinic_site.postgresql":  # noqa: F405
    DATABASES["default"]["OPTIONS"]["options"] = "-c statement_timeout=10000"  # noqa: F405
    DATABASES["default"]["ENGINE"] = "tests.support.postgresql"  # the same, but empties tables fast  # noqa: F405

# The live server's threads share one in-memory SQLite connection: its requests take turns (tests/support).
MIDDLEWARE = ["tests.support.one_at_a_time.OneRequestAtATime", *MIDDLEWARE]  # noqa: F405
