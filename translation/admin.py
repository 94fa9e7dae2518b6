"""Spanish beside English in the admin, for models with `translated_fields` (translation.twins).

Each English field and its Spanish twin sit side by side on one row; the change list shows what is not
translated yet and filters by it.
"""

from django import forms
from django.contrib import admin
from django.utils.text import capfirst

from .twins import missing_spanish, missing_spanish_filter, spanish_name

MISSING_SPANISH = "Not translated yet"
SIDE_BY_SIDE = forms.Media(css={"all": ["css/admin-translation.css"]})


class MissingSpanishFilter(admin.SimpleListFilter):
    title = "Spanish"
    parameter_name = "spanish"

    def lookups(self, request, model_admin):
        return [("missing", "Not translated yet"), ("done", "Translated")]

    def queryset(self, request, queryset):
        missing = missing_spanish_filter(queryset.model)
        match self.value():
            case "missing":
                return queryset.filter(missing)
            case "done":
                return queryset.exclude(missing)
        return queryset


class TranslatedAdminMixin:
    """Mix into the ModelAdmin of a translated model, before the admin base class."""

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
            return "Translated"
        labels = ", ".join(str(self.model._meta.get_field(name).verbose_name) for name in missing)
        return f"{MISSING_SPANISH}: {labels}"
