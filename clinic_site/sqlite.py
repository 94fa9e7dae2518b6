"""Deleted data really gone from a SQLite database's files, not only from its tables.

The connection runs with `PRAGMA secure_delete=ON` (settings), so SQLite overwrites a deleted row's bytes with
zeros in every page it writes. In WAL mode the write-ahead log still holds the earlier copies of those pages
until a checkpoint, so after deleting personal data, copy the log into the database and empty it.
"""

from django.db import connections, transaction


def wipe_write_ahead_log_on_commit(*, using: str = "default") -> None:
    """Once the current transaction commits (at once outside one). Best effort: a reader still open can keep
    part of the log until the next checkpoint. Nothing to do on PostgreSQL, whose dumps and backups hold live
    rows only."""
    if connections[using].vendor == "sqlite":
        transaction.on_commit(lambda: _checkpoint(using), using=using)


def _checkpoint(using: str) -> None:
    with connections[using].cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
