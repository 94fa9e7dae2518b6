from django.apps import AppConfig

from jobs.registry import RoutineJob
from staff.roles import INTAKE_COORDINATORS, PRIVACY_OFFICERS


class IntakeConfig(AppConfig):
    """What patients ask of the clinic: the Spravato waitlist and call-back requests, stored as intake requests,
    the public pages that take and withdraw them, and the coordinators' queue."""

    name = "intake"
    # The label the app had as `waitlist`: the tables, migrations, permissions and change history of every
    # live site are keyed by it, and renaming an app label has no migration in Django.
    label = "waitlist"
    verbose_name = "Intake: waitlist and call-back requests"
    routine_jobs = {
        "purge-waitlist": RoutineJob(
            function="intake.services.retention.purge_expired_entries", every_seconds=24 * 3600
        ),
        # Hourly, so a check-in goes out within the hour it falls due; at most one per person per interval.
        "waitlist-check-ins": RoutineJob(function="intake.services.checkins.run_check_ins", every_seconds=3600),
        # Every 15 minutes: an invitation past its window passes to the next person within a quarter of an hour.
        "waitlist-invitations": RoutineJob(function="intake.services.offers.run_offers", every_seconds=900),
    }
    site_texts = "intake.texts.TEXTS"
    site_text_previews = "intake.texts.PREVIEWS"
    page_frame = {"open-waitlists": "intake.selectors.open_waitlists_now"}  # every page's menu links to them
    # Coordinators update requests, their status and contact log; they never add or delete requests by
    # hand (deletion is the retention purge's job). Privacy officers erase a person who asks for it (and
    # see nothing else of the requests). Content editors never see them.
    role_permissions = {INTAKE_COORDINATORS: ["change", "view"], PRIVACY_OFFICERS: ["erase"]}

    def ready(self):
        # Registering: a deleted request takes its confirmation email with it; what intake keeps for a treatment.
        from . import signals, treatment_dependents  # noqa: F401
