from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from intake.services.retention import purge


class Command(BaseCommand):
    help = (
        "Intake retention: delete closed waitlist entries and call-back requests (withdrawn, declined, completed) "
        "after the retention period, and open ones nobody acted on after they were flagged for coordinators, "
        "each with its history, contact log and confirmation email; flag open ones with no contact for "
        "WAITLIST_STALE_DAYS. The worker runs it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days since a closed request last changed "
            f"(default: WAITLIST_RETENTION_DAYS, now {settings.WAITLIST_RETENTION_DAYS}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted and flagged.")

    def handle(self, *args, days, dry_run, **options):
        days = settings.WAITLIST_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days cannot be negative.")
        result = purge(closed_after_days=days, dry_run=dry_run)
        stale_days, grace = settings.WAITLIST_STALE_DAYS, settings.WAITLIST_STALE_GRACE_DAYS
        if dry_run:
            delete, flag, waiting = "Would delete", "Would flag", "would then be"
        else:
            delete, flag, waiting = "Deleted", "Flagged", "are"
        self.stdout.write(
            f"{delete} {result.closed} closed waitlist entries and call-back requests older than {days} days."
        )
        self.stdout.write(
            f"{delete} {result.stale} open requests with no contact for {stale_days} days that coordinators were "
            f"shown over {grace} days ago and nobody acted on."
        )
        self.stdout.write(
            f"{flag} {result.flagged} more open requests with no contact for {stale_days} days for coordinators to "
            f"decide on (deleted {grace} days later unless someone acts)."
        )
        self.stdout.write(f"{result.waiting} open requests {waiting} waiting for a coordinator's decision.")
