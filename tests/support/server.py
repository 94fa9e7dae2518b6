"""Start the site as production runs it: gunicorn, PostgreSQL, Redis, whitenoise. Loopback only."""

import fcntl
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from tests.support.field_keys import TEST_FIELD_KEYS

PROJECT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def worker_id() -> str:
    """This pytest-xdist worker's id ("gw0", "gw1", ...), or "main" when the suite runs in one process."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def worker_number() -> int:
    """0 for the first xdist worker (and a run without xdist), 1 for the second, and so on."""
    return int(worker_id().removeprefix("gw")) if worker_id() != "main" else 0


def own_database(purpose: str) -> str:
    """A PostgreSQL database name for one server-based test module, unique to this suite run and worker.

    Named after the suite's database (DATABASE_URL's name: `xd` gives `xd_scaleout_gw0`), so two suites
    on one PostgreSQL server, and two workers of one suite, never share it.
    """
    suite = urllib.parse.urlsplit(os.environ.get("DATABASE_URL", "")).path.strip("/") or "clinic"
    return f"{suite}_{purpose}_{worker_id()}"


def static_root() -> Path:
    """Where this worker's production servers collect static files: two collectstatic runs into one folder
    would overwrite each other's manifest under a running server."""
    return PROJECT / "var" / "test-staticfiles" / worker_id()


def production_env(*, database, cache_url, **extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="clinic_site.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="benchmark-only-secret-key-never-used-anywhere-else-0123456789",
        ACCESS_RECORD_KEY="bmV2ZXItdXNlZC1hbnl3aGVyZS1lbHNlLTAxMjM0NTY=",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
        CACHE_URL=cache_url,
        EMAIL_URL="dummymail://",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_STATIC_ROOT=str(static_root()),
        **TEST_FIELD_KEYS,
    )
    env.update(extra)
    return env


def recreate_database(name):
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(env, *command):
    """Run a manage.py command as its own process; returns what it printed."""
    result = subprocess.run(
        [PYTHON, "manage.py", *command], cwd=PROJECT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def site_env(database: Path) -> dict:
    """The environment of `manage.py` commands on the SQLite file `database`, in debug mode."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "CACHE_"))}
    return {**env, "DJANGO_SETTINGS_MODULE": "clinic_site.settings", "DJANGO_DEBUG": "true",
            "DATABASE_URL": f"sqlite:///{database}"}  # fmt: skip


class SqliteSites:
    """SQLite database files as `manage.py migrate` leaves them, and with `load_initial_content` run after it,
    made once per suite run by those commands and then copied: migrating a new file takes a new process
    seconds. The pytest-xdist workers share `folder`; a lock lets one of them make each file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def copy(self, path: Path, *, content: bool) -> Path:
        """A database file at `path`: migrated, with the initial content or without; returns `path`."""
        _backup(self._template(content=content), path)
        return path

    def _template(self, *, content: bool) -> Path:
        migrated, with_content = self.folder / "migrated.sqlite3", self.folder / "with-content.sqlite3"
        with open(self.folder / "making.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or when a worker dies
            if not migrated.exists():
                self._make(migrated, lambda draft: manage(site_env(draft), "migrate", "--no-input", "-v0"))
            if content and not with_content.exists():

                def load_content(draft: Path) -> None:
                    _backup(migrated, draft)
                    manage(site_env(draft), "load_initial_content")

                self._make(with_content, load_content)
        return with_content if content else migrated

    def _make(self, template: Path, fill: Callable[[Path], object]) -> None:
        """Fill a draft file, then put a copy of it in place in one step: a file found there is complete."""
        draft, ready = self.folder / f"draft-{template.name}", self.folder / f"ready-{template.name}"
        fill(draft)
        _backup(draft, ready)
        os.replace(ready, template)


def _backup(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as reading, sqlite3.connect(target) as writing:
        reading.backup(writing)  # the whole database, whatever its journal holds


def prepare_site(env):
    """Fresh schema, initial content and collected static files, as a deploy does."""
    manage(env, "release", "-v0")


def wait_until_healthy(base_url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{base_url} did not become healthy")


@contextmanager
def gunicorn(env, *, workers=2, output=None, log_level="warning"):
    """Run gunicorn with gunicorn.conf.py on 127.0.0.1 and yield its base URL; always stopped afterwards.

    gunicorn serves on a socket the OS bound here to a port of its choosing (`--bind fd://N`), so no other
    process can take the port between choosing and serving. Its access and error logs go to `output`
    (a file), or nowhere.
    """
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
        command = [GUNICORN, "-c", "gunicorn.conf.py", "--bind", f"fd://{listener.fileno()}"]
        process = subprocess.Popen(
            [*command, "--workers", str(workers), "--log-level", log_level],
            cwd=PROJECT,
            env=env,
            stdout=output or subprocess.DEVNULL,  # the access log: written as in production
            stderr=subprocess.STDOUT if output else None,
            pass_fds=[listener.fileno()],
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url)
        yield base_url
    finally:
        stop(process)


@contextmanager
def task_worker(env, *, output=None):
    """Run `manage.py worker` as production does and yield its process; always stopped afterwards."""
    process = subprocess.Popen(
        [PYTHON, "manage.py", "worker"],
        cwd=PROJECT,
        env=env,
        stdout=output or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if output else None,
    )
    try:
        yield process
    finally:
        stop(process)


def descendants(root: int) -> list[int]:
    """Every process below `root` (children, their children, ...), by pid, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            children.setdefault(parent_pid(int(entry.name)), []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def parent_pid(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def listening_ports(pids) -> set[int]:
    """The TCP ports on which these processes listen, from /proc (Linux)."""
    inodes: set[str] = set()
    for pid in pids:
        try:
            links = [link.readlink().name for link in Path(f"/proc/{pid}/fd").iterdir()]
        except OSError:  # gone, or not ours to read
            continue
        inodes.update(link[len("socket:[") : -1] for link in links if link.startswith("socket:["))
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def port_chosen_by(process: subprocess.Popen, *, timeout: float = 60) -> int:
    """The port a server told to listen on port 0 (the OS picks a free one) got, once it listens.

    For servers that cannot be handed a bound socket and do not print the port they got (Django's
    development server); looks through the process and everything it started.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before listening")
        ports = listening_ports([process.pid, *descendants(process.pid)])
        if len(ports) == 1:
            return ports.pop()
        if len(ports) > 1:
            raise RuntimeError(f"the server listens on several ports: {sorted(ports)}")
        time.sleep(0.1)
    raise RuntimeError("the server did not start listening")


def stop(process: subprocess.Popen) -> None:
    """Stop a server process politely (SIGTERM), or by force if it has not stopped within 10 seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


# Tests that run the site as production does, on PostgreSQL with Redis: CI's second pass.
NEEDS_POSTGRES_AND_REDIS = pytest.mark.skipif(
    not (
        os.environ.get("DATABASE_URL", "").startswith("postgres")
        and os.environ.get("CACHE_URL", "").startswith("redis")
    ),
    reason="needs DATABASE_URL=postgres://... and CACHE_URL=redis://... (CI's second pass)",
)
