"""The Spanish the site ships with: each app's gettext catalogue, `<app>/locale/es/LC_MESSAGES/django.po`.

An entry translates the English a page text or a shipped record starts with; its context is the page
text's key, or `app.model.field`. `load_initial_content` copies it into empty Spanish fields, never
over staff's words. The compiled `.mo` files are committed (`manage.py compile_spanish_catalogues`).
"""

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models.signals import pre_save
from django.utils import translation

from .twins import SPANISH, missing_spanish, spanish_name


def shipped_spanish(english: str, context: str) -> str | None:
    """The Spanish the site ships for `english` in `context`, from the gettext catalogues, or None."""
    catalogue = translation.trans_real.translation(SPANISH)._catalog  # type: ignore[attr-defined]  # Django offers no public "is it translated"
    key = f"{context}\x04{english}"
    return catalogue[key] if key in catalogue else None


def fill_shipped_spanish(objects: Iterable[models.Model]) -> int:
    """Copy the shipped Spanish into every empty Spanish field whose English is still the shipped English.

    Never overwrites: a field staff translated keeps their words, and English staff reworded has no
    shipped Spanish. Returns how many records changed.
    """
    changed = 0
    for obj in objects:
        fields = _fill_from_catalogue(obj)
        if fields:
            # New words on the page: `updated_at` says so (a clinical review no longer covers them).
            stamped = [field.name for field in obj._meta.concrete_fields if getattr(field, "auto_now", False)]
            obj.save(update_fields=[*fields, *stamped])
            changed += 1
    return changed


@contextmanager
def shipped_spanish_for_new_records() -> Iterator[None]:
    """Within this block, translated records are created with their shipped Spanish (one history entry)."""

    def fill(sender, instance, raw=False, **kwargs):
        if not raw and instance._state.adding and getattr(sender, "translated_fields", ()):
            if _fill_from_catalogue(instance) and hasattr(instance, "grade"):
                instance.grade()  # the reading levels were measured before the Spanish was added

    pre_save.connect(fill, weak=False, dispatch_uid=_FILL_ON_CREATE)
    try:
        yield
    finally:
        pre_save.disconnect(dispatch_uid=_FILL_ON_CREATE)


_FILL_ON_CREATE = "translation.twins.shipped_spanish_for_new_records"


def _fill_from_catalogue(obj) -> list[str]:
    """Set the shipped Spanish on `obj` where it has none; the names of the fields set."""
    filled = []
    for name in missing_spanish(obj):
        field = obj._meta.get_field(spanish_name(name))
        spanish = shipped_spanish(getattr(obj, name), translation_context(obj, name))
        if spanish and len(spanish) <= (field.max_length or len(spanish)):
            setattr(obj, field.name, spanish)
            filled.append(field.name)
    return filled


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
