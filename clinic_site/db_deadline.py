"""A client-side deadline on every PostgreSQL round trip.

The server's statement_timeout and the TCP timeouts cannot help when something between us and the
database accepts our bytes and never answers (a hung proxy, a stalled network path that still ACKs):
a query on an already-open connection would then wait until gunicorn kills the worker. One watchdog
thread per process watches every query in flight; one that overruns its deadline has its socket shut
down, so psycopg raises OperationalError at once, the request gets the branded 503, and Django
discards the connection (the next request connects afresh). Cheap: a query costs a dictionary insert
and removal under a lock; no thread is started, and none woken, per query. The watchdog wakes when the
oldest deadline is due, and while nothing is watched once every IDLE_SECONDS: a query's deadline is
never sooner than that wake, unless its allowance is shorter (then the watchdog is woken for it).
"""

import logging
import os
import socket
import threading
import time
from contextlib import contextmanager
from itertools import count

logger = logging.getLogger(__name__)


IDLE_SECONDS = 1.0


class Watchdog:
    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._watched: dict[int, tuple[float, int]] = {}  # token -> (deadline, socket fd), oldest first
        self._tokens = count()
        self._thread: threading.Thread | None = None
        self._pid = 0
        self._wakes_at = 0.0  # time.monotonic() when the thread next looks, whatever is added meanwhile

    @contextmanager
    def deadline(self, *, seconds: float, fileno: int):
        """Cut the socket `fileno` if the block is still running after `seconds`."""
        token = next(self._tokens)
        with self._condition:
            self._start_if_needed()
            deadline = time.monotonic() + seconds
            self._watched[token] = (deadline, fileno)
            if deadline < self._wakes_at:
                self._condition.notify()  # due before the thread would look (a short allowance, in tests)
        try:
            yield
        finally:
            with self._condition:
                self._watched.pop(token, None)

    def _start_if_needed(self) -> None:
        if self._thread is not None and self._pid == os.getpid() and self._thread.is_alive():
            return
        self._pid = os.getpid()  # a forked child needs its own thread
        self._wakes_at = 0.0
        self._thread = threading.Thread(target=self._watch, name="database-deadline", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while True:
            with self._condition:
                if not self._watched:
                    self._sleep(IDLE_SECONDS)
                    continue
                # Every query gets the same allowance, so the oldest entry has the earliest deadline.
                token, (deadline, fileno) = next(iter(self._watched.items()))
                remaining = deadline - time.monotonic()
                if remaining > 0:
                    self._sleep(remaining)
                    continue
                del self._watched[token]
                cut = _cut(fileno)  # under the lock: the query cannot finish and its socket be reused meanwhile
            if cut:
                logger.warning("A database query passed its deadline; its connection was cut")

    def _sleep(self, seconds: float) -> None:
        """Wait (holding the condition) until `seconds` pass or a sooner deadline is added."""
        self._wakes_at = time.monotonic() + seconds
        self._condition.wait(seconds)
        self._wakes_at = 0.0  # looking now: a deadline added before the next sleep is seen then


def _cut(fileno: int) -> bool:
    try:
        # fromfd duplicates the descriptor; shutting the duplicate down ends the connection itself.
        with socket.fromfd(fileno, socket.AF_INET, socket.SOCK_STREAM) as duplicate:
            duplicate.shutdown(socket.SHUT_RDWR)
    except OSError:
        return False  # already closed
    return True


watchdog = Watchdog()
