"""`make run` runs the task worker beside the development server, so scheduled changes go live locally.

The site is started as `make run` starts it (debug settings, honcho with Procfile.dev) on a database of
its own; a change scheduled for a time that has come must go live without anyone running anything else.
"""

import subprocess
import time

import pytest

from tests.support.client import Browser, waitlist_fields
from tests.support.server import PROJECT, PYTHON, port_chosen_by, wait_until_healthy

pytestmark = pytest.mark.own_database  # processes of its own: DATABASE_URL changes nothing here

HONCHO = str(PROJECT / ".venv" / "bin" / "honcho")
SCHEDULE_A_DUE_CHANGE = """
import datetime
from django.contrib.auth import get_user_model
from django.utils import timezone
from publishing import services
from treatments.models import Treatment
page = Treatment.objects.get(slug="iv-ketamine-infusion")
page.summary = "Scheduled locally and live by itself."
services.schedule(
    page=page, user=get_user_model().objects.get(username="admin"),
    publish_at=timezone.now() - datetime.timedelta(seconds=1),
)
"""
LIVE_SUMMARY = (
    'from treatments.models import Treatment; print(Treatment.objects.get(slug="iv-ketamine-infusion").summary)'
)


def test_make_runs_worker_publishes_a_due_scheduled_change_by_itself_and_prints_owed_emails(tmp_path, sqlite_sites):
    database = sqlite_sites.copy(tmp_path / "local.sqlite3", content=True)  # `make run`'s commands run again on it
    env = {
        "PATH": f"{PROJECT / '.venv' / 'bin'}:/usr/bin:/bin",
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONUNBUFFERED": "1",
    }

    def manage(*args):
        result = subprocess.run([PYTHON, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    for command in (["migrate", "--no-input", "-v0"], ["load_initial_content"], ["create_local_staff"]):
        manage(*command)
    manage("shell", "-v0", "-c", SCHEDULE_A_DUE_CHANGE)
    assert manage("shell", "-v0", "-c", LIVE_SUMMARY).strip() != "Scheduled locally and live by itself."

    log = tmp_path / "honcho.log"
    with open(log, "wb") as output:  # port 0: the development server listens where the OS lets it
        honcho = subprocess.Popen(
            [HONCHO, "--no-colour", "start", "--procfile", "Procfile.dev", "--port", "0"],
            cwd=PROJECT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while manage("shell", "-v0", "-c", LIVE_SUMMARY).strip() != "Scheduled locally and live by itself.":
            assert honcho.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(1)
        assert honcho.poll() is None, "the worker and the development server keep running"

        base_url = f"http://127.0.0.1:{port_chosen_by(honcho)}"
        wait_until_healthy(base_url, timeout=60)
        fields = waitlist_fields(email="printed-locally@example.com")
        assert Browser().post_form(f"{base_url}/waitlist/spravato/", fields)[0] == 302
        while "To: printed-locally@example.com" not in log.read_text():  # the worker prints owed emails
            assert time.monotonic() < deadline + 60, log.read_text()[-3000:]
            time.sleep(0.5)
    finally:
        honcho.terminate()
        honcho.wait(timeout=20)
    output = log.read_text()
    assert "Routine job publish-scheduled-changes done: applied 1" in output
