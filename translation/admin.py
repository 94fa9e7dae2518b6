"""Spanish beside English in the admin, for models with `translated_fields` (translation.twins).

Each English field and its Spanish twin sit side by side on one row; the change list shows what is not
translated yet and filters by it.
"""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst

from .freshness import (
    OUTDATED,
    confirm_spanish,
    outdated_spanish,
    outdated_spanish_annotation,
    outdated_spanish_filter,
)
from .twins import missing_spanish, missing_spanish_filter, spanish_name

MISSING_SPANISH = "Not translated yet"
STILL_MATCHES = "Spanish still matches the English"
WHEN = "M j, Y, g:i A"
SIDE_BY_SIDE = forms.Media(css={"all": ["css/admin-translation.css"]})


class MissingSpanishFilter(admin.SimpleListFilter):
    title = "Spanish"
    parameter_name = "spanish"

    def lookups(self, request, model_admin):
        return [("missing", MISSING_SPANISH), ("outdated", OUTDATED), ("done", "Translated")]

    def queryset(self, request, queryset):
        missing = missing_spanish_filter(queryset.model)
        match self.value():
            case "missing":
                return queryset.filter(missing)
            case "outdated":
                return queryset.filter(outdated_spanish_filter(queryset.model))
            case "done":
                return queryset.exclude(missing)
        return queryset


def confirm_name(field_name: str) -> str:
    return f"{spanish_name(field_name)}_still_matches"


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), WHEN)


def outdated_note(freshness) -> str:
    """What the change form says under a Spanish field whose English changed after it."""
    checked = (
        format_html(", after this Spanish was last written or checked ({})", _when(freshness.spanish_checked_at))
        if freshness.spanish_checked_at
        else ""
    )
    return format_html(
        '<strong class="spanish-outdated">{}.</strong> The English changed on {}{}. Update the Spanish, or tick '
        "“{}” if it still says the same.",
        OUTDATED,
        _when(freshness.english_changed_at),
        checked,
        STILL_MATCHES,
    )


class SpanishFreshnessAdminMixin:
    """Marks each Spanish field whose English changed after it ("Spanish may be out of date", in words under the
    field), with a box to say it still matches; the change list shows and filters the same (translation.freshness).
    Mix into the ModelAdmin of a translated model, before the admin base class."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(spanish_outdated=outdated_spanish_annotation(self.model))

    def outdated_spanish(self, request, obj):
        if obj is None or obj.pk is None or not self.has_change_permission(request, obj):
            return {}
        if getattr(obj, "_outdated_spanish", None) is None:
            obj._outdated_spanish = outdated_spanish(obj)  # one query for the form and its fieldsets
        return obj._outdated_spanish

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        outdated = self.outdated_spanish(request, obj)
        if not outdated:
            return fieldsets
        boxes = {spanish_name(name): confirm_name(name) for name in outdated}
        marked = []
        for title, options in fieldsets:
            fields = []
            for row in options["fields"]:
                if row in boxes.values():
                    continue  # listed by Django among the form's fields: placed under its Spanish field instead
                fields.append(row)
                names = row if isinstance(row, list | tuple) else (row,)
                fields.extend(boxes[name] for name in names if name in boxes)
            marked.append((title, {**options, "fields": fields}))
        return marked

    def get_form(self, request, obj=None, change=False, **kwargs):
        outdated = self.outdated_spanish(request, obj)
        if outdated:
            base = kwargs.get("form", self.form)
            boxes = {
                confirm_name(name): forms.BooleanField(
                    required=False,
                    label=STILL_MATCHES,
                    help_text=f"Tick it after checking the Spanish of “{self._label(name)}” against the English.",
                )
                for name in outdated
            }
            notes = {spanish_name(name): outdated_note(freshness) for name, freshness in outdated.items()}

            def __init__(form, *args, **init_kwargs):
                base.__init__(form, *args, **init_kwargs)
                for name, note in notes.items():
                    if name in form.fields:
                        help_text = form.fields[name].help_text
                        form.fields[name].help_text = format_html("{} {}", note, help_text) if help_text else note

            kwargs["form"] = type(base.__name__, (base,), {**boxes, "__init__": __init__})
        return super().get_form(request, obj, change=change, **kwargs)

    def save_form(self, request, form, change):
        confirmed = [
            name.removesuffix("_es_still_matches")
            for name in form.cleaned_data
            if name.endswith("_es_still_matches") and form.cleaned_data[name]
        ]
        if change and confirmed:
            confirm_spanish(record=form.instance, fields=confirmed, user=request.user)
            labels = ", ".join(f"“{self._label(name)}”" for name in confirmed)
            self.message_user(request, f"Marked the Spanish of {labels} as still matching the English.", messages.INFO)
        return super().save_form(request, form, change)

    def _label(self, field_name):
        return capfirst(str(self.model._meta.get_field(field_name).verbose_name))


class SideBySideAdminMixin:
    """Each English field beside its Spanish twin, and the change list's Spanish column and filter."""

    @property
    def media(self):
        return super().media + SIDE_BY_SIDE

    def get_fieldsets(self, request, obj=None):
        names = self.model.translated_fields
        twins = {spanish_name(name) for name in names}
        fieldsets = []
        for title, options in super().get_fieldsets(request, obj):
            fields = []
            for field in options["fields"]:
                if field in twins:
                    continue
                fields.append((field, spanish_name(field)) if field in names else field)
            fieldsets.append((title, {**options, "fields": fields}))
        return fieldsets

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name in {spanish_name(name) for name in self.model.translated_fields}:
            english = self.model._meta.get_field(db_field.name.removesuffix("_es"))
            formfield.label = f"{capfirst(english.verbose_name)} · Español"
            formfield.help_text = "Left empty, the Spanish page shows the English words."
            formfield.widget.attrs["lang"] = "es"
        return formfield

    def get_list_display(self, request):
        return [*super().get_list_display(request), "spanish_column"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), MissingSpanishFilter]

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        return [*fields, *(spanish_name(field) for field in fields if field in self.model.translated_fields)]

    @admin.display(description="Spanish")
    def spanish_column(self, obj):
        missing = missing_spanish(obj)
        if not missing:
            return OUTDATED if getattr(obj, "spanish_outdated", False) else "Translated"
        labels = ", ".join(str(self.model._meta.get_field(name).verbose_name) for name in missing)
        return f"{MISSING_SPANISH}: {labels}"


class LabelledRowsMixin:
    """The fields in a change list's rows (list_editable) named for screen readers, "Ordering, row 3": Django gives
    them none (axe: label). The row's number, not its record's name, which may cost a query per row."""

    def get_changelist_form(self, request, **kwargs):
        row_form = super().get_changelist_form(request, **kwargs)

        def __init__(form, *args, **init_kwargs):
            row_form.__init__(form, *args, **init_kwargs)
            row = form.prefix.rpartition("-")[2] if form.prefix else ""
            where = f", row {int(row) + 1}" if row.isdigit() else ""
            for field in form.fields.values():
                field.widget.attrs.setdefault("aria-label", f"{capfirst(str(field.label))}{where}")

        return type(row_form.__name__, (row_form,), {"__init__": __init__})


class TranslatedAdminMixin(SpanishFreshnessAdminMixin, SideBySideAdminMixin, LabelledRowsMixin):
    """Mix into the ModelAdmin of a translated model, before the admin base class."""
