"""Booking a phone consultation: book, reschedule, cancel, the reminder, and the coordinator's outcome.

A slot is never booked twice: `book` checks the time is one the rules offer now (in the future, inside the hours,
past the minimum notice), then inserts; two people choosing the same time at the same moment both pass the check,
and the database's `booking_one_per_slot` refuses the second insert (SlotTaken). Each email the booking owes is
recorded in the same transaction (outbox); the worker sends it. Log lines name bookings by id only.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from intake.models import ContactAttempt, IntakeRequest
from outbox.services import send_soon

from . import emails, selectors
from .models import Booking

logger = logging.getLogger(__name__)

LINK_SALT = "booking.call-link"  # the patient's own booking link
REQUEST_SALT = "booking.choose-time"  # the link to choose a time for an intake request


class SlotTaken(Exception):
    """Somebody else booked that time first (or it is no longer offered): choose another."""


class AlreadyBooked(Exception):
    """This request already has a call booked: change it from its own link."""


def book(*, request: IntakeRequest, start: datetime, base_url: str, now: datetime | None = None) -> Booking:
    """Book the call starting at `start` for the request, with the confirmation email it owes."""
    with transaction.atomic():
        booking = _insert(request=request, start=start, now=now, exclude=None)
        _confirm(booking=booking, base_url=base_url, event="confirmation")
    logger.info("Call %s booked for intake request %s", booking.pk, request.pk)
    return booking


def reschedule(*, booking: Booking, start: datetime, base_url: str, now: datetime | None = None) -> Booking:
    """Move a booked call to another free time: the old slot frees and the new one is taken in one transaction.

    If the new time was just taken, nothing changes (SlotTaken)."""
    if not booking.is_booked:
        raise SlotTaken
    with transaction.atomic():
        _cancel_row(booking=booking)
        new = _insert(request=booking.request, start=start, now=now, exclude=booking, follows=booking)
        _confirm(booking=new, base_url=base_url, event="rescheduled")
    logger.info("Call %s moved to call %s", booking.pk, new.pk)
    return new


def cancel(*, booking: Booking, base_url: str) -> Booking:
    """Cancel a booked call at the patient's request: its slot is free at once."""
    if not booking.is_booked:
        return booking
    with transaction.atomic():
        _cancel_row(booking=booking)
        _confirm(booking=booking, base_url=base_url, event="cancelled")
    logger.info("Call %s cancelled by the patient", booking.pk)
    return booking


def _cancel_row(*, booking: Booking) -> None:
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])


def _insert(
    *,
    request: IntakeRequest,
    start: datetime,
    now: datetime | None,
    exclude: Booking | None,
    follows: Booking | None = None,
) -> Booking:
    """Insert the booking at `start` (the same calendar event as `follows`, moved)."""
    series = {"series": follows.series, "sequence": follows.sequence + 1} if follows is not None else {}
    slots = selectors.slot_at(start=start, now=now, exclude_booking=exclude)
    if not slots:
        raise SlotTaken
    if Booking.objects.filter(request=request, status=Booking.Status.BOOKED).exists():
        raise AlreadyBooked
    for slot in slots:  # the team's calendar first, then each coordinator free at that time
        try:
            with transaction.atomic():
                return Booking.objects.create(
                    request=request, start=slot.start, end=slot.end, calendar=slot.calendar,
                    coordinator_id=slot.coordinator_id, **series,
                )  # fmt: skip
        except IntegrityError:
            if Booking.objects.filter(request=request, status=Booking.Status.BOOKED).exists():
                raise AlreadyBooked from None
            continue
    raise SlotTaken


def _confirm(*, booking: Booking, base_url: str, event: str) -> None:
    """Record the email this change owes the patient (none without an email address) and ask the worker to send it."""
    if not booking.request.email:
        return
    if event == "cancelled":  # the link chooses a new time
        link = choose_link(request=booking.request, base_url=base_url)
    else:
        link = booking_link(booking=booking, base_url=base_url)
    email = emails.booking_email(booking=booking, event=event, link=link)
    field = "cancellation_email" if event == "cancelled" else "confirmation_email"
    setattr(booking, field, email)
    booking.save(update_fields=[field])
    send_soon(emails=[email])


# The patient's links: choose a time for a request, and their own booking's page.


def request_token(*, request: IntakeRequest) -> str:
    return signing.TimestampSigner(salt=REQUEST_SALT).sign(str(request.removal_key))


def request_for_token(*, token: str) -> IntakeRequest | None:
    """The open request a choose-a-time link points to, or None. Raises signing.BadSignature (or SignatureExpired)."""
    max_age = timedelta(days=settings.WAITLIST_REMOVAL_LINK_MAX_AGE_DAYS)
    key = signing.TimestampSigner(salt=REQUEST_SALT).unsign(token, max_age=max_age)
    entry = IntakeRequest.objects.select_related("treatment").filter(removal_key=key).first()
    return entry if entry is not None and entry.is_active else None


def booking_token(*, booking: Booking) -> str:
    return signing.TimestampSigner(salt=LINK_SALT).sign(str(booking.key))


def booking_for_token(*, token: str) -> Booking | None:
    """The booking a patient's link points to, or None. Raises signing.BadSignature (or SignatureExpired)."""
    max_age = timedelta(days=settings.WAITLIST_REMOVAL_LINK_MAX_AGE_DAYS)
    key = signing.TimestampSigner(salt=LINK_SALT).unsign(token, max_age=max_age)
    return Booking.objects.select_related("request", "request__treatment").filter(key=key).first()


def booking_link(*, booking: Booking, base_url: str) -> str:
    """The full address of the booking's own page, in the patient's language."""
    with translation.override(booking.request.language):
        return base_url.rstrip("/") + reverse("booking:call", args=[booking_token(booking=booking)])


def choose_link(*, request: IntakeRequest, base_url: str) -> str:
    """The full address of the page that books a call for the request, in the patient's language."""
    with translation.override(request.language):
        return base_url.rstrip("/") + booking_path(request=request)


def booking_path(*, request: IntakeRequest) -> str:
    """Where a patient chooses a time for their request, in the active language: what other flows (waitlist
    invitations) link to."""
    return reverse("booking:choose", args=[request_token(request=request)])


# The worker's reminder, 24 hours before.

REMINDER_HOURS = 24


def send_reminders(*, now: datetime | None = None) -> int:
    """Routine job: remind each patient of a booked call starting within the next 24 hours, once per booking."""
    now = now or timezone.now()
    # A call booked less than 24 hours ahead had its confirmation just now: no reminder on top of it.
    due = Booking.objects.filter(
        status=Booking.Status.BOOKED,
        reminder_done=False,
        start__gt=now,
        start__lte=now + timedelta(hours=REMINDER_HOURS),
        created_at__lte=F("start") - timedelta(hours=REMINDER_HOURS),
    ).values_list("pk", flat=True)
    sent = 0
    for booking_id in list(due):
        with transaction.atomic():
            # The claim: whichever worker flips the flag first writes the email; the other updates nothing.
            if not Booking.objects.filter(pk=booking_id, reminder_done=False).update(reminder_done=True):
                continue
            booking = Booking.objects.select_related("request", "request__treatment").get(pk=booking_id)
            if not booking.request.email:
                continue
            link = booking_link(booking=booking, base_url=settings.WAITLIST_LINK_BASE_URL)
            email = emails.booking_email(booking=booking, event="reminder", link=link)
            booking.reminder_email = email
            booking.save(update_fields=["reminder_email"])
            send_soon(emails=[email])
            sent += 1
    return sent


# The coordinator's outcome of a call, written to the request's contact log.

OUTCOMES = {
    "reached": ContactAttempt.Outcome.SPOKE,
    "no_answer": ContactAttempt.Outcome.NO_ANSWER,
    "rescheduled": ContactAttempt.Outcome.NOTE,
}
OUTCOME_NOTES = {"reached": "Booked call: reached", "no_answer": "Booked call: no answer",
                 "rescheduled": "Booked call: rescheduled with the patient"}  # fmt: skip


def record_outcome(*, booking: Booking, outcome: str, staff: User) -> ContactAttempt:
    """One line in the request's contact log for how the booked call went (no health details)."""
    if outcome not in OUTCOMES:
        raise ValueError(outcome)
    when = timezone.localtime(booking.start).strftime("%b %-d, %-I:%M %p")
    return ContactAttempt.objects.create(
        request=booking.request, made_by=staff, outcome=OUTCOMES[outcome], note=f"{OUTCOME_NOTES[outcome]} ({when})"
    )
