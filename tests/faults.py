"""Real faults for tests: a port where nothing listens, a server that accepts and never answers,
and a Redis server of our own that can be stopped or filled up."""

import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

# Sockets bound by closed_port(), held until the test process ends.
_HELD: list[socket.socket] = []


def closed_port() -> int:
    """A loopback port with nothing listening: connections are refused at once.

    The OS chose it, and a socket of ours stays bound to it without listening until the test process
    ends, so no other process can start listening there meanwhile.
    """
    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    _HELD.append(held)
    return held.getsockname()[1]


class SilentServer:
    """Accepts TCP connections and reads what is sent, but never answers; counts the bytes it got."""

    def __init__(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.received = 0
        self.connections: list[socket.socket] = []
        self._running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while self._running:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)
            threading.Thread(target=self._swallow, args=(connection,), daemon=True).start()

    def _swallow(self, connection: socket.socket) -> None:
        while True:
            try:
                data = connection.recv(65536)
            except OSError:
                return
            if not data:
                return
            self.received += len(data)

    def close(self) -> None:
        self._running = False
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        except OSError:
            pass
        self.listener.close()
        for connection in self.connections:
            connection.close()


@contextmanager
def silent_server():
    server = SilentServer()
    try:
        yield server
    finally:
        server.close()


@dataclass(frozen=True)
class RedisAddress:
    """Where a Redis server of our own listens: a Unix socket in a folder of its own (no port to race for)."""

    socket: Path

    @property
    def url(self) -> str:
        """For redis-py and a django-redis LOCATION."""
        return f"unix://{self.socket}"

    @property
    def cache_url(self) -> str:
        """For the site's CACHE_URL (django-environ reads `redis:///path` as that socket)."""
        return f"redis://{self.socket}"


@contextmanager
def redis_address():
    """A Redis address where nothing listens yet (connections fail at once); start one there with
    `redis_server(address=...)`."""
    with tempfile.TemporaryDirectory(prefix="redis-") as folder:  # short: a socket path has 107 bytes at most
        yield RedisAddress(Path(folder) / "redis.sock")


@contextmanager
def redis_server(*extra_args: str, address: RedisAddress | None = None):
    """A Redis server of our own, keeping nothing on disk, listening only on a Unix socket of its own (at
    `address`, or a new one); yields its RedisAddress once it answers; stopped afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed")
    with redis_address() if address is None else nullcontext(address) as address:
        process = subprocess.Popen(
            [binary, "--port", "0", "--unixsocket", str(address.socket), "--save", "", "--appendonly", "no",
             *extra_args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 10
            while True:
                try:
                    with socket.socket(socket.AF_UNIX) as probe:
                        probe.settimeout(0.2)
                        probe.connect(str(address.socket))
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
            yield address
        finally:
            process.terminate()
            process.wait(timeout=10)


class DatabaseProxy:
    """A TCP proxy in front of a server (PostgreSQL) whose connections a test can cut or stall.

    `cut()` closes every connection and resets each new one at once, as a database that went away;
    `stall()` keeps every connection open and accepts new ones but forwards nothing either way, as a
    database (or network path) that stopped answering; `restore()` forwards again (connections that
    lost bytes while stalled are closed: their protocol state is gone).
    """

    FORWARD, CUT, STALL = "forward", "cut", "stall"

    def __init__(self, *, upstream_port: int, upstream_host: str = "127.0.0.1") -> None:
        self.upstream = (upstream_host, upstream_port)
        self.mode = self.FORWARD
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket | None]] = []
        self._stalled: set[socket.socket] = set()  # client sockets that lost bytes while stalled
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(128)
        self.port = self.listener.getsockname()[1]
        self._running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def cut(self) -> None:
        with self._lock:
            self.mode = self.CUT
            pairs, self._pairs = self._pairs, []
        for client, server in pairs:
            _reset(client)
            if server is not None:
                _reset(server)

    def stall(self) -> None:
        with self._lock:
            self.mode = self.STALL
            self._stalled.update(client for client, _ in self._pairs)

    def restore(self) -> None:
        with self._lock:
            self.mode = self.FORWARD
            broken = [pair for pair in self._pairs if pair[0] in self._stalled]
            self._pairs = [pair for pair in self._pairs if pair[0] not in self._stalled]
            self._stalled.clear()
        for client, server in broken:
            _reset(client)
            if server is not None:
                _reset(server)

    def close(self) -> None:
        self._running = False
        try:
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        self.cut()

    def _accept(self) -> None:
        while self._running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._open, args=(client,), daemon=True).start()

    def _open(self, client: socket.socket) -> None:
        mode = self.mode
        if mode == self.CUT:
            _reset(client)
            return
        server = None
        if mode == self.FORWARD:
            try:
                server = socket.create_connection(self.upstream, timeout=5)
                server.settimeout(None)
            except OSError:
                _reset(client)
                return
        with self._lock:
            self._pairs.append((client, server))
            if mode == self.STALL:
                self._stalled.add(client)
        if server is None:
            self._pump(client, None, client)
            return
        threading.Thread(target=self._pump, args=(server, client, client), daemon=True).start()
        self._pump(client, server, client)

    def _pump(self, source: socket.socket, target: socket.socket | None, client: socket.socket) -> None:
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            if target is None or client in self._stalled or self.mode != self.FORWARD:
                continue  # read and dropped: the sender's kernel sees its bytes acknowledged, nothing more
            try:
                target.sendall(data)
            except OSError:
                break
        for end in (source, target):
            if end is not None:
                _reset(end)


def _reset(connection: socket.socket) -> None:
    """End a connection at once, waking the thread blocked reading it; the peer's next read fails."""
    try:
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    connection.close()


@contextmanager
def database_proxy(*, upstream_port: int = 5432):
    proxy = DatabaseProxy(upstream_port=upstream_port)
    try:
        yield proxy
    finally:
        proxy.close()
