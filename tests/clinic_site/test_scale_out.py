"""Two gunicorn app servers sharing one PostgreSQL database and one Redis cache behave as one site.

Runs in CI's PostgreSQL + Redis pass; skipped on the SQLite pass, where there is nothing shared to prove.
"""

import base64
import re
import subprocess
import time

import psycopg
import pytest
from django_otp.oath import totp

from intake.matching import email_hash
from tests.faults import redis_server
from tests.support.client import Browser, waitlist_fields
from tests.support.server import (
    NEEDS_POSTGRES_AND_REDIS,
    PROJECT,
    PYTHON,
    gunicorn,
    own_database,
    prepare_site,
    production_env,
    recreate_database,
)
from tests.support.smtp import Inbox, smtp_server

pytestmark = [
    NEEDS_POSTGRES_AND_REDIS,
    pytest.mark.xdist_group("scale_out"),  # one pytest-xdist worker starts the servers once for every test
]

DATABASE = own_database("scaleout")  # this suite run's and worker's own
STAFF_PASSWORD = "scale-out-staff-password-123"


@pytest.fixture(scope="module")
def shared_redis():
    """A Redis server of the two app servers' own, empty: no other test or suite run shares its data."""
    with redis_server() as address:
        yield address.cache_url


@pytest.fixture(scope="module")
def servers(shared_redis):
    recreate_database(DATABASE)
    env = production_env(database=DATABASE, cache_url=shared_redis, DJANGO_PROXY_COUNT="1", WAITLIST_RATE_LIMIT="3/m")
    prepare_site(env)
    subprocess.run(
        [PYTHON, "manage.py", "createsuperuser", "--no-input", "--username", "boss", "--email", "boss@example.com"],
        cwd=PROJECT,
        env={**env, "DJANGO_SUPERUSER_PASSWORD": STAFF_PASSWORD},
        check=True,
        capture_output=True,
    )
    enrolment = subprocess.run(
        [PYTHON, "manage.py", "enrol_staff_2fa", "boss", "--no-qr"],
        cwd=PROJECT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    secret = re.search(r"otpauth://\S+[?&]secret=([A-Z2-7]+)", enrolment.stdout).group(1)
    with gunicorn(env, workers=1) as server_a, gunicorn(env, workers=1) as server_b:
        yield server_a, server_b, secret


def app_code(secret):
    """What the authenticator app shows now for this otpauth secret."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


def rows(sql, *params):
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}") as connection:
        return connection.execute(sql, params).fetchall()


def test_an_admin_edit_through_one_server_shows_on_the_next_request_through_the_other(servers):
    server_a, server_b, secret = servers
    visitor = Browser(client_ip="198.51.100.1")
    assert "Privacy notice" in visitor.get(f"{server_b}/privacy/")[1]  # now cached in Redis
    assert "Privacy notice" in visitor.get(f"{server_b}/privacy/")[1]

    staff = Browser(client_ip="198.51.100.2")
    status, _, headers = staff.post_form(
        f"{server_a}/admin/login/",
        {"username": "boss", "password": STAFF_PASSWORD, "otp_token": app_code(secret)},
        post_url=f"{server_a}/admin/login/?next=/admin/",
    )
    assert status == 302, "staff login failed"
    (page_id,) = rows("SELECT id FROM clinic_legalpage WHERE kind = 'privacy'")[0]
    change_url = f"{server_a}/admin/clinic/legalpage/{page_id}/change/"
    status, _, _ = staff.post_form(
        change_url,
        {"kind": "privacy", "title": "How we protect your privacy", "meta_description": "", "body": "Short and kind."},
    )
    assert status == 302, "admin edit was not saved"

    html = visitor.get(f"{server_b}/privacy/")[1]
    assert "How we protect your privacy" in html and "Short and kind." in html


def test_the_waitlist_rate_limit_counts_across_both_servers(servers):
    server_a, server_b, _ = servers
    visitor = Browser(client_ip="203.0.113.50")
    statuses = []
    for attempt in range(5):
        server = (server_a, server_b)[attempt % 2]
        # Honeypot posts: they count like accepted sign-ups but store nothing.
        fields = {**waitlist_fields(email=f"bot-{attempt}@example.com"), "website": "https://spam.example"}
        status, _, _ = visitor.post_form(f"{server}/waitlist/spravato/", fields)
        statuses.append(status)
    assert statuses == [302, 302, 302, 429, 429]  # limit 3 a minute, shared through Redis


def test_sign_ups_alternating_between_servers_land_exactly_once(servers):
    server_a, server_b, _ = servers
    emails = [f"scale-out-{number}@example.com" for number in range(10)]
    for number, email in enumerate(emails):
        server = (server_a, server_b)[number % 2]
        visitor = Browser(client_ip=f"192.0.2.{number + 1}")
        status, _, headers = visitor.post_form(f"{server}/waitlist/spravato/", waitlist_fields(email=email))
        assert status == 302 and headers["Location"].endswith("/waitlist/spravato/thanks/")
    # The same people again, each through the other server: the same thank-you, no second row.
    for number, email in enumerate(emails):
        server = (server_b, server_a)[number % 2]
        visitor = Browser(client_ip=f"192.0.2.{number + 101}")
        status, _, _ = visitor.post_form(f"{server}/waitlist/spravato/", waitlist_fields(email=email.upper()))
        assert status == 302
    # The email itself is encrypted; its keyed hash is the same however the address was capitalised.
    stored = dict(rows("SELECT email_hash, count(*) FROM waitlist_intakerequest GROUP BY 1"))
    assert [stored.get(email_hash(email)) for email in emails] == [1] * len(emails)


def test_two_workers_send_every_owed_email_exactly_once(servers, shared_redis):
    server_a, server_b, _ = servers
    emails = [f"worker-race-{number}@example.com" for number in range(20)]
    for number, email in enumerate(emails):
        visitor = Browser(client_ip=f"192.0.2.{number + 150}")
        status, _, _ = visitor.post_form(
            f"{(server_a, server_b)[number % 2]}/waitlist/spravato/", waitlist_fields(email=email)
        )
        assert status == 302
    inbox = Inbox()
    with smtp_server(inbox) as port:
        env = production_env(database=DATABASE, cache_url=shared_redis, EMAIL_URL=f"smtp://127.0.0.1:{port}")
        workers = [subprocess.Popen([PYTHON, "manage.py", "worker"], cwd=PROJECT, env=env) for _ in range(2)]
        try:
            deadline = time.monotonic() + 60
            while (
                rows("SELECT count(*) FROM outbox_outgoingemail WHERE status <> 'sent'")[0][0]
                and time.monotonic() < deadline
            ):
                time.sleep(0.1)  # each email is marked sent right after the mail server takes it
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(timeout=10)
    delivered = sorted(
        recipient for recipients, _ in inbox.messages for recipient in recipients if "worker-race" in recipient
    )
    assert delivered == sorted(emails)  # every confirmation once, none twice
    assert rows("SELECT count(*) FROM outbox_outgoingemail WHERE status <> 'sent'")[0][0] == 0
