"""Waitlist check-ins: every WAITLIST_CHECKIN_WEEKS the worker asks each waiting person "Do you still want your
place?" by email; they answer on their status page (services.status.answer_check_in).

A person's intervals start at their last confirmation, or when they joined if they never confirmed: the k-th
check-in is due at that moment plus k intervals. Each check-in row names its interval (`due_at`), and the database
allows one row per person and interval, so a check-in is sent at most once per interval whichever worker runs the
job, however often, and the email is recorded in the same transaction as the row. When a check-in falls due and
the two before it since the last confirmation went unanswered, the entry becomes inactive instead (no email):
coordinators see it in the queue, and the person's later "yes" restores it in its original place.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.formats import date_format

from outbox.models import OutgoingEmail
from outbox.services import send_soon

from ..models import CheckIn, IntakeRequest
from . import email_to_patient, status_link

logger = logging.getLogger(__name__)

UNANSWERED_BEFORE_INACTIVE = 2


@dataclass(frozen=True, kw_only=True)
class CheckIns:
    sent: int
    made_inactive: int

    def __str__(self) -> str:
        return f"{self.sent} check-ins sent, {self.made_inactive} entries made inactive"


def interval() -> timedelta:
    return timedelta(weeks=settings.WAITLIST_CHECKIN_WEEKS)


def due_at(*, entry: IntakeRequest, now: datetime) -> datetime | None:
    """The start of the interval `now` is in, if at least one whole interval has passed since the check-in start."""
    start = entry.check_in_start
    intervals = (now - start) // interval()
    return start + intervals * interval() if intervals >= 1 else None


def due_entries(*, now: datetime) -> list[tuple[IntakeRequest, datetime]]:
    """Waiting, active waitlist entries owed a check-in for the interval `now` is in, with its start."""
    candidates = (
        IntakeRequest.objects.filter(
            kind=IntakeRequest.Kind.WAITLIST, status__in=IntakeRequest.WAITING_STATUSES, inactive_since__isnull=True
        )
        .alias(start=Coalesce("last_confirmed_at", "created_at"))
        .filter(start__lte=now - interval())
        .annotate(latest_due=Max("check_ins__due_at"))
        .select_related("treatment")
        .order_by("created_at", "pk")
    )
    found = []
    for entry in candidates:
        due = due_at(entry=entry, now=now)
        latest_due = entry.latest_due  # type: ignore[attr-defined]  # annotated above
        if due is not None and (latest_due is None or latest_due < due):
            found.append((entry, due))
    return found


def send_due_check_ins(*, now: datetime | None = None, base_url: str | None = None) -> CheckIns:
    """Routine job (hourly, in the worker): a check-in to everyone owed one, or inactive after two unanswered."""
    now = now or timezone.now()
    base_url = base_url or settings.WAITLIST_LINK_BASE_URL
    sent = made_inactive = 0
    for entry, due in due_entries(now=now):
        outcome = check_in(entry=entry, due=due, now=now, base_url=base_url)
        sent += outcome == "sent"
        made_inactive += outcome == "inactive"
    result = CheckIns(sent=sent, made_inactive=made_inactive)
    logger.info("Waitlist check-ins: %s", result)
    return result


def run_check_ins() -> str:
    return str(send_due_check_ins())


def check_in(*, entry: IntakeRequest, due: datetime, now: datetime, base_url: str) -> str | None:
    """Send this interval's check-in, or make the entry inactive; None when another run already did.

    Safe to call from any number of workers at once: the row and its email are one transaction, and the database
    refuses a second row for the same interval (the loser's email is rolled back with it).
    """
    with transaction.atomic():
        locked = IntakeRequest.objects.select_for_update().filter(pk=entry.pk, inactive_since__isnull=True).first()
        if locked is None or not locked.is_waiting or locked.check_in_start != entry.check_in_start:
            return None  # confirmed, made inactive or closed since it was read
        unanswered = CheckIn.objects.filter(
            request=entry, answered_at__isnull=True, due_at__gt=locked.check_in_start
        ).count()
        if unanswered >= UNANSWERED_BEFORE_INACTIVE:
            locked.inactive_since = now
            locked._change_reason = "Inactive: no answer to two check-ins"  # type: ignore[attr-defined]
            locked.save(update_fields=["inactive_since"])  # not "updated_at": nobody acted on it
            logger.info("Intake request %s inactive after two unanswered check-ins", entry.pk)
            return "inactive"
        try:
            with transaction.atomic():
                email = _check_in_email(entry=entry, base_url=base_url)
                CheckIn.objects.create(request=entry, due_at=due, sent_at=now, email=email)
        except IntegrityError:
            return None  # another worker sent this interval's check-in
        send_soon(emails=[email])
    return "sent"


def _check_in_email(*, entry: IntakeRequest, base_url: str) -> OutgoingEmail:
    with translation.override(entry.language):
        joined = date_format(timezone.localtime(entry.created_at), "DATE_FORMAT")
    return email_to_patient(
        entry=entry,
        purpose="waitlist.check_in",
        key="email.check_in.subject",
        body_key="email.check_in.body",
        status_link=status_link(entry=entry, base_url=base_url),
        joined=joined,
    )
