from django.apps import AppConfig

from core.roles import INTAKE_COORDINATORS


class WaitlistConfig(AppConfig):
    name = "waitlist"
    # Coordinators update entries and their status; they never add or delete them by hand
    # (deletion is the retention purge's job). Content editors never see them.
    role_permissions = {INTAKE_COORDINATORS: ["change", "view"]}
