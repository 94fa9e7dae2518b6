"""Change history staff can read: a save that changes nothing leaves no record, and each record lists
every changed field in full (long texts sentence by sentence, content.diff), built from django-simple-history's
records."""

from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from simple_history.models import HistoricalRecords

from .diff import sentence_diff

REVERT_PREFIX = "Reverted"
WHEN_FORMAT = "M j, Y, g:i A"  # Nov 25, 2026, 9:30 AM: as staff pages show a moment (ends without a period)
LONG_TEXT_CHARACTERS = 80  # longer values are shown as a sentence diff, not as before → after


# What a release shipped to a record (content.models.ShippedContent) is not part of its history.
NOT_IN_HISTORY = ("shipped_as", "shipped_words")


class ChangeHistory(HistoricalRecords):
    """HistoricalRecords that keeps no record of a save whose staff-editable fields are what the last record holds."""

    def create_history_model(self, model, inherited):
        # A list of its own per model: with `inherit`, one ChangeHistory makes the history of several models.
        names = {field.name for field in model._meta.fields}
        self.excluded_fields = [name for name in NOT_IN_HISTORY if name in names]
        return super().create_history_model(model, inherited)

    def post_save(self, instance, created, using=None, **kwargs):
        if not created and not kwargs.get("raw", False) and self._matches_latest_record(instance):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def _matches_latest_record(self, instance) -> bool:
        latest = getattr(instance, self.manager_name).first()
        if latest is None or latest.history_type == "-":
            return False
        names = [field.attname for field in self.fields_included(instance) if field.editable]
        return all(comparable(getattr(latest, name)) == comparable(getattr(instance, name)) for name in names)


def normalise_line_endings(value: str) -> str:
    """Browsers send text areas with \\r\\n; the database keeps \\n, so an unchanged text compares equal."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def comparable(value):
    """A value as a change is judged: texts without line-ending or leading and trailing whitespace differences,
    which forms drop anyway (Django's CharField strips), so they are no change."""
    return normalise_line_endings(value).strip() if isinstance(value, str) else value


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str
    text_diff: SafeString | None  # set for long texts: the whole text with removed and added sentences marked


def changes_between(newer, older) -> list[FieldChange]:
    """Every staff-editable field that differs between two history records of one object, in form order."""
    delta = newer.diff_against(older, foreign_keys_are_objs=True)
    fields = {change.field: change for change in delta.changes if comparable(change.old) != comparable(change.new)}
    model_fields = [field for field in newer.instance_type._meta.fields if field.name in fields]
    return [field_change(field, fields[field.name].old, fields[field.name].new) for field in model_fields]


def revert_reason(*, version, user) -> str:
    """The change reason of a revert, as the history list shows it."""
    when = date_format(timezone.localtime(version.history_date), WHEN_FORMAT)
    return f"{REVERT_PREFIX} to the version of {when} by {staff_name(user)}"[:100]


def is_revert(record) -> bool:
    return (record.history_change_reason or "").startswith(REVERT_PREFIX)


def staff_name(user) -> str:
    """How staff pages name a colleague: full name, else username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def field_change(field: models.Field, old, new) -> FieldChange:
    """One field's change for display; `old` and `new` are values as the model holds them (related objects for keys)."""
    old_text, new_text = _display(field, old), _display(field, new)
    long = isinstance(field, models.TextField) or max(len(old_text), len(new_text)) > LONG_TEXT_CHARACTERS
    return FieldChange(
        label=str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:],
        old=old_text,
        new=new_text,
        text_diff=sentence_diff(comparable(old_text), comparable(new_text)) if long else None,
    )


def _display(field: models.Field, value) -> str:
    if value is None or value == "":
        return ""
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(field, models.DateTimeField):
        return date_format(timezone.localtime(value), WHEN_FORMAT)
    if isinstance(field, models.DateField):
        return date_format(value, "DATE_FORMAT")
    return str(value)
