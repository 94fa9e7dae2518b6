"""The worker outlives its database: with PostgreSQL unreachable it waits and tries again, and logs it once.

Runs on both passes: the database is an address where nothing listens, so no server is needed.
"""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from tests.faults import closed_port
from tests.support.server import PROJECT

pytestmark = pytest.mark.own_database  # processes of its own: DATABASE_URL changes nothing here

UNAVAILABLE = "Database unavailable (OperationalError); the worker waits and tries again"


def test_the_worker_waits_for_an_unreachable_database_instead_of_exiting_and_logs_it_once():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port()}/unreachable",
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "worker"], cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(line.decode() for line in worker.stdout))
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while not any(UNAVAILABLE in line for line in lines):  # up, and its first try failed
            assert worker.poll() is None and time.monotonic() < deadline, "".join(lines)
            time.sleep(0.1)
        time.sleep(3.5)  # three more tries, 0.5, 1 and 2 s apart
        assert worker.poll() is None, "the worker is still running"
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
        reader.join(timeout=30)
    assert worker.returncode == 0, "SIGTERM still stops it at once, cleanly"
    log = "".join(lines)
    assert log.count(UNAVAILABLE) == 1, log
    assert "Traceback" not in log, "the class name only: database errors can quote a statement's values"
