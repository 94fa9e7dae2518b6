"""The suite runs in pytest-xdist workers (`make test`): what two workers could share, each has of its own."""

import os
import smtplib
import socket
from pathlib import Path

import pytest
import redis

from tests.faults import closed_port, redis_server
from tests.settings import RESERVED_REDIS_DATABASES, own_redis_database
from tests.support import server
from tests.support.smtp import Inbox, smtp_server


def test_each_worker_clears_a_redis_database_of_its_own_and_none_a_single_test_uses():
    urls = [own_redis_database("redis://127.0.0.1:6379/15", worker) for worker in range(4)]
    assert urls == [f"redis://127.0.0.1:6379/{number}" for number in (15, 14, 13, 12)]
    assert own_redis_database("locmemcache://", 1) == "locmemcache://"
    for reserved in RESERVED_REDIS_DATABASES:
        with pytest.raises(RuntimeError, match="has no Redis database of its own"):
            own_redis_database(f"redis://127.0.0.1:6379/{reserved + 1}", 1)
    with pytest.raises(RuntimeError):
        own_redis_database("redis://127.0.0.1:6379/0", 1)


def test_a_closed_port_refuses_connections_and_stays_ours():
    port = closed_port()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2)
    with pytest.raises(OSError), socket.create_server(("127.0.0.1", port)):
        pass  # no other server can take it while the test process runs


def test_an_smtp_server_serves_on_the_port_the_os_gave_it():
    inbox = Inbox()
    with smtp_server(inbox) as port:
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.sendmail("a@example.com", ["b@example.com"], "Subject: hi\n\nhello")
    assert inbox.messages and inbox.messages[0][0] == ["b@example.com"]


def test_a_redis_server_of_our_own_listens_on_a_socket_of_its_own_and_on_no_port():
    with redis_server() as address:
        assert redis.Redis.from_url(address.url).ping()
        process_listening = [
            pid for pid in server.descendants(os.getpid()) if "redis-server" in Path(f"/proc/{pid}/cmdline").read_text()
        ]
        assert len(process_listening) == 1 and server.listening_ports(process_listening) == set()


def test_server_databases_are_named_after_the_suite_and_the_worker(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/xd")
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    assert server.own_database("scaleout") == "xd_scaleout_gw1"
    monkeypatch.delenv("PYTEST_XDIST_WORKER")
    assert server.own_database("scaleout") == "xd_scaleout_main"
    assert server.static_root().name == "main"
