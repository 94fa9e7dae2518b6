from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backups.encryption import BackupKeyError, DamagedBackupError
from backups.services import BackupFailed, configured_key, restore_database


class Command(BaseCommand):
    help = (
        "Restore an encrypted backup into a NEW database, never over the live one: SQLite into a new file, "
        "PostgreSQL into a new (or empty) database on the server DATABASE_URL names."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", type=Path, help="the backup file")
        parser.add_argument(
            "--into", required=True, help="SQLite: a new file's path. PostgreSQL: a new database's name"
        )

    def handle(self, *args: Any, backup: Path, into: str, **options: Any) -> None:
        try:
            done = restore_database(source=backup, into=into, key=configured_key())
        except (BackupFailed, BackupKeyError, DamagedBackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(done + ".")
