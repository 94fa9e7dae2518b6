"""Owed emails: record them with the change they belong to, deliver them from the worker.

An email is recorded inside the caller's transaction, so it is owed exactly when the change commits.
Delivery claims the row with a conditional update before talking to the mail server, so two workers
never send the same email; a failure puts it back with a growing pause (capped at a minute), so owed
mail goes out within about two minutes of the mail server's return. Log lines name emails by id and
errors by kind: never an address, a body or an error text (SMTP errors can quote the recipient).

Each email once, as far as SMTP allows: the mail server's "accepted" and our record of it cannot be one
step. The claim, the send and the record are each their own autocommit statement, run in the worker
outside any transaction, and the record follows the send with nothing in between. A worker that dies
in that window (the server has accepted, the row still says "sending") leaves the email to be sent
again once OUTBOX_STALLED_AFTER_SECONDS have passed, far longer than any send can last; that second
copy carries the same Message-ID, so mail clients show one message.
"""

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection, make_msgid
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 5
MAX_RETRY_SECONDS = 60


def record_email(
    *, purpose: str, recipient: str, subject: str, body: str, attachment: tuple[str, str, str] | None = None
) -> OutgoingEmail:
    """Record an owed email; call inside the transaction it belongs to, then `send_soon` it.

    `attachment`: (file name, text, MIME type) of one text attachment, such as a calendar invitation."""
    name, content, mimetype = attachment or ("", "", "")
    return OutgoingEmail.objects.create(
        purpose=purpose, recipient=recipient, subject=subject, body=body, message_id=new_message_id(),
        attachment_name=name, attachment=content, attachment_type=mimetype,
    )  # fmt: skip


def new_message_id() -> str:
    """A Message-ID at the sender's domain (never the machine's name, which needs a DNS lookup)."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
    return make_msgid(domain=domain or "localhost")


def send_soon(*, emails: Sequence[OutgoingEmail]) -> None:
    """Ask the worker to send these owed emails, together (one task, one mail-server connection)."""
    _schedule(email_ids=[email.pk for email in emails], run_after=None)


def deliver_all(*, email_ids: Sequence[int]) -> list[OutgoingEmail.Status | None]:
    """Send owed emails over one connection to the mail server."""
    connection = get_connection()
    try:
        return [deliver(email_id=email_id, connection=connection) for email_id in email_ids]
    finally:
        connection.close()


def deliver(*, email_id: int, connection: BaseEmailBackend) -> OutgoingEmail.Status | None:
    """Send one owed email if nobody else is; returns its new status, or None if it was not ours to send.

    Call outside any transaction (the worker does): the claim must be seen by other workers at once, and
    the record of the send must not wait for, or be undone with, anything else.
    """
    email = OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.PENDING).first()
    if email is None:
        return None
    message = EmailMessage(
        email.subject,
        email.body,
        settings.DEFAULT_FROM_EMAIL,
        [email.recipient],
        headers={"Message-ID": email.message_id},
        connection=connection,
    )
    if email.attachment_name:
        message.attach(email.attachment_name, email.attachment, email.attachment_type)
    stalled_at = timezone.now() + timedelta(seconds=settings.OUTBOX_STALLED_AFTER_SECONDS)
    claimed = OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.PENDING).update(
        status=OutgoingEmail.Status.SENDING, attempts=F("attempts") + 1, next_attempt_at=stalled_at
    )
    if not claimed:
        return None
    email.attempts += 1
    try:
        connection.open()  # no-op while open; reopens after a failure closed it
        message.send()
    except Exception as error:  # any failure of the mail server or the network: keep the email owed
        return _retry_later(email=email, error=error)
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=OutgoingEmail.Status.SENT,
        sent_at=timezone.now(),
        body="",
        attachment="",
        last_error="",
        next_attempt_at=None,
    )
    logger.info("Email %s (%s) sent", email.pk, email.purpose)
    return OutgoingEmail.Status.SENT


def _retry_later(*, email: OutgoingEmail, error: Exception) -> OutgoingEmail.Status:
    age = timezone.now() - email.created_at
    if age > timedelta(hours=settings.OUTBOX_GIVE_UP_HOURS):
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=OutgoingEmail.Status.FAILED, last_error=type(error).__name__, next_attempt_at=None
        )
        logger.error(
            "Email %s (%s) given up after %s tries: %s", email.pk, email.purpose, email.attempts, type(error).__name__
        )
        return OutgoingEmail.Status.FAILED
    pause = timedelta(seconds=retry_pause_seconds(attempts=email.attempts))
    run_after = timezone.now() + pause
    with transaction.atomic():
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=OutgoingEmail.Status.PENDING, last_error=type(error).__name__, next_attempt_at=run_after
        )
        _schedule(email_ids=[email.pk], run_after=run_after)
    logger.warning(
        "Email %s (%s) not sent (%s); try %s again in %ss",
        email.pk, email.purpose, type(error).__name__, email.attempts + 1, int(pause.total_seconds()),
    )  # fmt: skip
    return OutgoingEmail.Status.PENDING


def retry_pause_seconds(*, attempts: int) -> int:
    """5, 10, 20, 40, then 60 seconds between tries."""
    pause: int = min(FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0), MAX_RETRY_SECONDS)
    return pause


def requeue_stalled_emails() -> int:
    """Routine job: ask again for emails whose worker died mid-send (claimed OUTBOX_STALLED_AFTER_SECONDS
    ago and never marked), or whose task was lost."""
    now = timezone.now()
    stalled = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENDING, next_attempt_at__lt=now)
    stalled_ids = list(stalled.values_list("pk", flat=True))
    OutgoingEmail.objects.filter(pk__in=stalled_ids).update(status=OutgoingEmail.Status.PENDING)
    # A pending email is normally picked up at next_attempt_at (or at once); two minutes late means lost.
    late = now - timedelta(minutes=2)
    forgotten = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).filter(
        Q(next_attempt_at__lt=late) | Q(next_attempt_at__isnull=True, created_at__lt=late)
    )
    ids = stalled_ids + list(forgotten.exclude(pk__in=stalled_ids).values_list("pk", flat=True))
    if ids:
        _schedule(email_ids=ids, run_after=None)
    if ids:
        logger.warning("Asked again for %s owed emails", len(ids))
    return len(ids)


def prune_sent_emails(*, older_than_days: int = 30) -> int:
    """Routine job: forget sent or failed emails that no record (such as a waitlist entry) points to."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    unreferenced = {
        f"{relation.name}__isnull": True
        for relation in OutgoingEmail._meta.related_objects
        if relation.one_to_one or relation.one_to_many
    }
    old = OutgoingEmail.objects.filter(
        status__in=[OutgoingEmail.Status.SENT, OutgoingEmail.Status.FAILED], created_at__lt=cutoff, **unreferenced
    )
    deleted, _ = old.delete()
    return deleted


def _schedule(*, email_ids: list[int], run_after: datetime | None) -> None:
    from .tasks import send_emails  # the task module imports this one

    task = send_emails if run_after is None else send_emails.using(run_after=run_after)
    if run_after is not None and not task.get_backend().supports_defer:
        return  # the immediate backend (local debug) cannot wait; requeue_stalled_emails picks it up
    task.enqueue(email_ids=email_ids)
