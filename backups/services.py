"""Encrypted backups of the database, and their restore into a new database (never over the live one).

SQLite: the online backup API copies a consistent snapshot while the site runs. PostgreSQL: `pg_dump
--format=custom`, streamed straight into the encryption, so no plain dump touches the disk. The file format
is described in backups/encryption.py.
"""

import logging
import os
import sqlite3
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import connections

from .encryption import CHUNK_SIZE, BackupKeyError, decrypt_stream, encrypt_stream, parse_key, read_kind

logger = logging.getLogger(__name__)

FILE_PATTERN = "clinic-*.backup"


class BackupFailed(Exception):
    """The backup or restore could not be made; the message says why and carries no patient data."""


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: str
    size: int


def configured_key() -> bytes:
    if not settings.BACKUP_KEY:
        raise BackupKeyError("Set DJANGO_BACKUP_KEY (make one with `manage.py backup_database --new-key`).")
    return parse_key(settings.BACKUP_KEY)


def backup_database(*, destination: Path, key: bytes, using: str = "default") -> Backup:
    """Write an encrypted, consistent backup of the database to `destination` (a new file)."""
    if destination.exists():
        raise BackupFailed(f"{destination} already exists; a backup never overwrites a file.")
    connection = connections[using]
    partial = destination.with_name(destination.name + ".partial")
    salt = os.urandom(16)
    try:
        with _private_file(partial) as output:
            if connection.vendor == "sqlite":
                size = _backup_sqlite(connection=connection, key=key, salt=salt, output=output)
                kind = "sqlite"
            elif connection.vendor == "postgresql":
                size = _backup_postgresql(settings_dict=connection.settings_dict, key=key, salt=salt, output=output)
                kind = "postgresql"
            else:
                raise BackupFailed(f"Backups of {connection.vendor} databases are not supported.")
            output.flush()
            os.fsync(output.fileno())
        partial.rename(destination)
    finally:
        partial.unlink(missing_ok=True)
    return Backup(path=destination, kind=kind, size=size)


def restore_database(*, source: Path, into: str, key: bytes) -> str:
    """Restore the backup `source` into a new database: for SQLite the path of a new file, for PostgreSQL the
    name of a database on the live server that does not exist yet or is empty. Returns what was restored."""
    with source.open("rb") as backup:
        kind = read_kind(source=backup, key=key)
        if kind == "sqlite":
            _restore_sqlite(backup=backup, key=key, target=Path(into))
            return f"SQLite database restored to {into}"
        live = connections["default"]
        if live.vendor != "postgresql":
            raise BackupFailed(
                "This is a PostgreSQL backup: restore it with DATABASE_URL set to the PostgreSQL server."
            )
        _restore_postgresql(backup=backup, key=key, database=into, settings_dict=live.settings_dict)
        return f"PostgreSQL database restored into {into}"


def prune_backups(*, folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups in `folder` (names sort by time), and leftovers of backups that
    died half-way; returns what was deleted."""
    backups = sorted(folder.glob(FILE_PATTERN))
    doomed = backups[: max(len(backups) - keep, 0)]
    stale_after = datetime.now(tz=UTC).timestamp() - 2 * settings.BACKUP_TIMEOUT_SECONDS
    doomed += [partial for partial in folder.glob(FILE_PATTERN + ".partial") if partial.stat().st_mtime < stale_after]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def run_nightly_backup() -> str:
    """The worker's routine job: a backup into DJANGO_BACKUP_DIR, keeping the last DJANGO_BACKUP_KEEP. Off when
    the folder is unset. Never raises: a failure is logged and becomes the job's recorded result."""
    if settings.BACKUP_DIR is None:
        return "off (DJANGO_BACKUP_DIR is not set)"
    folder = Path(settings.BACKUP_DIR)
    try:
        if not folder.is_dir():
            raise BackupFailed(f"the backup folder {folder} does not exist")
        name = datetime.now(tz=UTC).strftime("clinic-%Y%m%d-%H%M%S.backup")
        backup = backup_database(destination=folder / name, key=configured_key())
        removed = prune_backups(folder=folder, keep=settings.BACKUP_KEEP)
    except (BackupFailed, BackupKeyError, OSError) as error:
        logger.error("Nightly backup failed: %s", error)
        return f"failed: {error}"
    return f"{backup.path.name} ({backup.size} bytes); removed {len(removed)} old"


# --- SQLite -------------------------------------------------------------------


def _backup_sqlite(*, connection: Any, key: bytes, salt: bytes, output: IO[bytes]) -> int:
    if connection.in_atomic_block:  # its own open transaction would lock the snapshot out
        raise BackupFailed("A SQLite backup is made outside any transaction.")
    connection.ensure_connection()
    deadline = time.monotonic() + settings.BACKUP_TIMEOUT_SECONDS

    def give_up_at_deadline(status: int, remaining: int, total: int) -> None:
        # sqlite3 retries a locked database for ever; this ends the wait.
        if time.monotonic() > deadline:
            raise BackupFailed(f"The SQLite database stayed locked for {settings.BACKUP_TIMEOUT_SECONDS} s.")

    # The plain copy lives only in a private temporary folder (TMPDIR) while it is encrypted.
    with tempfile.TemporaryDirectory(prefix="clinic-backup-") as folder:
        copy_path = Path(folder) / "snapshot.sqlite3"
        copy = sqlite3.connect(copy_path)
        try:
            # All pages in one step: one consistent snapshot (WAL: the site keeps reading and writing meanwhile).
            connection.connection.backup(copy, progress=give_up_at_deadline)
        finally:
            copy.close()
        with copy_path.open("rb") as plain:
            return encrypt_stream(chunks=_read_chunks(plain), key=key, kind="sqlite", salt=salt, output=output)


def _restore_sqlite(*, backup: IO[bytes], key: bytes, target: Path) -> None:
    if target.exists():
        raise BackupFailed(f"{target} already exists: restore into a new file, never over a database.")
    partial = target.with_name(target.name + ".partial")
    try:
        with _private_file(partial) as output:
            for chunk in decrypt_stream(source=backup, key=key):
                output.write(chunk)
        check = sqlite3.connect(partial)
        try:
            (result,) = check.execute("PRAGMA integrity_check").fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupFailed(f"The restored file is not a sound SQLite database: {error}") from None
        finally:
            check.close()
        if result != "ok":
            raise BackupFailed(f"The restored SQLite database failed its integrity check: {result}")
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)


# --- PostgreSQL -----------------------------------------------------------------


def _backup_postgresql(*, settings_dict: dict[str, Any], key: bytes, salt: bytes, output: IO[bytes]) -> int:
    command = ["pg_dump", "--format=custom", "--no-password", "--lock-wait-timeout=60s"]
    tool = _tool(
        command, env=_libpq_env(settings_dict, database=settings_dict["NAME"]), stdin=None, stdout=subprocess.PIPE
    )
    with tool as process:
        assert process.stdout is not None
        return encrypt_stream(chunks=_read_chunks(process.stdout), key=key, kind="postgresql", salt=salt, output=output)


def _restore_postgresql(*, backup: IO[bytes], key: bytes, database: str, settings_dict: dict[str, Any]) -> None:
    if database == settings_dict["NAME"]:
        raise BackupFailed("Restore into a new database, never over the live one.")
    _create_empty_database(database=database, settings_dict=settings_dict)
    command = [
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        "--no-password",
        f"--dbname={database}",
    ]
    tool = _tool(
        command, env=_libpq_env(settings_dict, database=database), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL
    )
    with tool as process:
        assert process.stdin is not None
        try:
            for chunk in decrypt_stream(source=backup, key=key):
                process.stdin.write(chunk)
            process.stdin.close()
        except BrokenPipeError:
            pass  # pg_restore stopped early: its own message is reported below


def _create_empty_database(*, database: str, settings_dict: dict[str, Any]) -> None:
    import psycopg
    from psycopg import sql

    params: dict[str, Any] = {
        "dbname": "postgres",
        "user": settings_dict.get("USER") or None,
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
        "password": settings_dict.get("PASSWORD") or None,
    }
    with psycopg.connect(**params, autocommit=True, connect_timeout=10) as server:
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
            return
    with psycopg.connect(**{**params, "dbname": database}, connect_timeout=10) as target:
        tables = target.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
        if tables and tables[0]:
            raise BackupFailed(f"The database {database} already has tables: restore into a new or empty database.")


def _libpq_env(settings_dict: dict[str, Any], *, database: str) -> dict[str, str]:
    """The connection for pg_dump and pg_restore, through libpq's variables (the password never on a command
    line that `ps` shows)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PG")}
    values = {
        "PGDATABASE": database,
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGCONNECT_TIMEOUT": settings_dict.get("OPTIONS", {}).get("connect_timeout", 10),
        "PGSSLMODE": settings_dict.get("OPTIONS", {}).get("sslmode"),
    }
    env.update({name: str(value) for name, value in values.items() if value})
    return env


class _tool:
    """Run pg_dump or pg_restore, killed after DJANGO_BACKUP_TIMEOUT_SECONDS; raises BackupFailed with the
    tool's own message when it fails."""

    def __init__(self, command: list[str], *, env: dict[str, str], stdin: int | None, stdout: int) -> None:
        self.command, self.env, self.stdin, self.stdout = command, env, stdin, stdout

    def __enter__(self) -> "subprocess.Popen[bytes]":
        self.errors = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(
                self.command, env=self.env, stdin=self.stdin, stdout=self.stdout, stderr=self.errors
            )
        except FileNotFoundError:
            self.errors.close()
            raise BackupFailed(
                f"{self.command[0]} is not installed (Debian: apt-get install postgresql-client)."
            ) from None
        self.timed_out = threading.Event()
        self.timer = threading.Timer(settings.BACKUP_TIMEOUT_SECONDS, self._kill)
        self.timer.start()
        return self.process

    def _kill(self) -> None:
        self.timed_out.set()
        self.process.kill()

    def __exit__(self, error_type: object, error: object, traceback: object) -> None:
        if error is not None:
            self.process.kill()
        returncode = self.process.wait()
        self.timer.cancel()
        self.errors.seek(0)
        message = self.errors.read().decode("utf-8", "replace").strip().splitlines()
        self.errors.close()
        if error is not None:
            return
        if self.timed_out.is_set():
            raise BackupFailed(
                f"{self.command[0]} took longer than {settings.BACKUP_TIMEOUT_SECONDS} s and was stopped."
            )
        if returncode != 0:
            detail = message[-1] if message else f"exit status {returncode}"
            raise BackupFailed(f"{self.command[0]} failed: {detail}")


# --- files ----------------------------------------------------------------------


def _read_chunks(source: IO[bytes]) -> Iterator[bytes]:
    while chunk := source.read(CHUNK_SIZE):
        yield chunk


def _private_file(path: Path) -> IO[bytes]:
    """A new file only its owner can read."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(descriptor, "wb")
