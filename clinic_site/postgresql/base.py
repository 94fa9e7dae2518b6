"""Django's PostgreSQL backend with a client-side deadline on every round trip (clinic_site/db_deadline.py).

Covered: every statement Django runs, the health check before a reused connection is used (it
bypasses Django's cursor wrappers), commit and rollback. Opening a connection is bounded by
connect_timeout instead.
"""

from contextlib import nullcontext

from django.conf import settings
from django.db.backends.postgresql import base

from clinic_site.db_deadline import watchdog


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.execute_wrappers.append(self._execute_within_deadline)

    def _within_deadline(self):
        try:
            fileno = self.connection.fileno()
        except (AttributeError, base.Database.Error):
            return nullcontext()  # no open connection: what follows fails at once, as Django expects
        return watchdog.deadline(seconds=settings.DATABASE_QUERY_DEADLINE_SECONDS, fileno=fileno)

    def _execute_within_deadline(self, execute, sql, params, many, context):
        with self._within_deadline():
            return execute(sql, params, many, context)

    def is_usable(self):
        with self._within_deadline():
            return super().is_usable()

    def _commit(self):
        with self._within_deadline():
            return super()._commit()

    def _rollback(self):
        with self._within_deadline():
            return super()._rollback()
