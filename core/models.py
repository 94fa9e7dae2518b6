"""Shared shapes for content models. Abstract only: core has no tables of its own."""

from django.db import models

from .content_cache import clear_public_pages
from .history import ChangeHistory


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
