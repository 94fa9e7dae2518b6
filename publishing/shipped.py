"""The content a release ships, kept in step with its declaration on every site, without touching staff's words.

Each app declares its shipped records in its `initial_content.py` as `Shipped`: a key that names the record
for good, the English of its words, and the values it starts with. The Spanish of the words is the app's
catalogue (translation.catalogues). `load_initial_content` (`load_shipped`) creates a record that is missing and
brings every field still holding the words last shipped to it (`ShippedContent.shipped_words`) to the words
declared now, so a reworded default reaches every site with no migration. Words staff changed, in admin, a
draft, a revert or a shell, are theirs and never change.

New words go where staff's would: straight to the site through `save()` (a history entry, reading grades, the
page cache), or, where putting them live needs a clinical reviewer (publishing's review rule), into the
record's waiting change, for a reviewer to publish. A field staff are rewording in a waiting change is left
to them. A reviewer who discards the shipped words keeps the old ones for good.
"""

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from content.models import ShippedContent, shipped_digest
from translation.catalogues import shipped_spanish, translation_context
from translation.twins import spanish_name

from . import selectors, services

REASON = "New shipped words"  # the history's note on a save of them


@dataclass(frozen=True)
class Shipped:
    key: str  # names the record for good, whatever staff or a release later call it
    model: type[ShippedContent]
    words: dict[str, str]  # translated fields in English; they follow this declaration while staff leave them
    initial: dict[str, Any] = field(default_factory=dict)  # set once, on creation; a callable is called then
    # How a record created before shipped records had keys is found once: lookups, or a function.
    find: dict[str, Any] | Callable[[], ShippedContent | None] | None = None

    def values(self) -> dict[str, str]:
        """Every field the release ships words for, in both languages: {field: words}."""
        shipped = {}
        for name, english in self.words.items():
            shipped[name] = english
            shipped[spanish_name(name)] = shipped_spanish(english, translation_context(self.model(), name)) or ""
        return shipped


@dataclass
class Loaded:
    created: list[models.Model] = field(default_factory=list)  # financing adds the plans of a new program
    updated: int = 0  # records whose new words went live
    proposed: int = 0  # records whose new words wait for a clinical reviewer


def load_shipped(records: Iterable[Shipped]) -> Loaded:
    loaded = Loaded()
    for record in records:
        obj = _stored(record)
        if obj is None:
            loaded.created.append(_create(record))
            continue
        outcome = _follow(record, obj)
        loaded.updated += outcome == "live"
        loaded.proposed += outcome == "proposed"
    return loaded


def _stored(record: Shipped) -> ShippedContent | None:
    manager = record.model._default_manager
    obj = manager.filter(shipped_as=record.key).first()
    if obj is not None or record.find is None:
        return obj
    found = record.find() if callable(record.find) else manager.filter(**record.find).order_by("pk").first()
    if found is None or found.shipped_as is not None:
        return None
    # A record shipped before keys: its words that are the ones shipped now are the shipped ones.
    found.shipped_as = record.key
    found.shipped_words = {
        name: shipped_digest(words)
        for name, words in record.values().items()
        if shipped_digest(getattr(found, name)) == shipped_digest(words)
    }
    manager.filter(pk=found.pk).update(shipped_as=found.shipped_as, shipped_words=found.shipped_words)
    return found


def _create(record: Shipped) -> ShippedContent:
    values = record.values()
    initial = {name: value() if callable(value) else value for name, value in record.initial.items()}
    obj = record.model(**initial, **values, shipped_as=record.key)
    obj.shipped_words = {name: shipped_digest(words) for name, words in values.items()}
    if not selectors.may_save_live(user=None, record=obj) and selectors.can_go_offline(model=record.model):
        obj.is_published = False  # type: ignore[attr-defined]  # can_go_offline: it has the field. A new record on a page that needs a clinical review: a reviewer puts it live
        obj.save()
        services.propose(page=obj, values={"is_published": True})
    else:
        obj.save()
    return obj


def _follow(record: Shipped, obj: ShippedContent) -> str:
    """Bring `obj`'s untouched words to the ones shipped now; "live", "proposed" or "" (nothing to change)."""
    shipped = dict(obj.shipped_words)
    change = selectors.open_change(page=obj)
    waiting = change.values if change is not None else {}
    new = {}
    for name, words in record.values().items():
        target, current, last = shipped_digest(words), shipped_digest(getattr(obj, name)), shipped.get(name)
        if current == target:  # already the words shipped now (as created, or a reviewer published them)
            shipped[name] = target
            continue
        if name in waiting:
            pending = shipped_digest(waiting[name])
            if pending == target or last is None or pending != last:
                continue  # waiting for a reviewer already, or staff are rewording it in a waiting change
        elif current != last and not _untranslated_shipped_english(record, obj, name):
            continue  # staff's words
        new[name] = words
        shipped[name] = target
    if not new:
        if shipped != obj.shipped_words:
            type(obj)._default_manager.filter(pk=obj.pk).update(shipped_words=shipped)
        return ""
    proposed = copy.copy(obj)
    for name, words in new.items():
        setattr(proposed, name, words)
    if new.keys() & waiting.keys() or not selectors.may_save_live(user=None, record=proposed):
        services.propose(page=obj, values=new)
        type(obj)._default_manager.filter(pk=obj.pk).update(shipped_words=shipped)
        return "proposed"
    proposed.shipped_words = shipped
    proposed._change_reason = REASON  # type: ignore[attr-defined]  # simple-history reads it on save
    proposed.save()
    return "live"


def _untranslated_shipped_english(record: Shipped, obj: models.Model, name: str) -> bool:
    """An empty Spanish field beside the shipped English is not translated yet: it takes the shipped Spanish."""
    english = next((english for english in record.words if spanish_name(english) == name), None)
    return (
        english is not None
        and not (getattr(obj, name) or "").strip()
        and shipped_digest(getattr(obj, english)) == shipped_digest(record.words[english])
    )
