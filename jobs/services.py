"""Routine jobs (retention purges, retries of owed email) run by the task worker: no cron needed.

Each app declares its jobs in its AppConfig (jobs.registry): a function and an interval. Time is cut into
slots of that interval; a job's run for a slot is a task that first claims the (job, slot) pair in the
database, so with any number of workers each slot runs once, and in the same transaction queues the run
for the next slot.
`manage.py worker` queues the current slot of every job when it starts, which also restarts a chain
that was lost.
"""

import io
import logging
import time
from datetime import UTC, datetime

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import RoutineRun
from .registry import RoutineJob, routine_jobs

logger = logging.getLogger(__name__)


def schedule_routine_jobs() -> None:
    """Queue the current slot of every routine job (a slot that already ran is skipped by the task)."""
    for name, job in routine_jobs().items():
        _queue(job=name, definition=job, slot=int(time.time()) // job.every_seconds, at_slot_start=False)


def run_routine_job(*, job: str, slot: int) -> str:
    definition = routine_jobs().get(job)
    if definition is None:
        return "unknown job"
    try:
        with transaction.atomic():
            run = RoutineRun.objects.create(job=job, slot=slot)
            _queue(job=job, definition=definition, slot=slot + 1, at_slot_start=True)
    except IntegrityError:
        return "already ran"
    result = import_string(definition.function)()
    run.result = str(result)[:200]
    run.finished_at = timezone.now()
    run.save(update_fields=["result", "finished_at"])
    logger.info("Routine job %s done: %s", job, run.result)
    return run.result


def _queue(*, job: str, definition: RoutineJob, slot: int, at_slot_start: bool) -> None:
    from .tasks import routine_job  # the task module imports this one

    task = routine_job
    if at_slot_start:
        starts = datetime.fromtimestamp(slot * definition.every_seconds, tz=UTC)
        task = routine_job.using(run_after=starts)
    task.enqueue(job=job, slot=slot)


def clear_expired_sessions() -> str:
    """Staff sessions end after at most a working day; their rows go once they expire."""
    call_command("clearsessions")
    return "cleared"


def prune_finished_tasks() -> str:
    """Task results are kept for a week for troubleshooting, then deleted (they hold only ids)."""
    output = io.StringIO()
    call_command("prune_db_task_results", min_age_days=7, failed_min_age_days=7, stdout=output, verbosity=1)
    return output.getvalue().strip()[:200]
