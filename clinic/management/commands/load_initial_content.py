from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Each app's loader creates what is missing and leaves staff edits alone.
LOADERS = [
    "clinic.initial_content.load_initial_content",
    "treatments.initial_content.load_initial_content",
    "financing.initial_content.load_initial_content",
]


class Command(BaseCommand):
    help = "Create the initial clinic content that is missing. Safe to run again: it never duplicates or overwrites."

    def handle(self, *args, **options):
        with transaction.atomic():
            for path in LOADERS:
                created = import_string(path)()
                self.stdout.write(f"{path.split('.')[0]}: {created} new record(s)")
