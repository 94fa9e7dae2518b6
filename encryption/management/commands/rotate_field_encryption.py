from django.core.management.base import BaseCommand

from encryption.services import rotate_field_encryption


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted value (patients' names, emails, phones, contact notes, owed emails) under the "
        "first key of DJANGO_FIELD_ENCRYPTION_KEYS. Put the new key first, keep the old ones after it, run this, "
        "then remove the old keys. Safe to run while the site runs, and again after an interruption."
    )

    def handle(self, *args, **options):
        for result in rotate_field_encryption():
            self.stdout.write(
                f"{result.model}: {result.values} values re-encrypted, {result.current} already under the first key."
            )
        self.stdout.write("Done: every value is under the first key; older keys can now be removed.")
