"""The patient's own status page (/waitlist/status/<token>/): what they changed there, and their check-in answers.

The page opens from the signed link in the confirmation and check-in emails (the token signs the entry's random
removal key, like the older self-removal link, which stays valid). Each change is saved through the model, so
the encrypted details, their keyed hashes (phone tail hashes included), the one-open-place constraint and the
history stay in step; the history row says the patient made it.

A new email address takes effect at once and both addresses hear of it, in the same transaction: the old one
that it changed (so a person whose link was misused learns of it and can call), the new one with a fresh link to
the page (so a mistyped address is seen on the page, where it can be corrected).
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from outbox.models import OutgoingEmail
from outbox.services import send_soon

from ..models import CheckIn, IntakeRequest
from . import email_to_patient, status_link, withdraw

logger = logging.getLogger(__name__)

PATIENT_CHANGE = "Changed by the patient on their status page"


class EmailInUse(Exception):
    """The new address already holds an open place on this waitlist: nothing changed."""


def _save(*, entry: IntakeRequest, fields: list[str]) -> None:
    entry._change_reason = PATIENT_CHANGE  # type: ignore[attr-defined]  # simple_history reads it
    entry.save(update_fields=[*fields, "updated_at"])


def change_phone(*, entry: IntakeRequest, phone: str) -> bool:
    """Store a new phone number (E.164); False when it is the one stored."""
    if phone == entry.phone:
        return False
    entry.phone = phone
    _save(entry=entry, fields=["phone"])
    logger.info("Intake request %s: phone changed by the patient", entry.pk)
    return True


def change_email(*, entry: IntakeRequest, email: str, base_url: str) -> bool:
    """Store a new email address and tell both addresses; False when it is the one stored.

    Raises EmailInUse when the address already holds an open place on this waitlist (the entry is unchanged).
    """
    old = entry.email
    if email.strip().casefold() == old.strip().casefold():
        return False
    try:
        with transaction.atomic():
            entry.email = email
            _save(entry=entry, fields=["email"])
            emails = [
                _email(entry=entry, recipient=old, key="email_changed_old", base_url=base_url),
                _email(entry=entry, recipient=email, key="email_changed_new", base_url=base_url),
            ]
            send_soon(emails=emails)
    except IntegrityError:
        entry.email = old
        entry.fill_match_hashes()
        raise EmailInUse from None
    logger.info("Intake request %s: email changed by the patient", entry.pk)
    return True


def change_language(*, entry: IntakeRequest, language: str) -> bool:
    if language == entry.language:
        return False
    entry.language = language
    _save(entry=entry, fields=["language"])
    return True


def change_contact(*, entry: IntakeRequest, preferred_contact: str, best_time: str, sms_consent: bool) -> bool:
    new = (preferred_contact, best_time, sms_consent)
    if new == (entry.preferred_contact, entry.best_time, entry.sms_consent):
        return False
    entry.preferred_contact, entry.best_time, entry.sms_consent = new
    _save(entry=entry, fields=["preferred_contact", "best_time", "sms_consent"])
    return True


def answer_check_in(*, entry: IntakeRequest, answer: str, base_url: str) -> IntakeRequest:
    """The person's answer to "Do you still want your place?", from their status page.

    Yes (or yes, but something changed) confirms the place now: an inactive entry is active again, in its
    original place (the queue is ordered by when the person joined). No longer closes it as their own withdrawal.
    Every unanswered check-in takes the answer.
    """
    now = timezone.now()
    with transaction.atomic():
        CheckIn.objects.filter(request=entry, answered_at__isnull=True).update(answer=answer, answered_at=now)
        if answer == CheckIn.Answer.NO_LONGER:
            return withdraw(entry=entry, base_url=base_url)
        entry.last_confirmed_at, entry.inactive_since = now, None
        _save(entry=entry, fields=["last_confirmed_at", "inactive_since"])
    logger.info("Intake request %s: check-in answered (%s)", entry.pk, answer)
    return entry


def _email(*, entry: IntakeRequest, recipient: str, key: str, base_url: str) -> OutgoingEmail:
    return email_to_patient(
        entry=entry,
        purpose=f"waitlist.{key}",
        key=f"email.status.{key}_subject",
        body_key=f"email.status.{key}_body",
        recipient=recipient,
        status_link=status_link(entry=entry, base_url=base_url),
    )
