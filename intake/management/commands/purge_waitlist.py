from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from intake.services import purge_closed_entries


class Command(BaseCommand):
    help = (
        "Delete closed waitlist entries and call-back requests (withdrawn, declined, completed), with their history "
        "and contact log, after the retention period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days since the entry last changed "
            f"(default: WAITLIST_RETENTION_DAYS, now {settings.WAITLIST_RETENTION_DAYS}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *args, days, dry_run, **options):
        days = settings.WAITLIST_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days cannot be negative.")
        count = purge_closed_entries(older_than_days=days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} closed waitlist entries and call-back requests older than {days} days.")
