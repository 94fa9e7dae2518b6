from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

REVIEW_PERMISSION = "publishing.review_pagechange"


class PageChange(models.Model):
    """A change to a page, kept apart from the live page until it is published (now, or by the worker at a time).

    `values` holds only the fields it changes, as {field name: value as text}, so a page can wait for a
    content change and for going offline at the same time without one undoing the other.
    """

    class Kind(models.TextChoices):
        EDIT = "edit", "Change"
        OFFLINE = "offline", "Go offline"

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"

    OPEN_STATES = [State.DRAFT, State.SCHEDULED]

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    page = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EDIT)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    values = models.JSONField(default=dict)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    publish_at = models.DateTimeField(null=True, blank=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer_name = models.CharField(max_length=150, blank=True, help_text="As shown on the page: the full name.")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = "change to a live page"
        verbose_name_plural = "changes to live pages"
        permissions = [("review_pagechange", "Can publish pages that need a clinical review")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind"],
                condition=Q(state__in=["draft", "scheduled"]),
                name="publishing_one_open_change_per_page_and_kind",
            )
        ]
        indexes = [models.Index(fields=["state", "publish_at"], name="publishing_due_changes")]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.page or 'a deleted page'}"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES


class ReviewRequirement(models.Model):
    """Marks a page whose changes only a clinical reviewer may publish."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    page = GenericForeignKey("content_type", "object_id")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="publishing_one_review_rule_per_page")
        ]

    def __str__(self):
        return f"{self.page} needs a clinical review"
