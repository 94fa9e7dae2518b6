"""/healthz/ against a database that is really down (an address where nothing listens)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.faults import silent_server

PROJECT = Path(__file__).resolve().parents[2]

HEALTHZ_SCRIPT = """
import json, django
django.setup()
from django.test import Client
response = Client().get("/healthz/")
print(json.dumps([response.status_code, response.json(), response["Cache-Control"]]))
"""


def test_health_check_answers_503_when_the_database_is_down():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        # Port 9 (discard) has no PostgreSQL server: the connection is refused at once.
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/unreachable",
    }
    result = subprocess.run(
        [sys.executable, "-c", HEALTHZ_SCRIPT], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    status, body, cache_control = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == 503
    assert body == {"status": "unavailable", "database": "unreachable", "cache": "ok"}
    assert "no-store" in cache_control


PAGES_SCRIPT = """
import json, time, django
django.setup()
from django.test import Client
from bs4 import BeautifulSoup
results = []
for path in ["/healthz/", "/", "/waitlist/spravato/"]:
    started = time.monotonic()
    response = Client().get(path)
    heading = BeautifulSoup(response.content, "html.parser").h1 if path != "/healthz/" else None
    seconds = round(time.monotonic() - started, 1)
    results.append([path, response.status_code, seconds, heading and heading.get_text(strip=True)])
print(json.dumps(results))
"""


def test_a_database_that_accepts_connections_and_never_answers_gets_the_branded_503_in_seconds():
    with silent_server() as hung_database:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{hung_database.port}/hung",
            "DATABASE_CONNECT_TIMEOUT": "2",
        }
        # Without a connect timeout each request would wait for gunicorn to kill its worker (30 s).
        result = subprocess.run(
            [sys.executable, "-c", PAGES_SCRIPT], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 0, result.stderr
    for path, status, seconds, heading in json.loads(result.stdout.strip().splitlines()[-1]):
        assert status == 503, path
        assert seconds < 10, path  # bounded by the connect timeout, not by the worker's death
        if path != "/healthz/":
            assert heading == "We can’t load this page right now"
