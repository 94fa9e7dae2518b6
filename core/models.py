"""Shared shapes for content models. Abstract only: core has no tables of its own."""

from decimal import Decimal

from django.db import models

from .content_cache import clear_public_pages
from .history import ChangeHistory
from .readability import ReadingLevel, reading_level


class ContentQuerySet(models.QuerySet):
    """Bulk updates skip the save signals; they clear the public page cache here instead."""

    def update(self, **kwargs):
        updated = super().update(**kwargs)
        if updated:
            clear_public_pages(using=self.db)
        return updated

    update.queryset_only = True


class PublishedQuerySet(ContentQuerySet):
    def published(self):
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


class PlainLanguageContent(models.Model):
    """Patient-facing text whose reading grade is measured on every save (core.readability).

    A subclass names its patient-facing fields in `plain_language_fields`; their combined text is graded.
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

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None or set(update_fields) & set(self.plain_language_fields):
            level = self.reading_level()
            self.reading_grade = None if level is None else Decimal(str(min(max(level.score, -99.9), 999.9)))
            if update_fields is not None:
                update_fields = {*update_fields, "reading_grade"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def plain_language_text(self) -> str:
        return "\n\n".join(getattr(self, field) or "" for field in self.plain_language_fields)

    def reading_level(self) -> ReadingLevel | None:
        return reading_level(text=self.plain_language_text())
