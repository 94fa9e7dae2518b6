"""No patient data in any log: the masking rules, Django's log, and gunicorn's access log for real."""

import http.client
import logging
import os
import re
import runpy
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.test import Client

from clinic_site.log_privacy import loggable_path, scrub
from intake.matching import email_hash
from intake.services import REMOVAL_SALT
from tests.faults import closed_port
from tests.support.client import Browser, waitlist_fields
from tests.support.field_keys import TEST_FIELD_KEYS
from tests.support.server import gunicorn, static_root

PROJECT = Path(__file__).resolve().parents[2]
TOKEN = "3f1c2a9e-5b7d-4c1e-9a2b-6d8e0f4a1b2c:1vNqXa:Zm9vYmFyYmF6cXV4cXV1eGZvb2Jhcg"


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        (f"/waitlist/leave/{TOKEN}/", "/waitlist/leave/…/"),
        (f"/es/waitlist/leave/{TOKEN}/?utm=mail", "/es/waitlist/leave/…/"),
        (f"/WAITLIST/Leave/{TOKEN}/", "/WAITLIST/Leave/…/"),
        ("/waitlist/leave/done/", "/waitlist/leave/done/"),
        (f"/waitlist/status/{TOKEN}/", "/waitlist/status/…/"),
        (f"/es/waitlist/status/{TOKEN}/?saved=phone", "/es/waitlist/status/…/"),
        (
            f"/treatments/iv-ketamine-infusion/request-a-call/cancel/{TOKEN}/",
            "/treatments/iv-ketamine-infusion/request-a-call/cancel/…/",
        ),
        ("/admin/waitlist/intakerequest/?q=name@example.com", "/admin/waitlist/intakerequest/"),
        # A staff enrolment link, at any admin address; its steps' own address carries no token.
        ("/admin/enrol/7G1fvzpk_TrUqwvOIsgaoQOsGEB03qW7YX45c-hPSzo/", "/admin/enrol/…/"),
        ("/staff-7f3a/enrol/7G1fvzpk_TrUqwvOIsgaoQOsGEB03qW7YX45c-hPSzo/", "/staff-7f3a/enrol/…/"),
        ("/admin/enrol/", "/admin/enrol/"),
        ("/financing/?amount=1200#estimate", "/financing/"),
        ("/waitlist/spravato/", "/waitlist/spravato/"),
    ],
)
def test_a_logged_path_has_no_query_string_and_no_credential(path, logged):
    assert loggable_path(path) == logged
    assert scrub(f'"GET {path} HTTP/1.1" 200 512') == f'"GET {logged} HTTP/1.1" 200 512'


def test_free_text_keeps_its_words_and_loses_only_queries_and_tokens():
    text = f"Internal Server Error: /waitlist/leave/{TOKEN}/ after /admin/?q=a@b.com. Was it sent? No."
    assert scrub(text) == "Internal Server Error: /waitlist/leave/…/ after /admin/ Was it sent? No."


@pytest.mark.urls("tests.urls_broken")
def test_an_error_at_a_removal_link_is_logged_with_the_token_masked(initial_content, console_output):
    response = Client(raise_request_exception=False).get(f"/waitlist/leave/{TOKEN}/boom/?email=name@example.com")
    assert response.status_code == 500
    output = console_output.getvalue()
    assert "Internal Server Error: /waitlist/leave/…/boom/" in output
    assert "secret detail" in output  # the traceback is kept, only scrubbed
    assert TOKEN not in output and TOKEN.split(":")[0] not in output and "example.com" not in output


def test_django_server_request_lines_are_logged_without_query_strings(console_output):
    logging.getLogger("django.server").warning(
        '"%s" %s %s', f"GET /waitlist/leave/{TOKEN}/?q=x@example.com HTTP/1.1", 404, 179
    )
    assert console_output.getvalue().rstrip().endswith('django.server "GET /waitlist/leave/…/ HTTP/1.1" 404 179')


# --- The production server ------------------------------------------------------------------------

SECRET_KEY = "log-privacy-test-only-secret-key-never-used-anywhere-else-0123456789"
EMAIL = "log-probe.person@example.com"
SEARCHED_EMAIL = "name@example.com"
USER_AGENT = "ProbeAgent/1.0 (private-user-agent-marker)"


def run(command, env):
    subprocess.run(
        [sys.executable, "manage.py", *command], cwd=PROJECT, env=env, check=True, capture_output=True, timeout=120
    )


@pytest.fixture
def production_server(tmp_path, sqlite_sites):
    """gunicorn with gunicorn.conf.py and production settings on a fresh SQLite file; yields (url, db, output)."""
    database = sqlite_sites.copy(tmp_path / "site.sqlite3", content=True)  # a deploy's commands run again on it
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CACHE_", "EMAIL_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="clinic_site.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DATABASE_URL=f"sqlite:///{database}",
        EMAIL_URL=f"smtp://127.0.0.1:{closed_port()}",  # nothing listens there: sending fails fast
        EMAIL_TIMEOUT="2",
        DJANGO_PROXY_COUNT="1",  # as behind the hosting's proxy: the client address comes from X-Forwarded-For
        DJANGO_STATIC_ROOT=str(static_root()),
        **TEST_FIELD_KEYS,
    )
    run(["release", "-v0"], env)
    output = tmp_path / "server.log"
    with output.open("wb") as sink, gunicorn(env, workers=1, output=sink, log_level="info") as base_url:
        yield base_url, database, output, env


NEW_PHONE = "(858) 555-0166"


def removal_token_in(database, email):
    with sqlite3.connect(database) as connection:  # the email is encrypted there: found by its keyed hash
        (key,) = connection.execute(
            "SELECT removal_key FROM waitlist_intakerequest WHERE email_hash = ?", (email_hash(email),)
        ).fetchone()
    return signing.TimestampSigner(key=SECRET_KEY, salt=REMOVAL_SALT).sign(str(uuid.UUID(key)))


def test_the_production_server_logs_no_patient_data(production_server):
    base, database, output, env = production_server
    visitor = Browser()
    visitor.headers.update(
        {
            "User-Agent": USER_AGENT,
            "Referer": f"{base}/waitlist/spravato/?email={EMAIL}",
            "X-Forwarded-For": "203.0.113.9",
        }
    )

    status, _, headers = visitor.post_form(f"{base}/waitlist/spravato/", waitlist_fields(email=EMAIL))
    assert status == 302 and headers["Location"] == "/waitlist/spravato/thanks/"
    status, _, _ = visitor.get(f"{base}/admin/waitlist/intakerequest/?q={SEARCHED_EMAIL}")
    assert status == 302  # to the login page; the access log line is what matters
    token = removal_token_in(database, EMAIL)
    # The person's own status page (the link in their emails): a new phone number, then a damaged link.
    page = f"{base}/waitlist/status/{token}/"
    status, _, _ = visitor.post_form(page, {"action": "phone", "phone-phone": NEW_PHONE, "phone-website": ""})
    assert status == 302
    status, _, _ = visitor.get(f"{base}/waitlist/status/{TOKEN}/")
    assert status == 400
    status, _, _ = visitor.post_form(f"{base}/waitlist/leave/{token}/?from=email", {})
    assert status == 302
    status, _, _ = visitor.get(f"{base}/waitlist/leave/{TOKEN}/")
    assert status == 400  # a well-formed token the server did not sign

    with output.open("ab") as sink:  # the worker, as `make serve` runs it, sends (here: fails to send) the emails
        worker = [sys.executable, "manage.py", "worker", "--batch"]
        subprocess.run(worker, cwd=PROJECT, env=env, stdout=sink, stderr=subprocess.STDOUT, check=True, timeout=60)
    log = output.read_text()
    access = [line for line in log.splitlines() if '" 30' in line or '" 20' in line or '" 40' in line]
    assert any('"POST /waitlist/spravato/ HTTP/1.1" 302' in line for line in access), log
    visits = [line for line in access if "/healthz/" not in line]
    assert all(" 203.0.113.9 " in line for line in visits), log  # the visitor's address, as the app decides it
    assert any('"GET /admin/waitlist/intakerequest/ HTTP/1.1" 302' in line for line in access), log
    assert any('"GET /waitlist/leave/…/ HTTP/1.1" 200' in line for line in access), log
    assert any('"POST /waitlist/leave/…/ HTTP/1.1" 302' in line for line in access), log
    assert any('"GET /waitlist/leave/…/ HTTP/1.1" 400' in line for line in access), log
    assert any('"GET /waitlist/status/…/ HTTP/1.1" 200' in line for line in access), log
    assert any('"POST /waitlist/status/…/ HTTP/1.1" 302' in line for line in access), log
    assert any('"GET /waitlist/status/…/ HTTP/1.1" 400' in line for line in access), log
    assert "(waitlist.patient) not sent (ConnectionRefusedError)" in log  # the worker's own log is checked too
    secrets = [
        EMAIL,
        EMAIL.split("@")[0],
        SEARCHED_EMAIL,
        "%40",
        "example.com",
        "5550142",
        "555-0142",
        "555) ",
        "5550166",
        "555-0166",  # the new phone number, given on the status page
        "Bench",  # phone and name from waitlist_fields
        token,
        token.split(":")[0],
        token.split(":")[-1],
        TOKEN.split(":")[0],
        TOKEN.split(":")[-1],
        "?",
        "q=",
        "from=email",
        "private-user-agent-marker",
        "ProbeAgent",
    ]
    assert [secret for secret in secrets if secret in log] == [], log


REFUSED_HOST = "evil.example"


def get_with_host(base_url, path, host):
    """GET `path` with a Host header of our choosing, as curl -H 'Host: ...' sends it."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, BeautifulSoup(response.read(), "html.parser")
    finally:
        connection.close()


def access_logged(output, entries, timeout=10.0):
    """The server's output once it holds every one of `entries`: gunicorn logs a request after answering it."""
    deadline = time.monotonic() + timeout
    while not all(entry in (log := output.read_text()) for entry in entries) and time.monotonic() < deadline:
        time.sleep(0.05)
    return log


def test_the_production_server_refuses_an_unknown_host_with_the_branded_400_and_one_line(production_server):
    base, _, output, _ = production_server
    paths = {"/": "en", "/healthz/": "en", "/robots.txt": "en", "/admin/login/": "en", "/es/": "es"}
    for path, language in paths.items():
        status, page = get_with_host(base, path, REFUSED_HOST)
        assert status == 400, path
        assert page.html["lang"] == language
        crisis = page.find("aside", class_="crisis-banner")
        assert crisis is not None and crisis.find("a", href="tel:988") is not None, path
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    log = access_logged(output, [f'"GET {path} HTTP/1.1" 400 ' for path in paths])
    warnings = [line for line in log.splitlines() if " WARNING " in line or " ERROR " in line]
    refusal = " WARNING clinic_site.views Refused a request whose Host header is not in DJANGO_ALLOWED_HOSTS (400)"
    assert len(warnings) == len(paths) and all(line.endswith(refusal) for line in warnings), log
    assert "Traceback" not in log and REFUSED_HOST not in log, log
    for path in paths:
        assert any(f'"GET {path} HTTP/1.1" 400 ' in line for line in log.splitlines()), log


# What the privacy notice says for each field of the access log; None: not about the visitor.
PRIVACY_NOTICE_WORDS = {
    "t": "the time",
    "m": "the kind of request",
    "U": "the page address",
    "H": None,  # protocol version, e.g. HTTP/1.1
    "s": "whether it worked",
    "b": "its size",
    "M": "how long it took",
    "h": "IP address",
}


def test_the_privacy_notice_names_every_field_of_the_access_log():
    from clinic.initial_content import PRIVACY

    config = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
    fields = re.findall(r"%\((\w)\)s", config["access_log_format"])
    assert set(fields) <= set(PRIVACY_NOTICE_WORDS), "a new access-log field needs a line in the privacy notice"
    notice = " ".join(PRIVACY.split())
    assert [words for words in PRIVACY_NOTICE_WORDS.values() if words and words not in notice] == []
    assert 'We leave out anything after a "?" in a page address.' in notice
    assert "We hide the private part of personal links" in notice
