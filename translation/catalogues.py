"""The Spanish the site ships with: each app's gettext catalogue, `<app>/locale/es/LC_MESSAGES/django.po`.

An entry translates the English a page text or a shipped record starts with; its context is the page
text's key, or `app.model.field`. The `.po` files are the one source: they are read with polib (its
public API), the same library that updates them (`update_spanish_catalogues`). A page text's shipped
Spanish is read from here whenever it is shown; a shipped record's is written with its English by
`load_initial_content` (publishing.shipped).
"""

import sys
from functools import cache
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.db import models

from .twins import SPANISH


def shipped_spanish(english: str, context: str) -> str | None:
    """The Spanish the site ships for `english` in `context`, from the gettext catalogues, or None."""
    return _shipped_catalogue().get((context, english)) or None


@cache  # the catalogues are files of the release: the same for the whole life of the process
def _shipped_catalogue() -> dict[tuple[str, str], str]:
    """{(context, English): Spanish} of every translated entry; fuzzy and obsolete ones are not shipped."""
    entries = {}
    for path in catalogue_files():
        for entry in polib.pofile(str(path)).translated_entries():
            if entry.msgctxt and not entry.obsolete:
                entries[(entry.msgctxt, entry.msgid)] = entry.msgstr
    return entries


def translation_context(obj: models.Model, field_name: str) -> str:
    """The gettext context of a field's shipped Spanish: it keeps the site's entries apart from Django's own,
    and the same English apart when it means two things. A model may name its own (page texts use their key)."""
    if hasattr(obj, "translation_context"):
        return obj.translation_context()
    return f"{obj._meta.label_lower}.{field_name}"


def catalogue_files() -> list[Path]:
    """Every Spanish gettext catalogue (.po) of the project's own apps."""
    base, installed = Path(settings.BASE_DIR), Path(sys.prefix)
    found = []
    for config in apps.get_app_configs():
        path = catalogue_path(config.label)
        if path.is_relative_to(base) and not path.is_relative_to(installed) and path.exists():
            found.append(path)
    return found


def catalogue_path(app_label: str) -> Path:
    """Where an app keeps its Spanish catalogue, whether or not it has one yet."""
    return Path(apps.get_app_config(app_label).path) / "locale" / SPANISH / "LC_MESSAGES" / "django.po"
