from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from backups.encryption import BackupKeyError
from backups.encryption import new_key as new_key_text
from backups.services import BackupFailed, backup_database, configured_key


class Command(BaseCommand):
    help = "Write an encrypted, consistent backup of the database (key: DJANGO_BACKUP_KEY)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, help="the new backup file (default: a dated file in DJANGO_BACKUP_DIR)"
        )
        parser.add_argument(
            "--new-key", action="store_true", help="print a new random key for DJANGO_BACKUP_KEY and stop"
        )

    def handle(self, *args: Any, output: Path | None, new_key: bool, **options: Any) -> None:
        if new_key:
            self.stdout.write(new_key_text())
            return
        if output is None:
            if settings.BACKUP_DIR is None:
                raise CommandError("Give --output FILE, or set DJANGO_BACKUP_DIR.")
            output = Path(settings.BACKUP_DIR) / datetime.now(tz=UTC).strftime("clinic-%Y%m%d-%H%M%S.backup")
        try:
            backup = backup_database(destination=output, key=configured_key())
        except (BackupFailed, BackupKeyError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up the {backup.kind} database to {backup.path} ({backup.size} bytes, encrypted).")
