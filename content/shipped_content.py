"""Rewording the content a site first shipped with, in a data migration, without touching staff edits.

The initial-content loader never overwrites, so a site created before a rewording keeps the old
words. A migration lists each change as `Reword`; a record is changed only while its field still
holds the old shipped value exactly, so anything staff edited stays as they left it.
"""

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from .page_cache import clear_public_pages


@dataclass(frozen=True)
class Reword:
    model: str  # "app_label.ModelName"
    field: str
    old: Any
    new: Any
    # More lookups that pick the record, such as its question.
    where: dict[str, Any] = dataclasses.field(default_factory=dict)


def reword_operations(changes: Iterable[Reword]) -> tuple[Callable, Callable]:
    """The forwards and backwards functions for `migrations.RunPython`."""
    changes = tuple(changes)

    def forwards(apps, schema_editor):
        _apply(apps, schema_editor, [(change, change.old, change.new) for change in changes])

    def backwards(apps, schema_editor):
        _apply(apps, schema_editor, [(change, change.new, change.old) for change in reversed(changes)])

    return forwards, backwards


def _apply(apps, schema_editor, steps):
    changed = 0
    for change, current, replacement in steps:
        model = apps.get_model(change.model)
        records = model.objects.using(schema_editor.connection.alias).filter(**change.where, **{change.field: current})
        dated = {"updated_at": timezone.now()} if _has_field(model, "updated_at") else {}
        changed += records.update(**{change.field: replacement}, **dated)
    if changed:
        clear_public_pages(using=schema_editor.connection.alias)  # update() sends no save signal


def _has_field(model, name):
    return any(model_field.name == name for model_field in model._meta.get_fields())
