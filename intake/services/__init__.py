"""Intake business logic for waitlist places and call-back requests: asking, leaving, staff work, export.

Retention is `retention`, erasing a person `erasure`. Patient data never goes to logs: log lines name entries
by id only.
"""

import csv
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import NamedTuple, TextIO

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from clinic.services import get_clinic_details
from outbox.models import OutgoingEmail
from outbox.services import record_email, send_soon
from phones.numbers import format_national
from sitetext.rendering import text_as_plain
from sitetext.selectors import Texts, current_texts
from translation.twins import localized
from treatments.models import Treatment

from ..models import IntakeRequest

logger = logging.getLogger(__name__)

REMOVAL_SALT = "waitlist.removal-link"


@dataclass(frozen=True, kw_only=True)
class SignUp:
    """What a person gives on the waitlist or call-back form: contact details and consents, never health details.

    Insurance and referral are asked on the waitlist only.
    """

    first_name: str
    last_name: str
    email: str
    phone: str  # E.164
    preferred_contact: str
    best_time: str
    is_adult: bool
    contact_consent: bool
    sms_consent: bool
    insurance: str = ""
    referral: str = ""
    language: str = settings.LANGUAGE_CODE  # of the page the form was on; the person's emails follow it


def join_waitlist(*, treatment: Treatment, sign_up: SignUp, base_url: str) -> IntakeRequest | None:
    return submit_request(kind=IntakeRequest.Kind.WAITLIST, treatment=treatment, sign_up=sign_up, base_url=base_url)


def request_call_back(*, treatment: Treatment, sign_up: SignUp, base_url: str) -> IntakeRequest | None:
    return submit_request(kind=IntakeRequest.Kind.CALL_BACK, treatment=treatment, sign_up=sign_up, base_url=base_url)


def submit_request(*, kind: str, treatment: Treatment, sign_up: SignUp, base_url: str) -> IntakeRequest | None:
    """Store a waitlist place or call-back request, with the emails the person and the staff are owed.

    The request and its emails are saved in one transaction; the worker sends the emails.
    Returns the new request, or None when this person already has an open one of this kind for
    this treatment: the existing request is left untouched, and the caller shows the same
    thank-you page either way so nobody can learn who is on the list.
    """
    entry = IntakeRequest(kind=kind, treatment=treatment, **asdict(sign_up))
    try:
        with transaction.atomic():
            if entry.email:  # optional on a call-back the person wants by phone or text
                entry.confirmation_email = _patient_email(entry=entry, base_url=base_url)
            entry.save()
            staff_notice = _staff_email(entry=entry, event="new", base_url=base_url)
            send_soon(emails=[email for email in (entry.confirmation_email, staff_notice) if email])
    except IntegrityError:
        if not has_open_request(kind=kind, treatment=treatment, sign_up=sign_up):
            raise
        logger.info("Intake %s for treatment %s matched an open request; nothing changed", kind, treatment.pk)
        return None
    return entry


def has_open_request(*, kind: str, treatment: Treatment, sign_up: SignUp) -> bool:
    """Whether the person already holds an open request of this kind (waitlist: same email; call-back: same phone)."""
    requests = IntakeRequest.objects.filter(kind=kind, treatment=treatment)
    # Matched on the keyed hashes stored beside the encrypted details (intake.matching).
    if kind == IntakeRequest.Kind.WAITLIST:
        same_person = requests.with_email(sign_up.email)
    else:
        same_person = requests.with_phone(sign_up.phone)
    return same_person.exclude(status__in=IntakeRequest.CLOSED_STATUSES).exists()


# A call-back confirmation's subject says how the intake team will be in touch: the way the person chose.
CALL_BACK_SUBJECTS = {
    IntakeRequest.ContactMethod.PHONE: "email.call_back.subject",
    IntakeRequest.ContactMethod.EMAIL: "email.call_back.subject_email",
    IntakeRequest.ContactMethod.TEXT: "email.call_back.subject_text",
}


def _patient_email_subject_key(*, entry: IntakeRequest) -> str:
    if entry.kind == IntakeRequest.Kind.CALL_BACK:
        return CALL_BACK_SUBJECTS[IntakeRequest.ContactMethod(entry.preferred_contact)]
    return f"email.{entry.kind}.subject"


def _patient_email(*, entry: IntakeRequest, base_url: str) -> OutgoingEmail:
    """The person's confirmation, in the language they used, with the link that takes them off the list or
    cancels the call back (to the page in that language)."""
    # A waitlist entry's link opens the person's own status page, where they can also leave.
    if entry.kind == IntakeRequest.Kind.WAITLIST:
        link = status_link(entry=entry, base_url=base_url)
    else:
        with translation.override(entry.language):
            link = base_url.rstrip("/") + removal_path(entry=entry)
    return email_to_patient(
        entry=entry,
        purpose=f"{entry.kind}.patient",
        key=_patient_email_subject_key(entry=entry),
        body_key=f"email.{entry.kind}.body",
        removal_link=link,
    )


def email_to_patient(
    *,
    entry: IntakeRequest,
    purpose: str,
    key: str,
    body_key: str,
    recipient: str | None = None,
    attachment: tuple[str, str, str] | None = None,
    **values: str,
) -> OutgoingEmail:
    """Record an email to the person (at `recipient`, else their address), in their language: the texts `key`
    (subject) and `body_key`, with the clinic's name, phone and hours, the treatment's name and `values`; with
    `attachment` (file name, content, type) if given."""
    with translation.override(entry.language):
        clinic = get_clinic_details()
        texts = current_texts(entry.language)
        all_values = {
            "treatment": localized(entry.treatment, "name"),
            "clinic_name": clinic.name,
            "clinic_phone": clinic.phone_display,
            "clinic_hours": "; ".join(clinic.hours_lines),
            **values,
        }
    return record_email(
        purpose=purpose,
        recipient=entry.email if recipient is None else recipient,
        subject=_plain(texts, key, all_values),
        body=_plain(texts, body_key, all_values),
        attachment=attachment,
    )


def _staff_email(*, entry: IntakeRequest, event: str, base_url: str) -> OutgoingEmail:
    """A details-free notice to the clinic, in English whatever the person's language: which kind, which
    treatment, and a link into the staff site."""
    texts = current_texts(settings.LANGUAGE_CODE)
    admin_url = base_url.rstrip("/") + reverse("admin:waitlist_intakerequest_change", args=[entry.pk])
    values: dict[str, object] = {"treatment": entry.treatment.name, "admin_link": admin_url}
    return record_email(
        purpose=f"{entry.kind}.staff" if event == "new" else f"{entry.kind}.staff.{event}",
        recipient=settings.STAFF_NOTIFICATION_EMAIL,
        subject=_plain(texts, f"email.{entry.kind}.staff_{event}_subject", values),
        body=_plain(texts, f"email.{entry.kind}.staff_{event}_body", values),
    )


def _plain(texts: Texts, key: str, values: dict[str, object]) -> str:
    return text_as_plain(key=key, words=texts[key], values=values)


def removal_path(*, entry: IntakeRequest) -> str:
    """Where the person's own link leads: leave the waitlist, or cancel the call back."""
    token = removal_token(entry=entry)
    if entry.kind == IntakeRequest.Kind.CALL_BACK:
        return reverse("callback:cancel", args=[entry.treatment.slug, token])
    return reverse("waitlist:leave", args=[token])


def status_path(*, entry: IntakeRequest) -> str:
    """A waitlist entry's own status page, in the active language; its token is the removal link's."""
    return reverse("waitlist:status", args=[removal_token(entry=entry)])


def status_link(*, entry: IntakeRequest, base_url: str) -> str:
    """The full address of the status page in the person's language (a fresh token each time)."""
    with translation.override(entry.language):
        return base_url.rstrip("/") + status_path(entry=entry)


def removal_token(*, entry: IntakeRequest) -> str:
    return signing.TimestampSigner(salt=REMOVAL_SALT).sign(str(entry.removal_key))


def entry_for_removal_token(*, token: str, kind: str = IntakeRequest.Kind.WAITLIST) -> IntakeRequest | None:
    """The request of this kind a removal link points to, or None if it no longer exists.

    Raises signing.SignatureExpired for an old link and signing.BadSignature for a damaged one.
    """
    max_age = timedelta(days=settings.WAITLIST_REMOVAL_LINK_MAX_AGE_DAYS)
    removal_key = signing.TimestampSigner(salt=REMOVAL_SALT).unsign(token, max_age=max_age)
    return IntakeRequest.objects.select_related("treatment").filter(kind=kind, removal_key=removal_key).first()


def withdraw(*, entry: IntakeRequest, base_url: str) -> IntakeRequest:
    """Close a request at the person's own request (their link), and tell the clinic without details.

    Closed requests stay as they are.
    """
    if not entry.is_active:
        return entry
    with transaction.atomic():
        entry.status = IntakeRequest.Status.WITHDRAWN
        entry.withdrawn_at = timezone.now()
        entry.save(update_fields=["status", "withdrawn_at", "updated_at"])
        notice = _staff_email(entry=entry, event="withdrawn", base_url=base_url)
        send_soon(emails=[notice])
        if entry.kind == IntakeRequest.Kind.WAITLIST:
            from .offers import withdraw_open_offer  # the offers module imports this one

            withdraw_open_offer(entry=entry, base_url=base_url)
    logger.info("Intake request %s withdrawn by the patient", entry.pk)
    return entry


STAFF_STATUSES = [
    IntakeRequest.Status.CONTACTED,
    IntakeRequest.Status.SCHEDULED,
    IntakeRequest.Status.ENROLLED,
    IntakeRequest.Status.COMPLETED,
    IntakeRequest.Status.DECLINED,
]


class StatusChanges(NamedTuple):
    changed: int
    skipped: int  # reopening would give the person a second open request of the same kind and treatment
    withdrawn_by_patient: int  # the patient withdrew it with their own link: it stays withdrawn


def set_status(*, entries: Iterable[IntakeRequest], status: str) -> StatusChanges:
    """Staff bulk status change, saved one by one so each change is in the history.

    A request the patient withdrew with their own link keeps its status (the database refuses it too); one
    whose reopening would give the same person a second open request on the same list is skipped.
    """
    changed = skipped = withdrawn_by_patient = 0
    for entry in entries:
        if entry.status == status:
            continue
        if entry.withdrawn_by_patient:
            withdrawn_by_patient += 1
            continue
        entry.status = status
        try:
            with transaction.atomic():
                entry.save(update_fields=["status", "updated_at"])
        except IntegrityError:
            skipped += 1
        else:
            changed += 1
    return StatusChanges(changed, skipped, withdrawn_by_patient)


CSV_COLUMNS = [
    ("id", "Entry"), ("kind", "Kind"), ("created_at", "Joined"), ("treatment", "Treatment"), ("status", "Status"),
    ("first_name", "First name"), ("last_name", "Last name"), ("email", "Email"), ("phone", "Phone"),
    ("language", "Language"), ("preferred_contact", "Preferred contact"), ("best_time", "Best time"),
    ("insurance", "Insurance"), ("referral", "Heard about us"), ("sms_consent", "Text consent"),
    ("contact_log", "Contact log"),
]  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(*, value: object) -> str:
    """Stop spreadsheet programs from running a cell as a formula (CSV injection)."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_value(entry: IntakeRequest, field: str) -> object:
    if field == "created_at":
        # With the zone (PST or PDT), so a time read months later is not an hour off.
        return timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M %Z")
    if field == "phone":
        return format_national(entry.phone)
    if field == "treatment":
        return entry.treatment.name
    if field == "sms_consent":
        return "yes" if entry.sms_consent else "no"
    if field == "contact_log":
        return "\n".join(
            f"{timezone.localtime(attempt.made_at):%Y-%m-%d %H:%M} {attempt.get_outcome_display()}: {attempt.note}"
            for attempt in entry.contact_attempts.all()
        )
    display = getattr(entry, f"get_{field}_display", None)
    return display() if display else getattr(entry, field)


# Excel reads a CSV file as UTF-8 only when it starts with the byte-order mark; without it "José" shows as "JosÃ©".
BYTE_ORDER_MARK = "\ufeff"


def write_csv(*, entries: Iterable[IntakeRequest], stream: TextIO) -> None:
    """The requests as a CSV file for spreadsheets: UTF-8 with a byte-order mark, formulas neutralised."""
    stream.write(BYTE_ORDER_MARK)
    writer = csv.writer(stream)
    writer.writerow([title for _, title in CSV_COLUMNS])
    for entry in entries:
        writer.writerow([spreadsheet_safe(value=_csv_value(entry, field)) for field, _ in CSV_COLUMNS])
