"""The database as the session's setup left it, put back after each transactional test.

A transactional test (every browser test, `transaction=True`) cannot be rolled back, so Django ends it by emptying
every table (`flush`). Its flush then ran the post_migrate signal, which made the content types and permissions
again (about 230 queries), and the next test's `initial_content` loaded the shipped content again (about 370
more): about 600 queries for every one of the 250 or so transactional tests of a run.

Instead, the rows of the migrated test database with its initial content are copied once per session (`take`),
and a transactional test's teardown puts exactly those rows back (`restore`): on PostgreSQL, every table emptied
and the copied rows written back with COPY, in one transaction; on SQLite in memory, the whole database copied
back with SQLite's backup API. The next test starts from the same rows, ids included, that the database tests
start from. Nothing else changes: an explicit `flush` (a backup-restore test empties the database on purpose)
still empties it.
"""

import sqlite3
from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.color import no_style
from django.db import OperationalError, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import TransactionTestCase

DEFAULT = "default"


@dataclass
class Snapshot:
    tables: list[str] = field(default_factory=list)  # every table flush would empty
    rows: dict[str, bytes] = field(default_factory=dict)  # PostgreSQL: each non-empty table, in COPY's text format
    sequences: str = ""  # PostgreSQL: sets the id sequences of those tables past their rows' ids
    sqlite: sqlite3.Connection | None = None  # SQLite: a copy of the whole database


_taken: dict[str, Snapshot] = {}


def _is_sqlite_in_memory(connection: BaseDatabaseWrapper) -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()  # type: ignore[attr-defined]


def take(database: str = DEFAULT) -> None:
    """Copy the database's rows as they are now (after migrating and loading the initial content)."""
    connection = connections[database]
    connection.ensure_connection()
    snapshot = Snapshot(tables=connection.introspection.django_table_names(only_existing=True, include_views=False))
    if _is_sqlite_in_memory(connection):
        snapshot.sqlite = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot.sqlite)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in snapshot.tables:
                name = connection.ops.quote_name(table)
                with cursor.cursor.copy(f"COPY {name} TO STDOUT") as copy:
                    data = b"".join(bytes(block) for block in copy)
                if data:
                    snapshot.rows[table] = data
        models = [
            model for model in apps.get_models(include_auto_created=True) if model._meta.db_table in snapshot.rows
        ]
        snapshot.sequences = "".join(connection.ops.sequence_reset_sql(no_style(), models))
    else:
        return  # another database: transactional tests keep Django's flush
    _taken[database] = snapshot


def restore(database: str = DEFAULT) -> bool:
    """Put the copied rows back, and only those; False when nothing was copied for this database."""
    snapshot = _taken.get(database)
    if snapshot is None:
        return False
    connection = connections[database]
    if snapshot.sqlite is not None:
        connection.ensure_connection()
        snapshot.sqlite.backup(connection.connection)
        return True
    for attempt in range(1, DEADLOCK_ATTEMPTS + 1):
        try:
            _copy_back(snapshot, database=database)
            return True
        except OperationalError as error:
            # A request the live server was still answering when the browser test ended held rows the restore
            # empties, and waited for rows the restore had emptied: PostgreSQL ended the restore's transaction
            # (all of it rolled back) so the request could finish. Then there is nothing in the way.
            if getattr(error.__cause__, "sqlstate", None) != DEADLOCK_DETECTED or attempt == DEADLOCK_ATTEMPTS:
                raise
    return True


DEADLOCK_DETECTED = "40P01"  # PostgreSQL's error code
DEADLOCK_ATTEMPTS = 5


def _copy_back(snapshot: Snapshot, *, database: str) -> None:
    connection = connections[database]
    with transaction.atomic(using=database), connection.cursor() as cursor:
        # The replication role fires no triggers: no foreign-key checks while tables fill in any order, and the
        # access record's append-only trigger lets its rows go (as the suite's flush does: tests/support/postgresql).
        emptying = "".join(f"DELETE FROM {connection.ops.quote_name(table)};" for table in snapshot.tables)
        cursor.execute(f"SET LOCAL session_replication_role = replica;{emptying}")
        for table, data in snapshot.rows.items():
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} FROM STDIN") as copy:
                copy.write(data)
        # A test may have set a sequence back (restoring a backup does): the next saved row must not take an id
        # that a restored row holds.
        cursor.execute(snapshot.sequences)


_flush_every_table = TransactionTestCase._fixture_teardown  # type: ignore[attr-defined]  # private in the stubs


def _restore_instead_of_flush(test_case: TransactionTestCase) -> None:
    if list(test_case._databases_names(include_mirrors=False)) == [DEFAULT] and restore(DEFAULT):  # type: ignore[attr-defined]
        return
    _flush_every_table(test_case)


def install() -> None:
    """From now on a transactional test ends by restoring the snapshot, where one was taken."""
    TransactionTestCase._fixture_teardown = _restore_instead_of_flush  # type: ignore[attr-defined]
