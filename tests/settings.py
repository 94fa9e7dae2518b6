"""Test settings: the real settings module with safe local values filled in.

DATABASE_URL still decides the database, so the same suite runs on SQLite and PostgreSQL.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
os.environ.setdefault("DJANGO_HSTS_SECONDS", "0")
os.environ.setdefault("EMAIL_URL", "smtp://127.0.0.1:25")  # replaced by the in-memory backend below

from clinic_site.settings import *  # noqa: E402,F403

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
# The in-process suite creates and migrates its database on a busy machine: give each statement the room
# it had before the production bounds were tightened (tests/test_self_healing.py proves those bounds).
DATABASE_QUERY_DEADLINE_SECONDS = 12
if DATABASES["default"]["ENGINE"] == "clinic_site.postgresql":  # noqa: F405
    DATABASES["default"]["OPTIONS"]["options"] = "-c statement_timeout=10000"  # noqa: F405
