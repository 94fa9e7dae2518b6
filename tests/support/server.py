"""Start the site as production runs it: gunicorn, PostgreSQL, Redis, whitenoise. Loopback only."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psycopg

PROJECT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def production_env(*, database, redis_db, **extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="clinic_site.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="benchmark-only-secret-key-never-used-anywhere-else-0123456789",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
        CACHE_URL=f"redis://127.0.0.1:6379/{redis_db}",
        EMAIL_URL="dummymail://",
        DJANGO_LOG_LEVEL="WARNING",
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


def prepare_site(env):
    """Fresh schema, initial content and collected static files, as a deploy does."""
    for command in (["migrate", "--no-input", "-v0"], ["load_initial_content"], ["collectstatic", "--no-input", "-v0"]):
        manage(env, *command)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
def gunicorn(env, *, port=None, workers=2, output=None, log_level="warning"):
    """Run gunicorn with gunicorn.conf.py on 127.0.0.1 and yield its base URL; always stopped afterwards.

    Its access and error logs go to `output` (a file), or nowhere.
    """
    port = port or free_port()
    command = [GUNICORN, "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    process = subprocess.Popen(
        [*command, "--log-level", log_level],
        cwd=PROJECT,
        env=env,
        stdout=output or subprocess.DEVNULL,  # the access log: written as in production
        stderr=subprocess.STDOUT if output else None,
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
