from django.apps import AppConfig

from .registry import RoutineJob


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Routine jobs"
    routine_jobs = {
        "clear-expired-sessions": RoutineJob(function="jobs.services.clear_expired_sessions", every_seconds=24 * 3600),
        "prune-task-results": RoutineJob(function="jobs.services.prune_finished_tasks", every_seconds=24 * 3600),
    }
