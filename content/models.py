"""Shared shapes for content models. Abstract only: the content app has no tables of its own."""

import hashlib
from decimal import Decimal
from typing import Any, Self

from django.db import models

from translation.twins import ENGLISH, SPANISH, spanish_name

from .history import ChangeHistory, comparable
from .page_cache import clear_public_pages
from .readability import ReadingLevel, reading_level


class ContentQuerySet(models.QuerySet):
    """Bulk updates skip the save signals; they clear the public page cache here instead."""

    def update(self, **kwargs):
        updated = super().update(**kwargs)
        if updated:
            clear_public_pages(using=self.db)
        return updated

    update.queryset_only = True  # type: ignore[attr-defined]  # read by Manager.from_queryset


class PublishedQuerySet(ContentQuerySet):
    def published(self) -> Self:
        return self.filter(is_published=True)


class PublishedContent(models.Model):
    """A piece of public content staff can order, hide and revert: ordering, published flag, history."""

    ordering = models.PositiveSmallIntegerField(default=0)
    is_published = models.BooleanField("published", default=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = ChangeHistory(inherit=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True


def shipped_digest(words: Any) -> str:
    """What a record keeps of the words last shipped to it: enough to know them again, as forms save them."""
    return hashlib.sha256(str(comparable(words or "")).encode()).hexdigest()[:24]


class ShippedContent(models.Model):
    """Content a release ships (`load_initial_content`): which shipped record it is and which of its words are
    still the shipped ones, so a release's new words reach it while staff's never change (publishing.shipped).

    `shipped_words` is {field: digest of the words last shipped to it}: a field whose words still have that
    digest is untouched; any edit (admin, draft, revert, shell) makes it staff's. Neither is in the history,
    so a revert never brings back an old record of them.
    """

    shipped_as = models.CharField(max_length=80, null=True, blank=True, unique=True, editable=False)
    shipped_words = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True


class PlainLanguageContent(models.Model):
    """Patient-facing text whose reading level is measured on every save (content.readability).

    A subclass names its patient-facing fields in `plain_language_fields`; their combined text is graded,
    the English into `reading_grade` and the Spanish twins of the same fields (translation.twins) into
    `spanish_reading_ease`. Each is None while its language has no words, or too few to grade fairly.
    """

    plain_language_fields: tuple[str, ...] = ()

    reading_grade = models.DecimalField(
        "reading grade",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        editable=False,
        help_text="Flesch–Kincaid US school grade of the patient-facing text, measured when it is saved.",
    )
    spanish_reading_ease = models.DecimalField(
        "Spanish reading ease",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        editable=False,
        help_text="Fernández-Huerta reading ease of the Spanish patient-facing text (higher is easier), "
        "measured when it is saved.",
    )

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        super().save(*args, update_fields=self.grade(update_fields), **kwargs)

    def grade(self, update_fields=None):
        """Measure each language whose words are being saved; returns `update_fields` with the scores added."""
        graded = {
            "reading_grade": (self.plain_language_fields, self.reading_level),
            "spanish_reading_ease": (self.spanish_plain_language_fields(), self.spanish_reading_level),
        }
        for score_field, (text_fields, measure) in graded.items():
            if update_fields is None or set(update_fields) & set(text_fields):
                setattr(self, score_field, _stored_score(measure()))
                if update_fields is not None:
                    update_fields = {*update_fields, score_field}
        return update_fields

    @classmethod
    def spanish_plain_language_fields(cls) -> tuple[str, ...]:
        return tuple(spanish_name(field) for field in cls.plain_language_fields)

    def plain_language_text(self, language: str = ENGLISH) -> str:
        fields = self.plain_language_fields if language == ENGLISH else self.spanish_plain_language_fields()
        return "\n\n".join(getattr(self, field) or "" for field in fields)

    def spanish_reading_level(self) -> ReadingLevel | None:
        """The reading level of the Spanish words alone: a field not translated yet adds nothing."""
        return reading_level(text=self.plain_language_text(SPANISH), language=SPANISH)

    def reading_level(self) -> ReadingLevel | None:
        return reading_level(text=self.plain_language_text())


def _stored_score(level: ReadingLevel | None) -> Decimal | None:
    """A score as the database keeps it: one decimal, within what four digits hold; None for a text with no words
    or too short to grade fairly (content.readability.MIN_WORDS)."""
    if level is None or level.score is None:
        return None
    return Decimal(str(min(max(level.score, -99.9), 999.9)))


def grade_existing(app_label: str, fields_by_model: dict[str, tuple[str, ...]], *, languages=(ENGLISH, SPANISH)):
    """A data migration's step: grade the words already in the database by today's rules (content.readability).

    Migrations see historical models without `plain_language_fields`, so the migration names them.
    A bulk update: it leaves no history entry and no page change, as the words are unchanged.
    """
    score_fields = {ENGLISH: "reading_grade", SPANISH: "spanish_reading_ease"}

    def grade(apps, schema_editor):
        for model_name, fields in fields_by_model.items():
            model = apps.get_model(app_label, model_name)
            for obj in model.objects.all():
                scores = {}
                for language in languages:
                    names = fields if language == ENGLISH else tuple(spanish_name(field) for field in fields)
                    text = "\n\n".join(getattr(obj, name) or "" for name in names)
                    scores[score_fields[language]] = _stored_score(reading_level(text=text, language=language))
                model.objects.filter(pk=obj.pk).update(**scores)

    return grade


def grade_existing_spanish(app_label: str, fields_by_model: dict[str, tuple[str, ...]]):
    """A data migration's step: grade the Spanish already in the database, so it is not "not graded yet"."""
    return grade_existing(app_label, fields_by_model, languages=(SPANISH,))
