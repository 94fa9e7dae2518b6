from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q


class SpanishFreshnessQuerySet(models.QuerySet):
    def outdated(self):
        """The Spanish fields whose English changed after the Spanish was last written or checked."""
        return self.filter(english_changed_at__isnull=False).filter(
            Q(spanish_checked_at__isnull=True) | Q(spanish_checked_at__lt=F("english_changed_at"))
        )


class SpanishFreshness(models.Model):
    """When one translated field of one record last changed in English, and when its Spanish was last written
    or checked against it (translation.freshness). No row: nothing changed since it was made, so up to date."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(max_length=100)
    english_changed_at = models.DateTimeField(null=True, blank=True)
    spanish_checked_at = models.DateTimeField(null=True, blank=True)
    # Who last said the Spanish still matches without changing it; empty when it was written (or needs nothing).
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SpanishFreshnessQuerySet.as_manager()

    class Meta:
        verbose_name = "Spanish freshness"
        verbose_name_plural = "Spanish freshness"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field"], name="translation_one_freshness_per_field"
            )
        ]

    def __str__(self):
        return f"{self.field} of {self.content_type.model} {self.object_id}"

    @property
    def is_outdated(self) -> bool:
        if self.english_changed_at is None:
            return False
        return self.spanish_checked_at is None or self.spanish_checked_at < self.english_changed_at
