"""Bring each app's Spanish catalogue up to date with the English the site ships. A tool for developers.

Page texts are read from their declarations; run it on a database holding only the shipped records (a fresh
`make run`) for theirs. Each app's catalogue,
`<app>/locale/es/LC_MESSAGES/django.po`, gets an empty entry for every new English text its page texts
and records ship with; entries whose English is gone are dropped. Write the Spanish into the new
entries, then compile the catalogue with `python manage.py compile_spanish_catalogues`.
"""

import polib
from django.core.management.base import BaseCommand

from sitetext.models import SiteText
from sitetext.registry import all_texts, texts_by_app
from translation.catalogues import catalogue_path, translation_context
from translation.twins import SPANISH, translated_models


class Command(BaseCommand):
    help = "Add the new shipped English texts to each app's Spanish catalogue, and drop the ones that are gone."

    def handle(self, *args, **options):
        for app_label, entries in self._shipped_english().items():
            path = catalogue_path(app_label)
            path.parent.mkdir(parents=True, exist_ok=True)
            catalogue = polib.pofile(str(path)) if path.exists() else _new_catalogue()
            known = {(entry.msgctxt, entry.msgid): entry for entry in catalogue}
            wanted = {}
            for context, english, note in entries:
                entry = known.get((context, english)) or polib.POEntry(msgctxt=context, msgid=english, msgstr="")
                entry.comment = note
                wanted[(context, english)] = entry
            added = len(wanted.keys() - known.keys())
            dropped = len(known.keys() - wanted.keys())
            catalogue[:] = list(wanted.values())
            catalogue.save(str(path))
            self.stdout.write(f"{app_label}: {added} new, {dropped} dropped, {len(wanted)} in all")

    def _shipped_english(self):
        """{app label: [(context, English, note)]} for every page text and every shipped record."""
        entries = {}
        owner = {text.key: app_label for app_label, declared in texts_by_app().items() for text in declared}
        for key, spec in sorted(all_texts().items()):
            entries.setdefault(owner[key], []).append((key, spec.default, f"{spec.page}: {spec.label}"))
        for model in translated_models():
            if model is SiteText:
                continue
            for record in model._default_manager.order_by("pk"):
                for name in model.translated_fields:
                    english = getattr(record, name)
                    if english:
                        note = f"{model._meta.verbose_name}: {name} ({record})"
                        context = translation_context(record, name)
                        entries.setdefault(model._meta.app_label, []).append((context, english, note))
        return {label: _unique(found) for label, found in entries.items()}


def _unique(entries):
    seen = {}
    for context, english, note in entries:
        seen.setdefault((context, english), (context, english, note))
    return list(seen.values())


def _new_catalogue():
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Project-Id-Version": "clinic-site",
        "Language": SPANISH,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    return catalogue
