"""Erasing a person at their request (superusers and privacy officers): every request of theirs, waitlist and
call-back, any status, with its history, its contact log and every email to them, owed or sent.

"A person" is every request with the same email or the same phone as the one chosen (intake.selectors
.person_requests); the staff member may leave out a request that only shares, say, a family phone. The cache
holds nothing about a person (public pages, and rate-limit counters by client address), so there is nothing to
clear there. What stays is one access-record entry per erased request: who, when, the request's number and
counts, never a name, email or phone.
"""

import logging
from collections.abc import Collection
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.http import HttpRequest

from access_record import services as access_record
from clinic_site.sqlite import wipe_write_ahead_log_on_commit
from outbox.models import OutgoingEmail

from .. import selectors
from ..models import ContactAttempt, IntakeRequest

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class Erased:
    request_ids: list[int]
    contact_lines: int
    history_rows: int
    emails: int

    def __str__(self) -> str:
        return (
            f"{_count(len(self.request_ids), 'request', 'requests')}, "
            f"{_count(self.contact_lines, 'contact log line', 'contact log lines')}, "
            f"{_count(self.history_rows, 'history entry', 'history entries')}, {_count(self.emails, 'email', 'emails')}"
        )


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def erase_person(
    *,
    request: IntakeRequest,
    by: AbstractBaseUser | AnonymousUser,
    http_request: HttpRequest | None,
    request_ids: Collection[int] | None = None,
) -> Erased:
    """Delete every trace of the person who made `request`, in one transaction, and record that it was done.

    `request_ids` narrows it to those of the person's requests (the others stay, with their confirmations);
    ids that are not the person's are ignored. Returns what went.
    """
    with transaction.atomic():
        everything = list(selectors.person_requests(request=request).select_for_update(of=("self",)))
        chosen = [entry for entry in everything if request_ids is None or entry.pk in request_ids]
        ids = [entry.pk for entry in chosen]
        if not ids:
            return Erased(request_ids=[], contact_lines=0, history_rows=0, emails=0)
        emails = selectors.emails_to(requests=chosen, keep=[entry for entry in everything if entry.pk not in ids])
        intake_history = IntakeRequest.history.filter(id__in=ids)
        line_history = ContactAttempt.history.filter(request_id__in=ids)
        erased = Erased(
            request_ids=ids,
            contact_lines=ContactAttempt.objects.filter(request__in=ids).count(),
            history_rows=intake_history.count() + line_history.count(),
            emails=len(emails),
        )
        # The contact log goes with its request (cascade); the history of both with them (cascade_delete_history).
        IntakeRequest.objects.filter(pk__in=ids).delete()
        OutgoingEmail.objects.filter(pk__in=[email.pk for email in emails]).delete()
        # Whatever history the deletions left (rows of contact-log lines deleted before, or history switched off).
        intake_history.delete()
        line_history.delete()
        access_record.record_erasure(
            request=http_request, staff=by, model=IntakeRequest, object_ids=ids, detail=f"erased together: {erased}"
        )
        wipe_write_ahead_log_on_commit()
    logger.info("Erased a person at their request: intake requests %s", ", ".join(map(str, ids)))
    return erased
