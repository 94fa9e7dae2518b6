"""/healthz/ against a database that is really down (an address where nothing listens)."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

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
    result = subprocess.run([sys.executable, "-c", HEALTHZ_SCRIPT], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    status, body, cache_control = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == 503
    assert body == {"status": "unavailable", "database": "unreachable", "cache": "ok"}
    assert "no-store" in cache_control
