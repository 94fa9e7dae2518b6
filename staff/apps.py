from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Staff accounts: the admin site with its second factor, roles, and how long a staff session lasts."""

    name = "staff"
    verbose_name = "Staff sign-in"

    def ready(self):
        from . import signals  # noqa: F401 - connects the sign-in clock
        from .admin_site import name_library_apps

        name_library_apps()
