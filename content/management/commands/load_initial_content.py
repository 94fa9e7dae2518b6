from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from content.registry import content_apps
from translation.catalogues import fill_shipped_spanish, shipped_spanish_for_new_records
from translation.twins import translated_models


class Command(BaseCommand):
    help = (
        "Create the initial clinic content that is missing, with its shipped Spanish. "
        "Safe to run again: it never duplicates or overwrites."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            with shipped_spanish_for_new_records():
                for config in content_apps():
                    if config.initial_content:
                        created = import_string(config.initial_content)()
                        self.stdout.write(f"{config.label}: {created} new record(s)")
            for model in translated_models():
                translated = fill_shipped_spanish(model._default_manager.all())
                if translated:
                    self.stdout.write(f"{model._meta.label}: shipped Spanish added to {translated} record(s)")
