"""The plain-language check in the admin, for models of core.models.PlainLanguageContent.

After a save the editor sees the reading grade and the three hardest sentences; the change form shows
them too, and the change list has a "Reading grade" column and filter that flag text above grade 10.
"""

from django.contrib import admin, messages
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join

from .readability import ENGLISH_FLAG_ABOVE_GRADE, ENGLISH_TARGET_GRADE, ReadingLevel

REPORT_FIELD = "reading_level_report"


class ReadingGradeFilter(admin.SimpleListFilter):
    title = "reading grade"
    parameter_name = "reading_grade"

    def lookups(self, request, model_admin):
        return [
            ("hard", f"Above grade {ENGLISH_FLAG_ABOVE_GRADE}: needs simpler words"),
            ("near", f"Above grade {ENGLISH_TARGET_GRADE}, up to {ENGLISH_FLAG_ABOVE_GRADE}"),
            ("plain", f"Grade {ENGLISH_TARGET_GRADE} or below"),
            ("none", "Not graded yet (grades come with the next save)"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "hard":
                return queryset.filter(reading_grade__gt=ENGLISH_FLAG_ABOVE_GRADE)
            case "near":
                return queryset.filter(
                    reading_grade__gt=ENGLISH_TARGET_GRADE, reading_grade__lte=ENGLISH_FLAG_ABOVE_GRADE
                )
            case "plain":
                return queryset.filter(reading_grade__lte=ENGLISH_TARGET_GRADE)
            case "none":
                return queryset.filter(reading_grade__isnull=True)
        return queryset


class PlainLanguageAdminMixin:
    """Mix into the ModelAdmin of a PlainLanguageContent model, before the admin base class."""

    def get_list_display(self, request):
        return [*super().get_list_display(request), "reading_grade_column"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ReadingGradeFilter]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), REPORT_FIELD]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [field for field in options["fields"] if field != REPORT_FIELD]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        return [*fieldsets, ("Plain language", {"fields": [REPORT_FIELD]})]

    @admin.display(description="Reading grade", ordering="reading_grade")
    def reading_grade_column(self, obj):
        if obj.reading_grade is None:
            return "—"
        if obj.reading_grade > ENGLISH_FLAG_ABOVE_GRADE:
            return format_html(
                '<img src="{}" alt="" width="14" height="14"> {} (hard to read: above {})',
                static("admin/img/icon-alert.svg"),
                obj.reading_grade,
                ENGLISH_FLAG_ABOVE_GRADE,
            )
        return str(obj.reading_grade)

    @admin.display(description="Reading level")
    def reading_level_report(self, obj):
        level = obj.reading_level() if obj and obj.pk else None
        if level is None:
            return "Measured when the text is saved."
        return describe(level)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not set(form.changed_data) & set(obj.plain_language_fields):
            return
        level = obj.reading_level()
        if level is not None:
            self.message_user(request, describe(level), messages.WARNING if level.is_too_hard else messages.INFO)


def describe(level: ReadingLevel):
    """The reading level as an editor reads it: the score against the target, and the hardest sentences."""
    verdict = (
        "Saved, but hard to read: please use shorter sentences and simpler words."
        if level.is_too_hard
        else "Reading level checked."
    )
    sentences = format_html_join(
        "", "<li>{} <em>({} {})</em></li>", ((text, level.scale.score_label, score) for text, score in level.hardest)
    )
    return format_html(
        "{} {} <strong>{}</strong> (target: {}). Hardest sentences:<ol>{}</ol>",
        verdict,
        level.scale.name,
        level.score,
        level.scale.target,
        sentences,
    )
