from django.core.management.base import BaseCommand

from publishing.services import apply_due_changes


class Command(BaseCommand):
    help = "Publish scheduled changes that are due, and take pages offline at their time (as the worker does)."

    def handle(self, *args, **options):
        self.stdout.write(apply_due_changes())
