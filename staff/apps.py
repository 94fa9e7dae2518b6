from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Staff accounts: the admin site with its second factor, roles, and how long a staff session lasts."""

    name = "staff"
    verbose_name = "Staff accounts"

    def ready(self):
        from . import signals  # noqa: F401 - connects the sign-in clock
