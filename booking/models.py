"""When phone consultations can happen (availability rules), and the times patients booked.

Times of day are wall-clock times in the clinic's zone (TIME_ZONE, America/Los_Angeles); a booking's start is an
instant (stored in UTC). A booking keeps no health details: it points at the intake request whose contact details
it uses, so erasure and retention of the request take its bookings with it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from clinic.models import Weekday

TEAM = "team"  # the calendar key of the team-wide rule's slots


class AvailabilityRule(models.Model):
    """When phone consultations can be booked: for the whole team (no coordinator) or for one coordinator."""

    coordinator = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="booking_rule",
        help_text="Leave empty for the whole team's hours. A coordinator's own hours are booked separately.",
    )
    is_active = models.BooleanField(
        "taking bookings", default=True, help_text="Patients are offered times only while this is ticked."
    )
    slot_minutes = models.PositiveSmallIntegerField("call length (minutes)", default=30)
    min_notice_hours = models.PositiveSmallIntegerField(
        "minimum notice (hours)", default=24, help_text="A patient cannot book a call sooner than this."
    )
    days_ahead = models.PositiveSmallIntegerField(
        "days ahead", default=14, help_text="How far ahead patients can book, in days."
    )

    class Meta:
        verbose_name = "booking hours"
        verbose_name_plural = "booking hours"
        constraints = [
            # One team-wide rule (coordinator empty) and at most one per coordinator.
            models.UniqueConstraint(Coalesce("coordinator", 0), name="booking_one_rule_per_calendar"),
            models.CheckConstraint(condition=Q(slot_minutes__gte=5, slot_minutes__lte=240), name="booking_slot_length"),
            models.CheckConstraint(condition=Q(days_ahead__gte=1, days_ahead__lte=180), name="booking_days_ahead"),
        ]

    def __str__(self):
        return f"Hours of {self.coordinator}" if self.coordinator_id else "Team hours"

    @property
    def calendar(self) -> str:
        return calendar_key(coordinator_id=self.coordinator_id)


def calendar_key(*, coordinator_id: int | None) -> str:
    return f"user-{coordinator_id}" if coordinator_id else TEAM


class WeeklyHours(models.Model):
    """One stretch of a weekday in which calls can start and end (two stretches make a day with a long break)."""

    rule = models.ForeignKey(AvailabilityRule, on_delete=models.CASCADE, related_name="weekly_hours")
    weekday = models.PositiveSmallIntegerField("day", choices=Weekday.choices)
    start = models.TimeField(help_text="San Diego time, for example 9:00.")
    end = models.TimeField(help_text="San Diego time, for example 17:00.")

    class Meta:
        ordering = ["weekday", "start"]
        verbose_name = "weekly hours"
        verbose_name_plural = "weekly hours (a day not listed has no calls)"
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="booking_hours_start_before_end")]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class Break(models.Model):
    """A time no call may overlap, every day or on one weekday (lunch, a team meeting)."""

    rule = models.ForeignKey(AvailabilityRule, on_delete=models.CASCADE, related_name="breaks")
    weekday = models.PositiveSmallIntegerField(
        "day", choices=Weekday.choices, null=True, blank=True, help_text="Leave empty for every day."
    )
    start = models.TimeField(help_text="San Diego time.")
    end = models.TimeField(help_text="San Diego time.")

    class Meta:
        ordering = ["weekday", "start"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="booking_break_start_before_end")]

    def __str__(self):
        day = self.get_weekday_display() if self.weekday is not None else "Every day"
        return f"{day} {self.start:%H:%M}–{self.end:%H:%M}"


class Closure(models.Model):
    """A date with no calls. A closure of the team's hours closes every coordinator's hours too."""

    rule = models.ForeignKey(AvailabilityRule, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField()
    note = models.CharField(max_length=80, blank=True, help_text="For staff only, for example “Team training”.")

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["rule", "date"], name="booking_closure_once")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.note}".strip()


class Booking(models.Model):
    """A phone consultation a patient booked for their intake request. No health details.

    `calendar` is "team" or "user-<id>": the database refuses a second booked call at the same start in the same
    calendar (`booking_one_per_slot`), whoever tries at the same moment. A cancelled booking frees its slot at once.
    """

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        CANCELLED = "cancelled", "Cancelled"

    request = models.ForeignKey("waitlist.IntakeRequest", on_delete=models.CASCADE, related_name="bookings")
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    calendar = models.CharField(max_length=40, default=TEAM, editable=False)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED, db_index=True)
    # Random and unguessable: the patient's link signs this, never the id.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The same call moved to other times: one event in the patient's calendar (the invitation's UID), updated.
    series = models.UUIDField(default=uuid.uuid4, editable=False)
    sequence = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmation_email = models.OneToOneField(
        "outbox.OutgoingEmail", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    reminder_email = models.OneToOneField(
        "outbox.OutgoingEmail", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    cancellation_email = models.OneToOneField(
        "outbox.OutgoingEmail", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    reminder_done = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "start"],
                condition=Q(status="booked"),
                name="booking_one_per_slot",
                violation_error_message="That time was just taken.",
            ),
            models.UniqueConstraint(
                fields=["request"], condition=Q(status="booked"), name="booking_one_call_per_request"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="booking_ends_after_start"),
        ]

    def __str__(self):
        return f"Call #{self.pk} at {timezone.localtime(self.start):%b %-d, %-I:%M %p}"

    @property
    def is_booked(self) -> bool:
        return self.status == self.Status.BOOKED
