"""What runs beside the app servers during the waitlist stream: a real SMTP server and the task worker.

The stream is measured with mail really being sent, as in production: before, inside each sign-up
request; now, by `manage.py worker` from the queue in the database.
"""

import socket
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path

from aiosmtpd.controller import Controller

PROJECT = Path(__file__).resolve().parent.parent


class Counter:
    """An SMTP handler that only counts what it is given."""

    def __init__(self):
        self.messages = 0
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.messages += 1
        return "250 OK"


@contextmanager
def smtp_sink():
    """A local SMTP server; yields (its EMAIL_URL, the counter of messages it accepted)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{port}", counter
    finally:
        controller.stop()


@contextmanager
def task_worker(env, python):
    """`manage.py worker`, as `make serve` runs it; stopped afterwards."""
    process = subprocess.Popen(
        [python, "manage.py", "worker"], cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)
