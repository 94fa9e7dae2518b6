"""The default database in production mode: `make serve` on SQLite takes concurrent staff saves, sign-ups
and the worker without "database is locked" (WAL, a busy timeout and immediate transactions)."""

import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from intake.matching import email_hash
from tests.support.client import Browser, waitlist_fields
from tests.support.server import gunicorn, manage, prepare_site, production_env, task_worker
from tests.support.smtp import Inbox, smtp_server

pytestmark = pytest.mark.own_database  # processes of its own: DATABASE_URL changes nothing here

ADMIN_SAVES = 20
SIGN_UPS = 50
PASSWORD = "sqlite-production-test-password-9f2c"


def site_env(database, smtp_port):
    return production_env(
        database="unused",
        cache_url="locmemcache://",  # `make serve` without CACHE_URL
        DATABASE_URL=f"sqlite:///{database}",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
        EMAIL_TIMEOUT="5",
        WAITLIST_RATE_LIMIT="",
        WAITLIST_POST_RATE_LIMIT="",
        DJANGO_ADMIN_REQUIRE_2FA="false",  # the password alone signs the test's superuser in
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )


def rows(database, query):
    with sqlite3.connect(database) as connection:
        return connection.execute(query).fetchall()


def signed_in_staff(base):
    staff = Browser()
    fields = {"username": "boss", "password": PASSWORD, "next": "/admin/"}
    status, _, headers = staff.post_form(f"{base}/admin/login/", fields)
    assert status == 302 and headers["Location"] == "/admin/", status
    return staff


def wait_until_sent(database, expected, *, deadline_seconds=60):
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        if rows(database, "SELECT COUNT(*) FROM outbox_outgoingemail WHERE status = 'sent'") == [(expected,)]:
            return
        time.sleep(0.5)


def test_make_serve_on_sqlite_takes_concurrent_staff_saves_sign_ups_and_the_worker(tmp_path, sqlite_sites):
    database = sqlite_sites.copy(tmp_path / "site.sqlite3", content=True)  # `make serve` then runs again on it
    inbox = Inbox()
    worker_log = tmp_path / "worker.log"
    server_log = tmp_path / "server.log"
    with smtp_server(inbox) as smtp_port, worker_log.open("wb") as worker_sink, server_log.open("wb") as server_sink:
        env = site_env(database, smtp_port)
        prepare_site(env)
        manage(env, "createsuperuser", "--no-input", "--username", "boss", "--email", "boss@localhost")
        ((coordinators,),) = rows(database, "SELECT id FROM auth_group WHERE name = 'Intake coordinators'")
        with task_worker(env, output=worker_sink), gunicorn(env, workers=3, output=server_sink) as base:
            staff = signed_in_staff(base)
            staff_token = staff.csrf_token(f"{base}/admin/auth/user/add/")
            patients = [Browser() for _ in range(SIGN_UPS)]
            patient_tokens = [patient.csrf_token(f"{base}/waitlist/spravato/") for patient in patients]
            start = threading.Barrier(ADMIN_SAVES + SIGN_UPS)

            def add_user(number):
                start.wait()
                # A new member has no password (they choose it with their enrolment link): each save stores the
                # user, their role, the link and the email that carries it.
                fields = {"username": f"coordinator-{number}", "first_name": "Coordinator", "_save": "Save"}
                fields |= {"email": f"coordinator-{number}@example.org", "groups": str(coordinators)}
                fields |= {"csrfmiddlewaretoken": staff_token}
                status, body, _ = staff.request(f"{base}/admin/auth/user/add/", fields)
                return status, 'id="enrolment-link"' in body

            def sign_up(number):
                start.wait()
                fields = waitlist_fields(email=f"patient-{number}@example.com")
                status, _, headers = patients[number].request(
                    f"{base}/waitlist/spravato/", {**fields, "csrfmiddlewaretoken": patient_tokens[number]}
                )
                return status, headers.get("Location", "")

            with ThreadPoolExecutor(max_workers=ADMIN_SAVES + SIGN_UPS) as pool:
                saves = [pool.submit(add_user, number) for number in range(ADMIN_SAVES)]
                sign_ups = [pool.submit(sign_up, number) for number in range(SIGN_UPS)]
                saved = [future.result() for future in saves]
                signed_up = [future.result() for future in sign_ups]
            wait_until_sent(database, 2 * SIGN_UPS + ADMIN_SAVES)

    log = server_log.read_text() + worker_log.read_text()
    errors = [line for line in log.splitlines() if "Error" in line or "locked" in line or "Traceback" in line]
    assert [answer for answer in saved if answer != (200, True)] == [], errors  # each shows its enrolment link
    assert [answer for answer in signed_up if answer != (302, "/waitlist/spravato/thanks/")] == [], errors
    users = rows(database, "SELECT username FROM auth_user WHERE username LIKE 'coordinator-%'")
    assert sorted(username for (username,) in users) == sorted(f"coordinator-{n}" for n in range(ADMIN_SAVES))
    entries = rows(database, "SELECT email_hash FROM waitlist_intakerequest")  # the email itself is encrypted
    assert sorted(found for (found,) in entries) == sorted(
        email_hash(f"patient-{n}@example.com") for n in range(SIGN_UPS)
    )
    statuses = rows(database, "SELECT status, COUNT(*) FROM outbox_outgoingemail GROUP BY status")
    # The worker wrote beside them and sent every owed email: two a sign-up, and each new member's link.
    assert statuses == [("sent", 2 * SIGN_UPS + ADMIN_SAVES)], errors
    assert len(inbox.messages) == 2 * SIGN_UPS + ADMIN_SAVES
    assert errors == []
    assert rows(database, "PRAGMA journal_mode") == [("wal",)]
