"""Waitlist business logic: joining, leaving, staff status changes, export and retention.

Patient data never goes to logs: log lines name entries by id only.
"""

import csv
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import TextIO

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from clinic.models import ClinicDetails
from clinic.services import get_clinic_details
from core.phones import format_national
from outbox.models import OutgoingEmail
from outbox.services import record_email, send_soon
from treatments.models import Treatment

from .models import WaitlistEntry

logger = logging.getLogger(__name__)

REMOVAL_SALT = "waitlist.removal-link"


@dataclass(frozen=True, kw_only=True)
class SignUp:
    """What a person gives when they join a waitlist: contact details and consents, never health details."""

    first_name: str
    last_name: str
    email: str
    phone: str  # E.164
    preferred_contact: str
    best_time: str
    insurance: str
    referral: str
    is_adult: bool
    contact_consent: bool
    sms_consent: bool


def join_waitlist(*, treatment: Treatment, sign_up: SignUp, base_url: str) -> WaitlistEntry | None:
    """Add a person to a treatment's waitlist, with the emails they and the staff are owed.

    The entry and its emails are saved in one transaction; the worker sends the emails.
    Returns the new entry, or None when this email already holds an active place:
    the existing entry is left untouched, and the caller shows the same thank-you
    page either way so nobody can learn who is on the list.
    """
    entry = WaitlistEntry(treatment=treatment, **asdict(sign_up))
    try:
        with transaction.atomic():
            clinic = get_clinic_details()  # once for both emails
            entry.confirmation_email = _join_email(entry=entry, clinic=clinic, audience="patient", base_url=base_url)
            entry.save()
            staff_notice = _join_email(entry=entry, clinic=clinic, audience="staff", base_url=base_url)
            send_soon(emails=[entry.confirmation_email, staff_notice])
    except IntegrityError:
        if not has_active_entry(treatment=treatment, email=entry.email):
            raise
        logger.info("Waitlist sign-up for treatment %s matched an active entry; nothing changed", treatment.pk)
        return None
    return entry


def has_active_entry(*, treatment: Treatment, email: str) -> bool:
    return (
        WaitlistEntry.objects.filter(treatment=treatment, email__iexact=email)
        .exclude(status__in=WaitlistEntry.CLOSED_STATUSES)
        .exists()
    )


def _join_email(*, entry: WaitlistEntry, clinic: ClinicDetails, audience: str, base_url: str) -> OutgoingEmail:
    """The patient's confirmation (with the removal link), or a details-free notice to staff."""
    base = base_url.rstrip("/")
    context = {"entry": entry, "treatment": entry.treatment, "clinic": clinic}
    if audience == "patient":
        context["removal_url"] = base + reverse("waitlist:leave", args=[removal_token(entry=entry)])
        recipient = entry.email
    else:
        context["admin_url"] = base + reverse("admin:waitlist_waitlistentry_change", args=[entry.pk])
        recipient = settings.STAFF_NOTIFICATION_EMAIL
    return record_email(
        purpose=f"waitlist.{audience}",
        recipient=recipient,
        subject=" ".join(render_to_string(f"waitlist/email/{audience}_subject.txt", context).split()),
        body=render_to_string(f"waitlist/email/{audience}_body.txt", context),
    )


def removal_token(*, entry: WaitlistEntry) -> str:
    return signing.TimestampSigner(salt=REMOVAL_SALT).sign(str(entry.removal_key))


def entry_for_removal_token(*, token: str) -> WaitlistEntry | None:
    """The entry a removal link points to, or None if it no longer exists.

    Raises signing.SignatureExpired for an old link and signing.BadSignature for a damaged one.
    """
    max_age = timedelta(days=settings.WAITLIST_REMOVAL_LINK_MAX_AGE_DAYS)
    removal_key = signing.TimestampSigner(salt=REMOVAL_SALT).unsign(token, max_age=max_age)
    return WaitlistEntry.objects.select_related("treatment").filter(removal_key=removal_key).first()


def withdraw(*, entry: WaitlistEntry) -> WaitlistEntry:
    """Take a person off the waitlist at their request. Closed entries stay as they are."""
    if not entry.is_active:
        return entry
    entry.status = WaitlistEntry.Status.WITHDRAWN
    entry.withdrawn_at = timezone.now()
    entry.save(update_fields=["status", "withdrawn_at", "updated_at"])
    logger.info("Waitlist entry %s withdrawn by the patient", entry.pk)
    return entry


STAFF_STATUSES = [
    WaitlistEntry.Status.CONTACTED,
    WaitlistEntry.Status.SCHEDULED,
    WaitlistEntry.Status.ENROLLED,
    WaitlistEntry.Status.DECLINED,
]


def set_status(*, entries: Iterable[WaitlistEntry], status: str) -> tuple[int, int]:
    """Staff bulk status change, saved one by one so each change is in the history.

    Returns (changed, skipped); an entry is skipped when reopening it would give the
    same person a second active place on the same list.
    """
    changed = skipped = 0
    for entry in entries:
        if entry.status == status:
            continue
        entry.status = status
        try:
            with transaction.atomic():
                entry.save(update_fields=["status", "updated_at"])
        except IntegrityError:
            skipped += 1
        else:
            changed += 1
    return changed, skipped


CSV_COLUMNS = [
    ("id", "Entry"), ("created_at", "Joined"), ("treatment", "Treatment"), ("status", "Status"),
    ("first_name", "First name"), ("last_name", "Last name"), ("email", "Email"), ("phone", "Phone"),
    ("preferred_contact", "Preferred contact"), ("best_time", "Best time"), ("insurance", "Insurance"),
    ("referral", "Heard about us"), ("sms_consent", "Text consent"), ("staff_notes", "Staff notes"),
]  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(*, value: object) -> str:
    """Stop spreadsheet programs from running a cell as a formula (CSV injection)."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_value(entry: WaitlistEntry, field: str) -> object:
    if field == "created_at":
        # With the zone (PST or PDT), so a time read months later is not an hour off.
        return timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M %Z")
    if field == "phone":
        return format_national(entry.phone)
    if field == "treatment":
        return entry.treatment.name
    if field == "sms_consent":
        return "yes" if entry.sms_consent else "no"
    display = getattr(entry, f"get_{field}_display", None)
    return display() if display else getattr(entry, field)


def write_csv(*, entries: Iterable[WaitlistEntry], stream: TextIO) -> None:
    writer = csv.writer(stream)
    writer.writerow([title for _, title in CSV_COLUMNS])
    for entry in entries:
        writer.writerow([spreadsheet_safe(value=_csv_value(entry, field)) for field, _ in CSV_COLUMNS])


def purge_expired_entries() -> int:
    """Routine job (daily, in the worker): the retention purge with the configured period."""
    return purge_closed_entries(older_than_days=settings.WAITLIST_RETENTION_DAYS)


def purge_closed_entries(*, older_than_days: int, dry_run: bool = False) -> int:
    """Delete withdrawn and declined entries untouched for `older_than_days`, with their history.

    Returns how many entries were (or, with dry_run, would be) deleted.
    """
    cutoff = timezone.now() - timedelta(days=older_than_days)
    expired = WaitlistEntry.objects.filter(status__in=WaitlistEntry.CLOSED_STATUSES, updated_at__lt=cutoff)
    if dry_run:
        return expired.count()
    with transaction.atomic():
        rows = list(expired.select_for_update().values_list("pk", "confirmation_email"))
        ids = [pk for pk, _ in rows]
        WaitlistEntry.objects.filter(pk__in=ids).delete()
        OutgoingEmail.objects.filter(pk__in=[email for _, email in rows if email]).delete()
        # Deleting writes one more history row per entry; remove every one so the data is really gone.
        WaitlistEntry.history.filter(id__in=ids).delete()
    logger.info("Purged %s closed waitlist entries older than %s days", len(ids), older_than_days)
    return len(ids)
