from django.apps import AppConfig

from jobs.registry import RoutineJob
from staff.roles import PRIVACY_OFFICERS


class AccessRecordConfig(AppConfig):
    """Who saw or changed which patient's record, and every staff sign-in: append-only, kept six years."""

    name = "access_record"
    verbose_name = "Access record"
    routine_jobs = {
        "purge-access-record": RoutineJob(
            function="access_record.services.purge_expired_entries", every_seconds=24 * 3600
        ),
    }
    # Privacy officers read the record (and export it); nobody adds, changes or deletes entries by hand.
    role_permissions = {PRIVACY_OFFICERS: ["view"]}

    def ready(self):
        from . import signals  # noqa: F401 - records sign-ins
