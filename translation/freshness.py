"""Whether a Spanish field may be out of date: its English changed after the Spanish was last written or checked.

Each save of a translated model (translation.twins) records, per field whose words changed, when the English
changed and when the Spanish was last written (translation.models.SpanishFreshness). The Spanish "may be out
of date" when the English changed later. It is not, whatever the times, when there is no Spanish to be out of
date (the field is counted as "not translated yet" instead), when there is no English, or when the Spanish is
the one the site ships for that English (translation.catalogues). Staff clear the mark by writing the Spanish
or by confirming it still matches (`confirm_spanish`). A record nothing was changed in since it was made has
no rows: it is up to date, so a deploy raises no false alarms. Only the admin and the go-live checklist read
this; public pages never do.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from .catalogues import shipped_spanish, translation_context
from .models import SpanishFreshness
from .twins import missing_spanish, spanish_name, translated_models

OUTDATED = "Spanish may be out of date"


def _words(value) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def spanish_is_shipped(obj: models.Model, field_name: str) -> bool:
    """Whether the Spanish of `field_name` is the site's shipped translation of its English (a model whose empty
    fields mean shipped words answers itself: `spanish_is_shipped(field_name)`)."""
    if hasattr(obj, "spanish_is_shipped"):
        return obj.spanish_is_shipped(field_name)
    spanish = _words(getattr(obj, spanish_name(field_name)))
    english = _words(getattr(obj, field_name))
    return bool(spanish) and shipped_spanish(english, translation_context(obj, field_name)) == spanish


def spanish_needs_checking(obj: models.Model, field_name: str) -> bool:
    """Whether a change to the English of `field_name` can leave its Spanish behind."""
    if not _words(getattr(obj, field_name)) and not hasattr(obj, "spanish_is_shipped"):
        return False  # no English, nothing for the Spanish to follow
    return field_name not in missing_spanish(obj) and not spanish_is_shipped(obj, field_name)


def _stored_words(instance: models.Model) -> dict[str, str] | None:
    model = type(instance)
    if instance._state.adding or instance.pk is None:
        return None
    names = [name for field in model.translated_fields for name in (field, spanish_name(field))]  # type: ignore[attr-defined]
    return model._base_manager.filter(pk=instance.pk).values(*names).first()


def remember_stored_words(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a save: the words it replaces, to tell which language changed."""
    translated = set(sender.translated_fields)
    if raw or (update_fields is not None and not translated & {name.removesuffix("_es") for name in update_fields}):
        instance._stored_translated_words = None
        return
    instance._stored_translated_words = _stored_words(instance)


def record_changed_words(sender, instance, created=False, raw=False, **kwargs):
    """After a save: note when each field's English changed and when its Spanish was written or needs nothing."""
    before = getattr(instance, "_stored_translated_words", None)
    instance._stored_translated_words = None
    if raw or created or before is None:
        return
    now = timezone.now()
    changes = {}
    for name in sender.translated_fields:
        english = _words(before.get(name)) != _words(getattr(instance, name))
        spanish = _words(before.get(spanish_name(name))) != _words(getattr(instance, spanish_name(name)))
        if english or spanish:
            changes[name] = (english, spanish or not spanish_needs_checking(instance, name))
    if changes:
        _note(record=instance, changes=changes, when=now)


def _note(*, record: models.Model, changes: dict[str, tuple[bool, bool]], when) -> None:
    content_type = ContentType.objects.get_for_model(record)
    rows = {
        row.field: row
        for row in SpanishFreshness.objects.filter(content_type=content_type, object_id=record.pk, field__in=changes)
    }
    for name, (english, spanish) in changes.items():
        row = rows.get(name) or SpanishFreshness(content_type=content_type, object_id=record.pk, field=name)
        if english:
            row.english_changed_at = when
        if spanish:
            row.spanish_checked_at, row.confirmed_by = when, None
        if row.pk is None and not row.is_outdated:
            continue  # up to date without a row
        row.save()


def connect_signals() -> None:
    for model in translated_models():
        pre_save.connect(remember_stored_words, sender=model, dispatch_uid=f"spanish-freshness-pre-{model._meta.label}")
        post_save.connect(record_changed_words, sender=model, dispatch_uid=f"spanish-freshness-{model._meta.label}")


def confirm_spanish(*, record: models.Model, fields: list[str], user: AbstractBaseUser | None) -> None:
    """A person who reads both languages says the Spanish of `fields` still matches the English as it is now."""
    content_type = ContentType.objects.get_for_model(record)
    SpanishFreshness.objects.filter(content_type=content_type, object_id=record.pk, field__in=fields).update(
        spanish_checked_at=timezone.now(), confirmed_by=user
    )


# Reads (the admin and the go-live checklist only)


def outdated_spanish(record: models.Model) -> dict[str, SpanishFreshness]:
    """{field name: its freshness} of the fields of `record` whose Spanish may be out of date."""
    if record.pk is None:
        return {}
    rows = SpanishFreshness.objects.outdated().filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    )
    return {row.field: row for row in rows if row.field in type(record).translated_fields}  # type: ignore[attr-defined]


def outdated_rows(model: type[models.Model]) -> models.QuerySet:
    """The object ids of the records of `model` with a Spanish field that may be out of date, as a subquery."""
    return (
        SpanishFreshness.objects.outdated()
        .filter(content_type=ContentType.objects.get_for_model(model), field__in=model.translated_fields)  # type: ignore[attr-defined]
        .values("object_id")
    )


def outdated_spanish_filter(model: type[models.Model]) -> models.Q:
    """Records of `model` with at least one Spanish field that may be out of date, as a database filter."""
    return models.Q(pk__in=outdated_rows(model))


def outdated_spanish_annotation(model: type[models.Model]) -> models.Exists:
    """True on each record of `model` that has a Spanish field that may be out of date (for change lists)."""
    return models.Exists(outdated_rows(model).filter(object_id=models.OuterRef("pk")))
