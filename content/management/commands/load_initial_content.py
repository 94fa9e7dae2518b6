from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from content.registry import content_apps


class Command(BaseCommand):
    help = (
        "Create the shipped content that is missing, with its shipped Spanish, and bring the words staff have not "
        "changed to the ones this release ships. Safe to run again: it never duplicates or overwrites staff's words."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            for config in content_apps():
                if config.initial_content:
                    loaded = import_string(config.initial_content)()
                    line = f"{config.label}: {len(loaded.created)} new record(s)"
                    if loaded.updated:
                        line += f", new shipped words in {loaded.updated}"
                    if loaded.proposed:
                        line += f", new shipped words waiting for a clinical reviewer in {loaded.proposed}"
                    self.stdout.write(line)
