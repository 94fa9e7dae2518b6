"""A deployment check (`manage.py check --deploy`, the go-live checklist's server half): the privacy notice
promises nightly backups. Not on the staff admin home: only whoever runs the server can set it."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def nightly_backups_are_set_up(app_configs=None, **kwargs):
    if settings.BACKUP_DIR is not None:
        return []
    return [
        Warning(
            "No nightly backup is made: DJANGO_BACKUP_DIR is not set.",
            hint="Set DJANGO_BACKUP_DIR and DJANGO_BACKUP_KEY (README, “Backups and restore”), "
            "or the privacy notice's promise of nightly backups is not true.",
            id="backups.W001",
        )
    ]
