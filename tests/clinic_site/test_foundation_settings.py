"""Production mode fails closed and passes Django's deployment checklist."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backups.encryption import new_key as new_backup_key
from tests.support.field_keys import TEST_FIELD_KEYS

pytestmark = pytest.mark.own_database  # processes of its own: DATABASE_URL changes nothing here

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-production-like-secret-key-for-the-test-only-0123456789abcdef",
    "DJANGO_ALLOWED_HOSTS": "clinic.example.org",
    "EMAIL_URL": "smtp+tls://mailer:secret@mail.clinic.example.org:587",
    **TEST_FIELD_KEYS,
}


def run_django(args, env_overrides, drop=()):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_") and key not in drop}
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = "clinic_site.settings"
    return subprocess.run([sys.executable, *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV}
    del env["DJANGO_SECRET_KEY"]
    result = run_django(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_with_a_short_secret_key():
    result = run_django(["manage.py", "check"], {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "too-short"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {**PRODUCTION_ENV}
    del env["DJANGO_ALLOWED_HOSTS"]
    result = run_django(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_a_mail_server():
    env = {**PRODUCTION_ENV}
    del env["EMAIL_URL"]
    result = run_django(["manage.py", "check"], env, drop=["EMAIL_URL"])
    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr


def test_production_refuses_to_print_emails_into_the_logs():
    result = run_django(["manage.py", "check"], {**PRODUCTION_ENV, "EMAIL_URL": "consolemail://"})
    assert result.returncode != 0
    assert "never prints emails" in result.stderr


DEPLOY_CHECK = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
ENTER_REAL_DETAILS = "import django; django.setup(); from tests.go_live import enter_real_details; enter_real_details()"


def test_deploy_checklist_fails_on_the_shipped_placeholders_and_is_clean_with_real_details(tmp_path, sqlite_sites):
    database = tmp_path / "db.sqlite3"
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{database}"}
    env |= {"DJANGO_BACKUP_DIR": str(tmp_path / "backups"), "DJANGO_BACKUP_KEY": new_backup_key()}
    # Before migrations the content checks have nothing to read, and Django's own checklist is clean.
    result = run_django(DEPLOY_CHECK, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout

    sqlite_sites.copy(database, content=True)  # as `migrate` and `load_initial_content` leave it
    result = run_django(DEPLOY_CHECK, env)
    assert result.returncode != 0
    for reported in ("clinic.W002", "(619) 555-0100", "hello@example.com", "PLACEHOLDER", "financing.W001"):
        assert reported in result.stderr, reported
    assert "financing.W002" in result.stderr and "security." not in result.stderr

    assert run_django(["-c", ENTER_REAL_DETAILS], env).returncode == 0
    result = run_django(DEPLOY_CHECK, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRODUCTION_RESPONSE_SCRIPT = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
response = Client(HTTP_HOST="clinic.example.org").get("/healthz/", secure=True)
insecure = Client(HTTP_HOST="clinic.example.org").get("/privacy/")
print(json.dumps({
    "headers": dict(response.headers),
    "insecure_status": insecure.status_code,
    "insecure_location": insecure.headers.get("Location"),
    "session_cookie": [settings.SESSION_COOKIE_NAME, settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY],
    "csrf_cookie": [settings.CSRF_COOKIE_NAME, settings.CSRF_COOKIE_SECURE],
    "static_storage": settings.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def test_production_mode_sends_security_headers_and_secure_cookies(tmp_path, sqlite_sites):
    database = f"sqlite:///{sqlite_sites.copy(tmp_path / 'db.sqlite3', content=False)}"
    result = run_django(["-c", PRODUCTION_RESPONSE_SCRIPT], {**PRODUCTION_ENV, "DATABASE_URL": database})
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    headers = facts["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert facts["insecure_status"] == 301
    assert facts["insecure_location"].startswith("https://")
    assert facts["session_cookie"] == ["__Secure-sessionid", True, True]
    assert facts["csrf_cookie"] == ["__Secure-csrftoken", True]
    assert facts["static_storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


SECOND_FACTOR_SCRIPT = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps([settings.ADMIN_REQUIRE_2FA, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE, settings.SESSION_COOKIE_AGE]))
"""


def test_second_factor_is_required_in_production_and_not_in_debug_unless_set():
    def settings_in(env):
        result = run_django(["-c", SECOND_FACTOR_SCRIPT], env)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    assert settings_in(PRODUCTION_ENV) == [True, True, 8 * 60 * 60]
    assert settings_in({"DJANGO_DEBUG": "true"})[0] is False
    assert settings_in({"DJANGO_DEBUG": "true", "DJANGO_ADMIN_REQUIRE_2FA": "true"})[0] is True
    assert settings_in({**PRODUCTION_ENV, "DJANGO_ADMIN_REQUIRE_2FA": "false"})[0] is False


STALL_SCRIPT = "from django.conf import settings; print(settings.OUTBOX_STALLED_AFTER_SECONDS)"


def test_a_claimed_email_is_sent_again_only_long_after_any_send_could_last():
    def stalled_after(**env):
        result = run_django(["-c", "import django; django.setup(); " + STALL_SCRIPT], {**PRODUCTION_ENV, **env})
        return result.stdout.strip() if result.returncode == 0 else result.stderr

    assert stalled_after(EMAIL_TIMEOUT="10") == "600"
    assert stalled_after(EMAIL_TIMEOUT="30") == "1800"  # 60 mail-server timeouts
    assert stalled_after(EMAIL_TIMEOUT="1", OUTBOX_STALLED_AFTER_SECONDS="20") == "20"
    assert "at least 20 x EMAIL_TIMEOUT" in stalled_after(EMAIL_TIMEOUT="10", OUTBOX_STALLED_AFTER_SECONDS="120")


STALE_SCRIPT = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.WAITLIST_STALE_DAYS, settings.WAITLIST_STALE_GRACE_DAYS)"
)


def test_open_requests_are_kept_two_years_without_contact_and_the_periods_cannot_be_set_too_short():
    def periods(**env):
        result = run_django(["-c", STALE_SCRIPT], {**PRODUCTION_ENV, **env})
        return result.stdout.strip() if result.returncode == 0 else result.stderr

    assert periods() == "730 30"
    assert "WAITLIST_STALE_DAYS must be at least 30" in periods(WAITLIST_STALE_DAYS="7")
    assert "WAITLIST_STALE_GRACE_DAYS at least 7" in periods(WAITLIST_STALE_GRACE_DAYS="0")
