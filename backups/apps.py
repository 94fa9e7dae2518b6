from django.apps import AppConfig

from jobs.registry import RoutineJob


class BackupsConfig(AppConfig):
    name = "backups"
    verbose_name = "Backups"
    routine_jobs = {
        "backup-database": RoutineJob(function="backups.services.run_nightly_backup", every_seconds=24 * 3600),
    }

    def ready(self):
        from . import checks  # noqa: F401 - registers the app's deployment check
