from django.conf import settings
from django.db import models
from django.utils import timezone


class AccessEntry(models.Model):
    """One thing a staff member did with patient data, or with a staff account: who, when, what, from where.

    Append-only: the admin offers no add, change or delete, and on PostgreSQL a trigger refuses UPDATE, and
    DELETE of any entry younger than the retention period (migration 0002). It holds no patient data in plain
    text: records are named by model and id, searches by how many they found, their words encrypted.
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed the record"
        HISTORY_VIEW = "history_view", "Viewed the record's history"
        SEARCH = "search", "Searched the queue"
        EXPORT = "export", "Exported the record (CSV)"
        STATUS_CHANGE = "status_change", "Changed the status"
        CHANGE = "change", "Changed the record"
        CONTACT_ENTRY = "contact_entry", "Added to the contact log"
        ERASURE_CHECK = "erasure_check", "Checked what erasing the person would remove"
        ERASURE = "erasure", "Erased the person, at their request"
        DELETE = "delete", "Deleted the record"
        SIGN_IN = "sign_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
        SECOND_FACTOR_SET_UP = "second_factor_set_up", "Second factor set up"
        SECOND_FACTOR_RESET = "second_factor_reset", "Second factor reset"
        SIGN_OUT_EVERYWHERE = "sign_out_everywhere", "Signed out of all sessions"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # No database constraint and nothing done on delete: an entry outlives the account it names, and deleting
    # a user must not try to change it. The username is kept beside it for the same reason.
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="staff member",
        help_text="Who did it; empty for a failed sign-in with an unknown username, or a command run on the server.",
    )
    staff_username = models.CharField("staff username", max_length=150, blank=True)
    action = models.CharField(max_length=32, choices=Action.choices)
    model = models.CharField(max_length=100, blank=True, help_text='What it concerned, e.g. "waitlist.intakerequest".')
    object_id = models.CharField("object id", max_length=64, blank=True, db_index=True)
    count = models.PositiveIntegerField(
        null=True, blank=True, help_text="For a search: how many it found; for an erasure: how many requests went."
    )
    search_words = models.TextField(blank=True, help_text="For a search: the words, encrypted (Fernet).")
    detail = models.CharField(max_length=200, blank=True, help_text="Never patient data: a status, field names.")
    address = models.GenericIPAddressField(null=True, blank=True, help_text="The client address of the request.")

    class Meta:
        verbose_name = "access record entry"
        verbose_name_plural = "access record"
        ordering = ["-at", "-id"]
        default_permissions = ["view"]
        indexes = [models.Index(fields=["model", "object_id"], name="access_record_object")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} at {self.at:%Y-%m-%d %H:%M}"
