"""The plain-language check in the admin, for models of content.models.PlainLanguageContent.

While the editor types in any graded field, a live region beside it gives that language's score for the record's
graded fields together, in plain words, with its hardest sentences marked "Hard" (static/js/admin-reading-level.js,
through this admin's `reading-level/` address). After a save the editor sees the same for each language: the
English Flesch–Kincaid grade and the Spanish Fernández-Huerta reading ease (content.readability). The change form
shows both too, and the change list has a column and a filter for each that flag hard text: English above grade 10,
Spanish below 60. A text of fewer than 30 words is too short to grade fairly and is not graded.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpResponseNotAllowed, JsonResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django_ratelimit.core import is_ratelimited

from translation.twins import ENGLISH, SPANISH

from .readability import (
    ENGLISH_FLAG_ABOVE_GRADE,
    ENGLISH_TARGET_GRADE,
    MIN_WORDS,
    SCALES,
    SPANISH_FLAG_BELOW_EASE,
    SPANISH_TARGET_EASE,
    ReadingLevel,
    Scale,
    reading_level,
)

logger = logging.getLogger(__name__)

REPORT_FIELD = "reading_level_report"
SPANISH_REPORT_FIELD = "spanish_reading_level_report"
REPORT_FIELDS = (REPORT_FIELD, SPANISH_REPORT_FIELD)
NOT_GRADED = f"Not graded: too short to grade (under {MIN_WORDS} words), or not graded yet"
TOO_SHORT = "Too short to grade"
LIVE = forms.Media(js=["js/admin-reading-level.js"], css={"all": ["css/admin-reading-level.css"]})
# The live check grades what is typed; longer than this (ten times the privacy notice) it waits for the save.
LIVE_MAX_CHARACTERS = 50_000
# Per staff member: the script asks at most once a pause in typing (0.7 s), so a person stays far below this.
LIVE_RATE = "120/m"


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

    @property
    def media(self):
        return super().media + LIVE

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_reading_level"
        return [
            path("reading-level/", self.admin_site.admin_view(self.reading_level_view), name=name),
            *super().get_urls(),
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Each graded field names its language and where the live check is, for admin-reading-level.js."""
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = {
            **dict.fromkeys(self.model.plain_language_fields, ENGLISH),
            **dict.fromkeys(self.model.spanish_plain_language_fields(), SPANISH),
        }.get(db_field.name)
        if formfield is not None and language:
            url = reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_reading_level")
            formfield.widget.attrs.update({"data-reading-language": language, "data-reading-url": url})
        return formfield

    def reading_level_view(self, request):
        """The live check: POST `text` and `language` ("en", "es"); answers the reading level as JSON (never cached,
        CSRF-checked and staff-only through admin_view), for staff who may add or change this model."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            return JsonResponse({"error": "You cannot edit these texts."}, status=403)
        language, text = request.POST.get("language", ""), request.POST.get("text", "")
        if language not in SCALES:
            return JsonResponse({"error": "Unknown language."}, status=400)
        if len(text) > LIVE_MAX_CHARACTERS:
            return JsonResponse(
                {"error": "Too long to check while typing: save it to see its reading level."}, status=400
            )
        if _too_many_checks(request):
            return JsonResponse({"error": "Checking paused for a minute: too many checks."}, status=429)
        return JsonResponse(live_report(reading_level(text=text, language=language), SCALES[language]))

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
        return score_column(obj, obj.reading_grade, ENGLISH, beyond="above")

    @admin.display(description="Spanish reading ease", ordering="spanish_reading_ease")
    def spanish_reading_ease_column(self, obj):
        return score_column(obj, obj.spanish_reading_ease, SPANISH, beyond="below")

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
                hard = level.misses_target or level.hardest  # a warning's icon, never Django's green tick, beside them
                self.message_user(request, describe(level), messages.WARNING if hard else messages.INFO)
        if not obj.plain_language_text(SPANISH).strip():
            self.message_user(request, "No Spanish yet, so the Spanish reading ease is measured once it is written.")


def score_column(obj, score, language: str, *, beyond: str):
    """A stored score for the change list, flagged when its scale says it is too hard; a record with words and no
    score says whether they are too short to grade."""
    scale: Scale = SCALES[language]
    if score is None:
        level = reading_level(text=obj.plain_language_text(language), language=language)
        if level is None:
            return "—"
        return TOO_SHORT if not level.is_graded else "Not graded yet"
    if scale.is_too_hard(score):
        return format_html(
            '<img src="{}" alt="" width="14" height="14"> {} (hard to read: {} {})',
            static("admin/img/icon-alert.svg"),
            score,
            beyond,
            scale.flag_beyond,
        )
    return str(score)


def verdict(level: ReadingLevel) -> str:
    """The reading level in plain words."""
    if not level.is_graded:
        return (
            f"Too short to grade fairly: {level.words} word{'' if level.words == 1 else 's'}, and a fair "
            f"{level.scale.score_name} needs at least {MIN_WORDS}."
        )
    if level.is_too_hard:
        return "Hard to read: please use shorter sentences and simpler words."
    if level.misses_target:
        return "A little hard: shorter sentences and simpler words would help."
    return "Plain enough: it meets the target."


def summary(level: ReadingLevel) -> str:
    """ "English: Flesch–Kincaid grade 7.2 (target: grade 8 or below)" for a graded text."""
    scale = level.scale
    return f"{scale.language_name}: {scale.name} {level.score} (target: {scale.target})"


def describe(level: ReadingLevel):
    """The reading level as an editor reads it after a save: the score against the target, and the hardest
    sentences, each marked Hard with a warning icon."""
    scale: Scale = level.scale
    if not level.is_graded:
        return f"{scale.language_name}: {verdict(level)}"
    language = scale.lang.split("_")[0]
    # No list: Django's message list puts its green tick on every <li> inside a message, nested ones too.
    sentences = format_html_join(
        "",
        '<br><span class="reading-hard-sentence"><img src="{}" alt="" width="14" height="14"> <strong>Hard</strong> '
        '({} {}): <span lang="{}">{}</span></span>',
        (
            (static("admin/img/icon-alert.svg"), scale.score_label, score, language, text)
            for text, score in level.hardest
        ),
    )
    hardest = format_html(" Hardest sentences:{}", sentences) if level.hardest else ""
    return format_html("{}. {}{}", summary(level), verdict(level), hardest)


def live_report(level: ReadingLevel | None, scale: Scale) -> dict:
    """What the live check answers: the score, the plain-words verdict and the hardest sentences, each with the
    words the editor reads (admin-reading-level.js only lays them out)."""
    if level is None:
        nothing = "No Spanish yet." if scale is SCALES[SPANISH] else "Nothing to grade yet."
        return {"language": scale.language_name, "graded": False, "score": None, "summary": nothing, "verdict": ""}
    return {
        "language": scale.language_name,
        "graded": level.is_graded,
        "score": level.score,
        "words": level.words,
        "too_hard": level.is_too_hard,
        "misses_target": level.misses_target,
        "summary": summary(level) if level.is_graded else f"{scale.language_name}: not graded",
        "verdict": verdict(level),
        "hardest_heading": "Hardest sentences:" if level.hardest else "",
        "hardest": [
            {"sentence": text, "score": score, "mark": "Hard", "score_text": f"{scale.score_label} {score}"}
            for text, score in level.hardest
        ],
        "lang": scale.lang.split("_")[0],
    }


def _too_many_checks(request) -> bool:
    try:
        return is_ratelimited(
            request, group="content.reading_level", key="user", rate=LIVE_RATE, method="POST", increment=True
        )
    except Exception as error:  # the cache is never essential (clinic_site/cache.py)
        if not settings.RATELIMIT_FAIL_OPEN:
            raise
        logger.warning("Rate limit content.reading_level skipped, cache unavailable: %s", type(error).__name__)
        return False
