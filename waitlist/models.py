import uuid

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from core.phones import PhoneNumberField
from treatments.models import Treatment


class WaitlistEntry(models.Model):
    """One person waiting for one treatment. Contact details only: never health information."""

    class ContactMethod(models.TextChoices):
        PHONE = "phone", "Phone call"
        EMAIL = "email", "Email"
        TEXT = "text", "Text message"

    class BestTime(models.TextChoices):
        ANY = "any", "Any time"
        MORNING = "morning", "Morning"
        AFTERNOON = "afternoon", "Afternoon"
        EVENING = "evening", "Evening"

    class Insurance(models.TextChoices):
        COMMERCIAL = "commercial", "Private insurance (through work or bought yourself)"
        MEDICARE = "medicare", "Medicare"
        MEDICAID = "medicaid", "Medi-Cal or Medicaid"
        SELF_PAY = "self_pay", "I will pay myself"
        NOT_SURE = "not_sure", "I'm not sure"

    class Referral(models.TextChoices):
        SEARCH = "search", "Online search"
        DOCTOR = "doctor", "My doctor or therapist"
        FRIEND = "friend", "Friend or family"
        SOCIAL = "social", "Social media"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        SCHEDULED = "scheduled", "Scheduled"
        ENROLLED = "enrolled", "Enrolled"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # An entry with one of these statuses no longer holds a place on the list.
    CLOSED_STATUSES = [Status.WITHDRAWN, Status.DECLINED]

    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, related_name="waitlist_entries")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    phone = PhoneNumberField(help_text="With area code, like (619) 555-0100. Stored as +16195550100.")
    preferred_contact = models.CharField(max_length=10, choices=ContactMethod.choices)
    best_time = models.CharField(max_length=10, choices=BestTime.choices, default=BestTime.ANY)
    is_adult = models.BooleanField("18 or older")
    insurance = models.CharField(max_length=20, choices=Insurance.choices)
    referral = models.CharField("heard about us", max_length=10, choices=Referral.choices, blank=True)
    contact_consent = models.BooleanField()
    sms_consent = models.BooleanField("text message consent", default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    staff_notes = models.TextField(blank=True, help_text="Contact notes only. Do not record health details here.")
    # Random and unguessable: self-removal links sign this, never the email or the id.
    removal_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    confirmation_email = models.OneToOneField(
        "outbox.OutgoingEmail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="waitlist_entry",
    )
    history = HistoricalRecords(excluded_fields=["removal_key", "confirmation_email"])

    class Meta:
        verbose_name = "waitlist entry"
        verbose_name_plural = "waitlist entries"
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "treatment",
                condition=~Q(status__in=["withdrawn", "declined"]),
                name="waitlist_one_active_entry_per_email",
                violation_error_message="This email already has an active entry for this treatment.",
            ),
            models.CheckConstraint(
                condition=Q(is_adult=True, contact_consent=True),
                name="waitlist_adult_and_consented",
                violation_error_message="An entry needs the 18-or-older confirmation and contact consent.",
            ),
        ]

    def __str__(self):
        # Shown in admin titles and history; the number keeps names out of URLs and logs.
        return f"Waitlist entry #{self.pk}"

    @property
    def is_active(self):
        return self.status not in self.CLOSED_STATUSES
