import uuid
from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from encryption.fields import EncryptedCharField, EncryptedEmailField, EncryptedPhoneNumberField, EncryptedTextField
from treatments.models import Treatment

from . import matching


class IntakeRequestQuerySet(models.QuerySet["IntakeRequest"]):
    """Contact details are encrypted, so a person is found by the keyed hashes stored beside them."""

    def with_email(self, email: str) -> "IntakeRequestQuerySet":
        return self.filter(email_hash=matching.email_hash(email)) if email.strip() else self.none()

    def with_phone(self, phone: str) -> "IntakeRequestQuerySet":
        return self.filter(phone_hash=matching.phone_hash(phone)) if phone.strip() else self.none()

    def with_name_word(self, word: str) -> "IntakeRequestQuerySet":
        words = matching.name_words(word)
        if len(words) != 1:
            return self.none()
        return self.filter(name_hashes__contains=f" {matching.name_word_hash(words[0])} ")


class IntakeRequest(models.Model):
    """One person asking the clinic about one treatment: a waitlist place or a call back.

    Contact details only, never health information. Both kinds share one table so coordinators
    work them from one queue; the waitlist-only answers (insurance, referral) are blank on call-backs.
    Names, email and phone are stored encrypted; keyed hashes beside them (intake.matching) are what the
    database matches: one open request per person, duplicates, the queue's search (whole words, whole addresses,
    phone numbers however written, or their last seven or four digits).
    """

    # Each hash and the fields it is made from.
    MATCH_HASHES = {
        "email_hash": ["email"], "phone_hash": ["phone"], "phone_tail_hashes": ["phone"],
        "name_hashes": ["first_name", "last_name"],
    }  # fmt: skip

    class Kind(models.TextChoices):
        WAITLIST = "waitlist", "Waitlist"
        CALL_BACK = "call_back", "Call back"

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
        COMPLETED = "completed", "Completed"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # A request with one of these statuses is closed: it holds no place, and the person may ask again.
    CLOSED_STATUSES = [Status.WITHDRAWN, Status.DECLINED, Status.COMPLETED]
    # Still waiting for a place: nobody has yet set a time with them.
    WAITING_STATUSES = [Status.NEW, Status.CONTACTED]

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.WAITLIST, db_index=True)

    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, related_name="intake_requests")
    first_name = EncryptedCharField(max_length=100)
    last_name = EncryptedCharField(max_length=100)
    email = EncryptedEmailField(max_length=254, blank=True)
    phone = EncryptedPhoneNumberField(help_text="With area code, like (619) 555-0100. Stored as +16195550100.")
    email_hash = models.CharField(max_length=64, blank=True, editable=False)
    phone_hash = models.CharField(max_length=64, blank=True, editable=False)
    phone_tail_hashes = models.TextField(
        blank=True, editable=False, help_text="A hash of the phone number's last seven digits and one of its last four."
    )
    name_hashes = models.TextField(blank=True, editable=False, help_text="A hash of each whole word of the names.")
    preferred_contact = models.CharField(max_length=10, choices=ContactMethod.choices)
    best_time = models.CharField(max_length=10, choices=BestTime.choices, default=BestTime.ANY)
    is_adult = models.BooleanField("18 or older")
    insurance = models.CharField(max_length=20, choices=Insurance.choices, blank=True)
    referral = models.CharField("heard about us", max_length=10, choices=Referral.choices, blank=True)
    contact_consent = models.BooleanField()
    sms_consent = models.BooleanField("text message consent", default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    language = models.CharField(
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        editable=False,
        help_text="The language of the page the person used; every email to them is in it.",
    )
    # Random and unguessable: self-removal links sign this, never the email or the id.
    removal_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set only by the patient's own link (services.withdraw): such a request stays withdrawn.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # When the daily retention job first found this open request with no activity for WAITLIST_STALE_DAYS;
    # it is deleted WAITLIST_STALE_GRACE_DAYS later unless a coordinator acts on it (services.retention).
    stale_since = models.DateTimeField(null=True, blank=True, editable=False)
    # Waitlist check-ins (services.checkins): when the person last said they still want their place (on their status
    # page), and since when the entry is inactive after two unanswered check-ins. Inactive keeps the place: the
    # queue is ordered by created_at, so a later "yes" puts the person back where they were.
    last_confirmed_at = models.DateTimeField("last confirmed", null=True, blank=True, editable=False)
    inactive_since = models.DateTimeField(null=True, blank=True, editable=False)
    confirmation_email = models.OneToOneField(
        "outbox.OutgoingEmail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="intake_request",
    )
    # Deleting a request, by any path, deletes its history with it (and writes no "deleted" row holding its data).
    history = HistoricalRecords(
        # The tail hashes serve the queue's search only, which never reads history.
        excluded_fields=["removal_key", "confirmation_email", "stale_since", "phone_tail_hashes"],
        cascade_delete_history=True,
    )

    objects = IntakeRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "intake request"
        verbose_name_plural = "intake requests"
        ordering = ["created_at"]
        permissions = [("erase_intakerequest", "Can erase a person: every request, its history and emails")]
        constraints = [
            models.UniqueConstraint(
                fields=["email_hash", "treatment"],
                condition=Q(kind="waitlist") & ~Q(status__in=["withdrawn", "declined", "completed"]),
                name="waitlist_one_active_entry_per_email",
                violation_error_message="This email already has an active entry for this treatment.",
            ),
            # A call-back's email is optional, so the person is their phone number.
            models.UniqueConstraint(
                fields=["phone_hash", "treatment"],
                condition=Q(kind="call_back") & ~Q(status__in=["withdrawn", "declined", "completed"]),
                name="intake_one_active_call_back_per_phone",
                violation_error_message="This phone number already has an open call-back request for this treatment.",
            ),
            models.CheckConstraint(
                condition=Q(kind="call_back") | ~Q(email=""),
                name="waitlist_entry_has_email",
                violation_error_message="A waitlist entry needs an email address.",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(status="withdrawn"),
                name="intake_patient_withdrawal_stays_withdrawn",
                violation_error_message="The patient withdrew this request with their own link, so it stays withdrawn.",
            ),
            models.CheckConstraint(
                condition=Q(is_adult=True, contact_consent=True),
                name="waitlist_adult_and_consented",
                violation_error_message="An entry needs the 18-or-older confirmation and contact consent.",
            ),
        ]

    def __str__(self):
        # Shown in admin titles and history; the number keeps names out of URLs and logs.
        noun = "Call-back request" if self.kind == self.Kind.CALL_BACK else "Waitlist entry"
        return f"{noun} #{self.pk}"

    def save(self, *args: Any, update_fields: Iterable[str] | None = None, **kwargs: Any) -> None:
        self.fill_match_hashes()
        if update_fields is not None:
            changed = set(update_fields)
            update_fields = [*changed, *(name for name, sources in self.MATCH_HASHES.items() if changed & set(sources))]
        super().save(*args, update_fields=update_fields, **kwargs)

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        self.fill_match_hashes()  # the constraints name the hashes, which must follow the details being checked
        super().validate_constraints(exclude=exclude)

    def fill_match_hashes(self) -> None:
        self.email_hash = matching.email_hash(self.email)
        self.phone_hash = matching.phone_hash(self.phone)
        self.phone_tail_hashes = matching.phone_tail_hashes(self.phone)
        self.name_hashes = matching.name_word_hashes(self.first_name, self.last_name)

    @property
    def is_active(self):
        return self.status not in self.CLOSED_STATUSES

    @property
    def withdrawn_by_patient(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def check_in_start(self) -> datetime:
        """Where the person's check-in intervals start: their last confirmation, else when they joined."""
        return self.last_confirmed_at or self.created_at

    @property
    def is_waiting(self) -> bool:
        """On a waitlist and not yet given a time: the people check-ins ask."""
        return self.kind == self.Kind.WAITLIST and self.status in self.WAITING_STATUSES


class CheckIn(models.Model):
    """One "Do you still want your place?" email to a waiting person, and their answer on their status page.

    At most one per person per interval: `due_at` is the start of the interval it belongs to (the person's last
    confirmation, or their joining, plus a whole number of WAITLIST_CHECKIN_WEEKS), and the database refuses a
    second row for it, whichever worker tries.
    """

    class Answer(models.TextChoices):
        YES = "yes", "Yes, still wants the place"
        NO_LONGER = "no_longer", "No longer wants it"
        CHANGED = "changed", "Still wants it, something changed"

    request = models.ForeignKey(IntakeRequest, on_delete=models.CASCADE, related_name="check_ins")
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now, editable=False)
    email = models.OneToOneField(
        "outbox.OutgoingEmail", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "check-in"
        ordering = ["-due_at"]
        constraints = [
            models.UniqueConstraint(fields=["request", "due_at"], name="intake_one_check_in_per_interval"),
        ]

    def __str__(self):
        return f"Check-in of {timezone.localtime(self.sent_at):%b %-d, %Y}"


class ContactAttempt(models.Model):
    """One dated line in a request's contact log: who tried, when, and how it went. No health details."""

    class Outcome(models.TextChoices):
        NO_ANSWER = "no_answer", "No answer"
        VOICEMAIL = "voicemail", "Left voicemail"
        SPOKE = "spoke", "Spoke"
        SCHEDULED = "scheduled", "Scheduled"
        NOTE = "note", "Note only"

    request = models.ForeignKey(IntakeRequest, on_delete=models.CASCADE, related_name="contact_attempts")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    made_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    note = EncryptedTextField(blank=True, help_text="Contact notes only. Do not record health details here.")
    history = HistoricalRecords(cascade_delete_history=True)  # a deleted line leaves no history row with its note

    class Meta:
        ordering = ["-made_at", "-pk"]

    def __str__(self):
        return f"{self.get_outcome_display()} ({timezone.localtime(self.made_at):%b %-d, %-I:%M %p})"
