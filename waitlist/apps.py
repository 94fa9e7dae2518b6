from django.apps import AppConfig

from staff.roles import INTAKE_COORDINATORS


class WaitlistConfig(AppConfig):
    name = "waitlist"
    verbose_name = "Intake: waitlist and call-back requests"
    site_texts = "waitlist.texts.TEXTS"
    site_text_previews = "waitlist.texts.PREVIEWS"
    # Coordinators update requests, their status and contact log; they never add or delete requests by
    # hand (deletion is the retention purge's job). Content editors never see them.
    role_permissions = {INTAKE_COORDINATORS: ["change", "view"]}
