from django.apps import AppConfig

from jobs.registry import RoutineJob


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Outgoing email"
    routine_jobs = {
        "retry-owed-email": RoutineJob(function="outbox.services.requeue_stalled_emails", every_seconds=60),
        "prune-sent-email": RoutineJob(function="outbox.services.prune_sent_emails", every_seconds=24 * 3600),
    }
