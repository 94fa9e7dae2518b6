"""Each app declares its own routine jobs; the worker runs what they declare together."""

from django.apps import apps
from django.utils.module_loading import import_string

from jobs.registry import routine_jobs


def test_every_app_declares_its_own_routine_jobs_and_the_worker_knows_them_all():
    declared = {config.label: set(getattr(config, "routine_jobs", {})) for config in apps.get_app_configs()}
    assert declared["outbox"] == {"retry-owed-email", "prune-sent-email"}
    assert declared["waitlist"] == {"purge-waitlist", "waitlist-check-ins"}  # the intake app
    assert declared["publishing"] == {"publish-scheduled-changes"}
    assert declared["jobs"] == {"clear-expired-sessions", "prune-task-results"}
    assert declared["backups"] == {"backup-database"}
    assert set(routine_jobs()) == set().union(*declared.values())
    for job in routine_jobs().values():
        assert callable(import_string(job.function)) and job.every_seconds > 0
