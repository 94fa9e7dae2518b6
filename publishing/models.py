from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

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

    class Review(models.TextChoices):
        """Where a change stands with the clinical reviewers (publishing.services: submit_for_review, send_back)."""

        NOT_ASKED = "", "Not asked"
        WAITING = "waiting", "Waiting for clinical review"
        SENT_BACK = "sent_back", "Sent back"
        APPROVED = "approved", "Approved"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    page = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EDIT)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    values = models.JSONField(default=dict)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    prepared_at = models.DateTimeField(
        null=True, blank=True, help_text="When its preparer last wrote it (others' edits are its steps)."
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
    review = models.CharField(max_length=10, choices=Review.choices, default=Review.NOT_ASKED, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(
        max_length=100, blank=True, help_text="What the page's history calls its publication, e.g. a revert."
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


class ChangeStep(models.Model):
    """One step in the life of a change: who saved, edited, submitted, sent back, scheduled or published it, and
    when. A reviewer's edits to an editor's draft are the reviewer's steps; the draft keeps its preparer."""

    class Action(models.TextChoices):
        SAVED = "saved", "Prepared the draft"
        EDITED = "edited", "Edited the draft"
        REVERTED = "reverted", "Made a draft of an old version"
        SUBMITTED = "submitted", "Submitted it for clinical review"
        SENT_BACK = "sent_back", "Sent it back"
        SCHEDULED = "scheduled", "Scheduled it"
        APPROVED = "approved", "Approved it (clinical review) and published it"
        PUBLISHED = "published", "Published it"

    change = models.ForeignKey(PageChange, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(max_length=10, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    fields = models.JSONField(default=list, blank=True, help_text="The fields this step changed, by name.")
    comment = models.TextField(blank=True, help_text="A reviewer's words when sending a change back.")

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "step of a change"

    def __str__(self):
        return f"{self.get_action_display()} ({self.change_id})"


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
