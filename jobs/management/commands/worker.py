import logging
import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.utils import autoreload, timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from jobs.services import schedule_routine_jobs

logger = logging.getLogger(__name__)

DATABASE_LOST = (OperationalError, InterfaceError)
FIRST_PAUSE_SECONDS = 0.5
LONGEST_PAUSE_SECONDS = 5.0


class HealingWorker(Worker):
    """django-tasks-db's worker that waits out a lost or failing database instead of exiting.

    On OperationalError or InterfaceError it logs once (the class name only: database errors can quote
    the values of a statement), closes the broken connections, waits (0.5, 1, 2, 4, then 5 s between
    tries), connects again and carries on; with --batch it stops with the error instead. A task the
    outage interrupted is marked failed, so it is not left "running"; what it owed is picked up again by
    its own recovery (owed emails: retry-owed-email).
    """

    interrupted: DBTaskResult | None = None

    def run(self) -> None:
        failing = False
        pause = 0.0
        while self.running:
            try:
                schedule_routine_jobs()  # also restarts a routine job chain the outage broke
                self._forget_interrupted_task()
                if failing:
                    logger.warning("Database back; the worker carries on")
                    failing, pause = False, 0.0
                super().run()
                return
            except DATABASE_LOST as error:
                if self.batch:
                    raise  # a one-off run reports the failure to whoever started it
                if not failing:
                    logger.error("Database unavailable (%s); the worker waits and tries again", type(error).__name__)
                    failing = True
                _close_connections()
                pause = min(max(pause * 2, FIRST_PAUSE_SECONDS), LONGEST_PAUSE_SECONDS)
                self.startup_delay = False
                time.sleep(pause)  # a SIGTERM here stops the worker at once (Worker.shutdown)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        try:
            super().run_task(db_task_result)
        except DATABASE_LOST:
            self.interrupted = db_task_result  # its result could not be recorded
            raise

    def _forget_interrupted_task(self) -> None:
        if self.interrupted is None:
            return
        DBTaskResult.objects.filter(pk=self.interrupted.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path=f"{OperationalError.__module__}.{OperationalError.__qualname__}",
        )
        self.interrupted = None


def _close_connections() -> None:
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()  # forgets the connection even when closing it fails
        except DatabaseError:
            pass


class Command(BaseCommand):
    help = "Run the task worker: owed emails and the routine jobs (make serve, make run and production run it)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run what is due now, then stop.")

    def handle(self, *args, batch, **options):
        worker = HealingWorker(
            queue_names=["default"], interval=1.0, batch=batch, backend_name="default", startup_delay=not batch,
            max_tasks=None, worker_id=get_random_string(32), excluded_queue_names=[],
        )  # fmt: skip
        if settings.DEBUG and not batch:
            # Locally (make run) the worker restarts on code changes, as runserver does.
            if os.environ.get(autoreload.DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            autoreload.run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
