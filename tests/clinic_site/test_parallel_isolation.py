"""The suite runs in pytest-xdist workers (`make test`): what two workers could share, each has of its own."""

import socket
from pathlib import Path

import pytest

from tests.settings import RESERVED_REDIS_DATABASES, own_redis_database
from tests.support import server


def test_each_worker_clears_a_redis_database_of_its_own_and_none_a_single_test_uses():
    urls = [own_redis_database("redis://127.0.0.1:6379/15", worker) for worker in range(4)]
    assert urls == [f"redis://127.0.0.1:6379/{number}" for number in (15, 14, 13, 12)]
    assert own_redis_database("locmemcache://", 1) == "locmemcache://"
    for reserved in RESERVED_REDIS_DATABASES:
        with pytest.raises(RuntimeError, match="has no Redis database of its own"):
            own_redis_database(f"redis://127.0.0.1:6379/{reserved + 1}", 1)
    with pytest.raises(RuntimeError):
        own_redis_database("redis://127.0.0.1:6379/0", 1)


def worker_ports(monkeypatch, worker_id, count=200):
    monkeypatch.setenv("PYTEST_XDIST_WORKER", worker_id)
    return {server.free_port() for _ in range(count)}


def test_workers_pick_ports_from_separate_blocks_below_the_ephemeral_range(monkeypatch):
    first, second = worker_ports(monkeypatch, "gw0"), worker_ports(monkeypatch, "gw1")
    assert not first & second
    lowest_ephemeral = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    assert max(first | second) < lowest_ephemeral  # never a port the OS hands out for bind(0) or connect()


def test_free_port_skips_a_port_in_use(monkeypatch):
    with socket.create_server(("127.0.0.1", server.free_port())) as taken:
        in_use = taken.getsockname()[1]
        monkeypatch.setattr(server.random, "sample", lambda ports, count: [in_use, *ports])  # tried first
        assert server.free_port() != in_use


def test_server_databases_are_named_after_the_suite_and_the_worker(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/xd")
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    assert server.own_database("scaleout") == "xd_scaleout_gw1"
    monkeypatch.delenv("PYTEST_XDIST_WORKER")
    assert server.own_database("scaleout") == "xd_scaleout_main"
    assert server.static_root().name == "main"
