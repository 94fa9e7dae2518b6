"""Waitlist invitations in order: a coordinator says how many places opened (a round), and the longest-waiting
active entries are invited, one offer each, by email with a response window (WAITLIST_OFFER_HOURS); the person
answers on their status page. A decline, an expiry, or the entry closing passes the place to the next person at
once; at most WAITLIST_MAX_OPEN_OFFERS offers of one waitlist wait for an answer, the other places wait for them.

Who is next: waitlist entries of the treatment still waiting (new or contacted) and not inactive, by when they
joined, then by number (an earlier sign-up first); never one with an open or accepted offer, one who declined an
offer, or one whose offer in the same round expired (a later round asks them again).

Concurrency: every change that makes offers for a treatment (places opened, a decline, an expiry) first locks that
treatment's row (FOR NO KEY UPDATE, which sign-ups referring to it do not wait for), so for one waitlist offers are
made one transaction at a time: the count of open offers under the cap and the choice of the next people are
read after the previous transaction committed, and nobody is skipped or invited twice, however many workers and
coordinators act at once. The database also refuses a second open offer for one entry (a unique constraint). The
next people's rows are locked as they are chosen (waiting, never skipping a row another transaction holds: that
would skip a person). Expiry, which several workers may run at once, takes each due offer with SKIP LOCKED, so
each worker expires different offers. On SQLite, transactions begin IMMEDIATE and so run one at a time. Each
offer and its email are recorded in the same transaction.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from outbox.models import OutgoingEmail
from outbox.services import send_soon
from treatments.models import Treatment

from ..models import IntakeRequest, Offer, OfferRound
from ..selectors import next_entries, offer_deadline, open_rounds
from . import email_to_patient, status_link

logger = logging.getLogger(__name__)


class OfferClosed(Exception):
    """The offer was answered, expired or withdrawn before this answer: nothing changed."""


@dataclass(frozen=True, kw_only=True)
class Opened:
    round: OfferRound
    invited: int  # offers sent now
    waiting: int  # places not offered yet: over the cap, or nobody left to invite

    def __str__(self) -> str:
        return f"{self.round.places} places opened, {self.invited} invited, {self.waiting} waiting"


@dataclass(frozen=True, kw_only=True)
class Sweep:
    expired: int
    withdrawn: int
    invited: int

    def __str__(self) -> str:
        return f"{self.expired} invitations expired, {self.withdrawn} withdrawn, {self.invited} people invited"


def window() -> timedelta:
    return timedelta(hours=settings.WAITLIST_OFFER_HOURS)


def open_places(
    *, treatment: Treatment, places: int, by: AbstractBaseUser | AnonymousUser | None, base_url: str
) -> Opened:
    """A coordinator's "places opened: N": record the round and invite the next people, up to the cap."""
    now = timezone.now()
    with transaction.atomic():
        _lock(treatment_id=treatment.pk)
        opened_by_id = by.pk if by is not None and by.is_authenticated else None
        round = OfferRound.objects.create(treatment=treatment, places=places, opened_by_id=opened_by_id, opened_at=now)
        offers = fill_places(treatment_id=treatment.pk, now=now, base_url=base_url)
    invited = sum(offer.round_id == round.pk for offer in offers)
    opened = Opened(round=round, invited=invited, waiting=places - invited)
    logger.info("Waitlist round %s: %s", round.pk, opened)
    return opened


def stop_offering(*, treatment: Treatment, by: AbstractBaseUser | AnonymousUser | None) -> int:
    """A coordinator stops offering the treatment's places that wait (opened by mistake, or the clinic is full
    after all): invitations already sent stand, but none more is made, and a no or an expiry passes nothing on.
    Returns how many places no longer wait."""
    now = timezone.now()
    with transaction.atomic():
        _lock(treatment_id=treatment.pk)
        rounds = list(open_rounds(treatment_id=treatment.pk))
        stopped_by_id = by.pk if by is not None and by.is_authenticated else None
        # Every round not stopped yet, so an invitation sent that is declined later passes nothing on either.
        OfferRound.objects.filter(treatment=treatment, stopped_at__isnull=True).update(
            stopped_at=now, stopped_by_id=stopped_by_id
        )
    places = sum(round.places - round.held for round in rounds)  # type: ignore[attr-defined]  # annotated
    logger.info("Waitlist of treatment %s: %s places no longer offered", treatment.pk, places)
    return places


def fill_places(*, treatment_id: int, now: datetime, base_url: str, passed_from: Offer | None = None) -> list[Offer]:
    """Invite the next people to the treatment's places no offer holds, oldest round first, while fewer than
    WAITLIST_MAX_OPEN_OFFERS offers wait for an answer. Call inside a transaction; it locks the treatment.

    `passed_from`: the offer whose decline or expiry freed a place; the first new offer of its round follows it.
    """
    _lock(treatment_id=treatment_id)
    room = (
        settings.WAITLIST_MAX_OPEN_OFFERS
        - Offer.objects.filter(round__treatment_id=treatment_id, status=Offer.Status.OPEN).count()
    )
    made: list[Offer] = []
    for round in open_rounds(treatment_id=treatment_id):
        if room <= 0:
            break
        free = min(round.places - round.held, room)  # type: ignore[attr-defined]  # annotated
        for entry in next_entries(treatment_id=round.treatment_id, round_id=round.pk).select_for_update(of=("self",))[
            :free
        ]:
            follows = passed_from if passed_from is not None and passed_from.round_id == round.pk else None
            made.append(_invite(entry=entry, round=round, follows=follows, now=now, base_url=base_url))
            passed_from = None if follows is not None else passed_from
            room -= 1
    if made:
        send_soon(emails=[offer.email for offer in made if offer.email is not None])
    return made


def _lock(*, treatment_id: int) -> None:
    """Make offers for this treatment's waitlist one transaction at a time (see the module's notes)."""
    list(Treatment.objects.select_for_update(no_key=True).filter(pk=treatment_id).values_list("pk", flat=True))


def _invite(*, entry: IntakeRequest, round: OfferRound, follows: Offer | None, now: datetime, base_url: str) -> Offer:
    expires_at = now + window()
    email = _offer_email(entry=entry, expires_at=expires_at, base_url=base_url)
    offer = Offer.objects.create(
        request=entry, round=round, follows=follows, sent_at=now, expires_at=expires_at, email=email
    )
    logger.info("Waitlist entry %s invited (round %s, offer %s)", entry.pk, round.pk, offer.pk)
    return offer


def _offer_email(*, entry: IntakeRequest, expires_at: datetime, base_url: str) -> OutgoingEmail:
    return email_to_patient(
        entry=entry,
        purpose="waitlist.offer",
        key="email.offer.subject",
        body_key="email.offer.body",
        status_link=status_link(entry=entry, base_url=base_url),
        deadline=offer_deadline(moment=expires_at, language=entry.language),
        hours=str(settings.WAITLIST_OFFER_HOURS),
    )


def answer_offer(*, entry: IntakeRequest, offer_id: int, accept: bool, base_url: str) -> Offer:
    """The person's yes or no to their open offer, from their status page. A no passes the place on at once; either
    answer lets a place waiting under the cap be offered.

    Raises OfferClosed when the offer is no longer open (answered, expired, withdrawn) or is not theirs.
    """
    now = timezone.now()
    with transaction.atomic():
        offer = (
            Offer.objects.select_for_update()
            .filter(pk=offer_id, request=entry, status=Offer.Status.OPEN, expires_at__gt=now)
            .select_related("round")
            .first()
        )
        if offer is None:
            raise OfferClosed
        offer.status = Offer.Status.ACCEPTED if accept else Offer.Status.DECLINED
        offer.answered_at = now
        offer.save(update_fields=["status", "answered_at"])
        # A no passes the place on; either answer makes room under the cap for a place that waits.
        passed_from = None if accept else offer
        fill_places(treatment_id=offer.round.treatment_id, now=now, base_url=base_url, passed_from=passed_from)
    logger.info("Waitlist entry %s %s offer %s", entry.pk, offer.status, offer.pk)
    return offer


def close_offer(*, offer_id: int, status: str, now: datetime, base_url: str, only_due: bool = False) -> bool:
    """Close one open offer as expired or withdrawn and pass its place on; False when another run already did.

    Several workers may run this at once: each takes the offer with SKIP LOCKED, so one of them closes it.
    """
    with transaction.atomic():
        due = Q(expires_at__lte=now) if only_due else Q()
        offer = (
            Offer.objects.select_for_update(skip_locked=True)
            .filter(due, pk=offer_id, status=Offer.Status.OPEN)
            .select_related("round")
            .first()
        )
        if offer is None:
            return False
        offer.status = status
        offer.answered_at = now
        offer.save(update_fields=["status", "answered_at"])
        fill_places(treatment_id=offer.round.treatment_id, now=now, base_url=base_url, passed_from=offer)
    logger.info("Waitlist offer %s %s", offer.pk, status)
    return True


def sweep(*, now: datetime | None = None, base_url: str | None = None) -> Sweep:
    """Routine job: expire open offers past their window and withdraw those of entries closed or inactive since,
    each passing its place on; then offer the places that wait (room under the cap again, or new people on the
    list). An open offer whose entry a coordinator scheduled or enrolled counts as accepted."""
    now = now or timezone.now()
    base_url = base_url or settings.WAITLIST_LINK_BASE_URL
    open_offers = Offer.objects.filter(status=Offer.Status.OPEN)
    expired = withdrawn = 0
    for offer_id in open_offers.filter(expires_at__lte=now).values_list("pk", flat=True):
        expired += close_offer(
            offer_id=offer_id, status=Offer.Status.EXPIRED, now=now, base_url=base_url, only_due=True
        )
    # A coordinator who set a time with the person (scheduled, enrolled) gave them the place: it stays theirs.
    given = open_offers.filter(request__status__in=[IntakeRequest.Status.SCHEDULED, IntakeRequest.Status.ENROLLED])
    given.update(status=Offer.Status.ACCEPTED, answered_at=now)
    gone = open_offers.filter(
        Q(request__status__in=IntakeRequest.CLOSED_STATUSES) | Q(request__inactive_since__isnull=False)
    )
    for offer_id in gone.values_list("pk", flat=True):
        withdrawn += close_offer(offer_id=offer_id, status=Offer.Status.WITHDRAWN, now=now, base_url=base_url)
    invited = 0
    treatments = set(OfferRound.objects.values_list("treatment_id", flat=True).distinct())
    for treatment_id in sorted(treatments):
        with transaction.atomic():
            if open_rounds(treatment_id=treatment_id).exists():
                invited += len(fill_places(treatment_id=treatment_id, now=now, base_url=base_url))
    result = Sweep(expired=expired, withdrawn=withdrawn, invited=invited)
    logger.info("Waitlist invitations: %s", result)
    return result


def run_offers() -> str:
    return str(sweep())


def withdraw_open_offer(*, entry: IntakeRequest, base_url: str) -> None:
    """The entry closed (the person left, or said no longer at a check-in): its open offer's place passes on now."""
    for offer_id in Offer.objects.filter(request=entry, status=Offer.Status.OPEN).values_list("pk", flat=True):
        close_offer(offer_id=offer_id, status=Offer.Status.WITHDRAWN, now=timezone.now(), base_url=base_url)
