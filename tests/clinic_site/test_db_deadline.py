"""The watchdog behind every PostgreSQL round trip (clinic_site/db_deadline.py): a block still running at its
deadline has its socket cut, whether the deadline falls before the watchdog's idle wake (it is woken for it) or
after it (no query wakes it); a block that ends in time keeps its socket."""

import socket
import time

import pytest

from clinic_site import db_deadline
from clinic_site.db_deadline import Watchdog


def wait_on(connection):
    """Block as a query waiting for its answer does: until data comes or the connection is cut."""
    try:
        return connection.recv(1)
    except OSError:
        return b""


@pytest.mark.parametrize(
    ("idle_seconds", "allowance"),
    [(5.0, 0.25), (0.5, 0.75)],
    ids=["due-before-the-idle-wake", "due-after-the-idle-wake"],
)
def test_a_block_still_waiting_at_its_deadline_has_its_socket_cut(monkeypatch, idle_seconds, allowance):
    monkeypatch.setattr(db_deadline, "IDLE_SECONDS", idle_seconds)
    watchdog = Watchdog()
    ours, theirs = socket.socketpair()
    with ours, theirs:
        with watchdog.deadline(seconds=allowance, fileno=ours.fileno()):
            pass  # a first query: the watchdog's thread now runs
        time.sleep(allowance + 0.1)  # and, past that query's deadline, sleeps until its idle wake
        started = time.monotonic()
        with watchdog.deadline(seconds=allowance, fileno=ours.fileno()):
            assert wait_on(ours) == b""  # cut: nothing ever came from the other end
        waited = time.monotonic() - started
    # Bounds on the behaviour, not speed targets: not before the deadline, and not at some later wake.
    assert allowance <= waited < allowance + 1.0, waited


def test_a_block_that_ends_in_time_keeps_its_socket():
    watchdog = Watchdog()
    ours, theirs = socket.socketpair()
    with ours, theirs:
        for _ in range(3):
            with watchdog.deadline(seconds=0.3, fileno=ours.fileno()):
                theirs.sendall(b"x")
                assert ours.recv(1) == b"x"
        time.sleep(0.5)  # past every deadline those blocks had
        theirs.sendall(b"y")
        assert ours.recv(1) == b"y"
