"""Intake retention: no request is kept longer than it is needed, whatever its status.

- Closed (withdrawn, declined, completed): deleted WAITLIST_RETENTION_DAYS after its last change.
- Open (new, contacted, scheduled, enrolled) with no activity for WAITLIST_STALE_DAYS (no contact-log line, no
  change of status or details): coordinators see it (the queue's "No contact for ..." filter, a number on the
  admin home) and decide: log a contact, change its status or close it. The daily job flags it the first time
  it finds it (`stale_since`) and deletes it WAITLIST_STALE_GRACE_DAYS later if nobody has acted on it since.

A deletion takes the request's contact log, its history and its confirmation email with it (intake.signals).
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from clinic_site.sqlite import wipe_write_ahead_log_on_commit

from .. import selectors
from ..models import IntakeRequest

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class Purge:
    closed: int  # closed requests past retention
    stale: int  # open requests flagged over the grace period ago that nobody acted on
    flagged: int  # open requests found with no activity for the first time: coordinators decide
    waiting: int  # flagged and inside the grace period after this run (those just flagged included)

    def __str__(self) -> str:
        return (
            f"{self.closed} closed and {self.stale} open requests with no contact deleted; "
            f"{self.flagged} newly flagged, {self.waiting} waiting for a coordinator's decision"
        )


def purge_expired_entries() -> str:
    """Routine job (daily, in the worker): the retention purge with the configured periods."""
    return str(purge(closed_after_days=settings.WAITLIST_RETENTION_DAYS))


def purge(*, closed_after_days: int, dry_run: bool = False, now: datetime | None = None) -> Purge:
    """Delete closed requests untouched for `closed_after_days` and open ones nobody acted on (see above), and
    flag open requests that have just gone without activity for WAITLIST_STALE_DAYS. With dry_run, only count."""
    now = now or timezone.now()
    closed = IntakeRequest.objects.filter(
        status__in=IntakeRequest.CLOSED_STATUSES, updated_at__lt=now - timedelta(days=closed_after_days)
    )
    with transaction.atomic():
        stale = set(selectors.stale_requests(now=now).select_for_update().values_list("pk", flat=True))
        acted_on = set(selectors.acted_on_since_flagged().values_list("pk", flat=True))
        flags = IntakeRequest.objects.filter(stale_since__isnull=False).values_list("pk", "stale_since")
        still_flagged = {pk: since for pk, since in flags if pk in stale and pk not in acted_on}
        grace_ended = now - timedelta(days=settings.WAITLIST_STALE_GRACE_DAYS)
        due = [pk for pk, since in still_flagged.items() if since is not None and since < grace_ended]
        newly_stale = stale - still_flagged.keys()
        if dry_run:
            closed_count = closed.count()
        else:
            # Someone acted on these (or they went stale again since): their grace period starts afresh.
            IntakeRequest.objects.filter(stale_since__isnull=False).exclude(pk__in=list(still_flagged)).update(
                stale_since=None
            )
            IntakeRequest.objects.filter(pk__in=newly_stale).update(stale_since=now)
            closed_ids = list(closed.select_for_update().values_list("pk", flat=True))
            closed_count = len(closed_ids)
            IntakeRequest.objects.filter(pk__in=[*closed_ids, *due]).delete()
            wipe_write_ahead_log_on_commit()
    waiting = len(still_flagged) - len(due) + len(newly_stale)
    result = Purge(closed=closed_count, stale=len(due), flagged=len(newly_stale), waiting=waiting)
    if not dry_run:
        logger.info("Intake retention: %s", result)
    return result
