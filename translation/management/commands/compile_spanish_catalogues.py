"""Compile every app's Spanish catalogue (.po) into the .mo file Django reads, without GNU gettext."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from translation.catalogues import catalogue_files


class Command(BaseCommand):
    help = "Compile the Spanish .po catalogues into .mo files (Django's compilemessages needs GNU gettext)."

    def handle(self, *args, **options):
        for po_path in catalogue_files():
            catalogue = polib.pofile(str(po_path))
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            shown = Path(po_path).relative_to(settings.BASE_DIR)
            self.stdout.write(f"{shown}: {len(catalogue.translated_entries())} of {len(catalogue)} translated")
