"""The plain-language check in the admin, for models of content.models.PlainLanguageContent.

After a save the editor sees, for each language, its score and its three hardest sentences: the English
Flesch–Kincaid grade and the Spanish Fernández-Huerta reading ease (content.readability). The change form
shows both too, and the change list has a column and a filter for each that flag hard text: English
above grade 10, Spanish below 60.
"""

from django.contrib import admin, messages
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join

from translation.twins import ENGLISH, SPANISH

from .readability import (
    ENGLISH_FLAG_ABOVE_GRADE,
    ENGLISH_TARGET_GRADE,
    SCALES,
    SPANISH_FLAG_BELOW_EASE,
    SPANISH_TARGET_EASE,
    ReadingLevel,
    Scale,
)

REPORT_FIELD = "reading_level_report"
SPANISH_REPORT_FIELD = "spanish_reading_level_report"
REPORT_FIELDS = (REPORT_FIELD, SPANISH_REPORT_FIELD)
NOT_GRADED = "Not graded yet (grades come with the next save)"


class ReadingGradeFilter(admin.SimpleListFilter):
    title = "reading grade"
    parameter_name = "reading_grade"

    def lookups(self, request, model_admin):
        return [
            ("hard", f"Above grade {ENGLISH_FLAG_ABOVE_GRADE}: needs simpler words"),
            ("near", f"Above grade {ENGLISH_TARGET_GRADE}, up to {ENGLISH_FLAG_ABOVE_GRADE}"),
            ("plain", f"Grade {ENGLISH_TARGET_GRADE} or below"),
            ("none", NOT_GRADED),
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


class SpanishReadingEaseFilter(admin.SimpleListFilter):
    title = "Spanish reading ease"
    parameter_name = "spanish_reading_ease"

    def lookups(self, request, model_admin):
        return [
            ("hard", f"Below {SPANISH_FLAG_BELOW_EASE}: needs simpler words"),
            ("near", f"{SPANISH_FLAG_BELOW_EASE} up to {SPANISH_TARGET_EASE}"),
            ("plain", f"{SPANISH_TARGET_EASE} or higher"),
            ("none", f"{NOT_GRADED}, or no Spanish yet"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "hard":
                return queryset.filter(spanish_reading_ease__lt=SPANISH_FLAG_BELOW_EASE)
            case "near":
                return queryset.filter(
                    spanish_reading_ease__gte=SPANISH_FLAG_BELOW_EASE, spanish_reading_ease__lt=SPANISH_TARGET_EASE
                )
            case "plain":
                return queryset.filter(spanish_reading_ease__gte=SPANISH_TARGET_EASE)
            case "none":
                return queryset.filter(spanish_reading_ease__isnull=True)
        return queryset


class PlainLanguageAdminMixin:
    """Mix into the ModelAdmin of a PlainLanguageContent model, before the admin base class."""

    def get_list_display(self, request):
        return [*super().get_list_display(request), "reading_grade_column", "spanish_reading_ease_column"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ReadingGradeFilter, SpanishReadingEaseFilter]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *REPORT_FIELDS]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [field for field in options["fields"] if field not in REPORT_FIELDS]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        return [*fieldsets, ("Plain language", {"fields": list(REPORT_FIELDS)})]

    @admin.display(description="Reading grade", ordering="reading_grade")
    def reading_grade_column(self, obj):
        return score_column(obj.reading_grade, SCALES[ENGLISH], beyond="above")

    @admin.display(description="Spanish reading ease", ordering="spanish_reading_ease")
    def spanish_reading_ease_column(self, obj):
        return score_column(obj.spanish_reading_ease, SCALES[SPANISH], beyond="below")

    @admin.display(description="Reading level")
    def reading_level_report(self, obj):
        level = obj.reading_level() if obj and obj.pk else None
        if level is None:
            return "Measured when the text is saved."
        return describe(level)

    @admin.display(description="Spanish reading level")
    def spanish_reading_level_report(self, obj):
        level = obj.spanish_reading_level() if obj and obj.pk else None
        if level is None:
            return "Measured when Spanish words are saved."
        return describe(level)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.report_words(request, obj, form)

    def report_words(self, request, obj, form):
        """Each language's reading level, after any save of the words (published, a draft, a revert)."""
        if not set(form.changed_data) & {*obj.plain_language_fields, *obj.spanish_plain_language_fields()}:
            return
        for level in (obj.reading_level(), obj.spanish_reading_level()):
            if level is not None:
                self.message_user(request, describe(level), messages.WARNING if level.is_too_hard else messages.INFO)
        if not obj.plain_language_text(SPANISH).strip():
            self.message_user(request, "No Spanish yet, so the Spanish reading ease is measured once it is written.")


def score_column(score, scale: Scale, *, beyond: str):
    """A stored score for the change list, flagged when its scale says it is too hard."""
    if score is None:
        return "—"
    if scale.is_too_hard(score):
        return format_html(
            '<img src="{}" alt="" width="14" height="14"> {} (hard to read: {} {})',
            static("admin/img/icon-alert.svg"),
            score,
            beyond,
            scale.flag_beyond,
        )
    return str(score)


def describe(level: ReadingLevel):
    """The reading level as an editor reads it: the score against the target, and the hardest sentences."""
    scale: Scale = level.scale
    verdict = (
        "Saved, but hard to read: please use shorter sentences and simpler words."
        if level.is_too_hard
        else "Reading level checked."
    )
    language = scale.lang.split("_")[0]
    sentences = format_html_join(
        "",
        '<li><span lang="{}">{}</span> <em>({} {})</em></li>',
        ((language, text, scale.score_label, score) for text, score in level.hardest),
    )
    return format_html(
        "{}: {} {} <strong>{}</strong> (target: {}). Hardest sentences:<ol>{}</ol>",
        scale.language_name,
        verdict,
        scale.name,
        level.score,
        scale.target,
        sentences,
    )
