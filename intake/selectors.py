"""Which treatments have a waitlist the public can join, the coordinators' numbers, how long a call back and a
waitlist usually take, the requests nobody has acted on for long, and everything that belongs to one person."""

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Generic, TypeVar

from django.conf import settings
from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import smart_split, unescape_string_literal

from content.page_cache import frame_part, kept_value
from outbox.models import OutgoingEmail
from treatments.models import Treatment
from treatments.selectors import published_treatments

from . import matching
from .models import CheckIn, ContactAttempt, IntakeRequest, Offer, OfferRound


def waitlist_treatments() -> QuerySet[Treatment]:
    return published_treatments().filter(status=Treatment.Status.WAITLIST)


def working_days_ago(*, days: int, now: datetime) -> datetime:
    """The same time of day `days` working days (Monday to Friday) before `now`."""
    moment = now
    while days:
        moment -= timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    return moment


CONTACT_OUTCOMES = [outcome for outcome in ContactAttempt.Outcome if outcome != ContactAttempt.Outcome.NOTE]


def clinic_date(*, moment: datetime | None = None) -> date:
    """The date of `moment` (now if None) on the clinic's calendar: its time zone (TIME_ZONE, America/Los_Angeles),
    whatever zone is active."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def clinic_day(*, now: datetime | None = None) -> tuple[datetime, datetime]:
    """When the clinic's day around `now` starts and ends, in the clinic's time zone whatever zone is active
    (clinic_date): 23 or 25 hours long on the days the clocks change."""
    zone = timezone.get_default_timezone()
    today = clinic_date(moment=now)
    start, end = (datetime.combine(day, time.min, tzinfo=zone) for day in (today, today + timedelta(days=1)))
    return start, end


def received_today(
    *, requests: QuerySet[IntakeRequest] | None = None, now: datetime | None = None
) -> QuerySet[IntakeRequest]:
    """Requests that came in on the clinic's day (clinic_day), any status."""
    start, end = clinic_day(now=now)
    requests = IntakeRequest.objects.all() if requests is None else requests
    return requests.filter(created_at__gte=start, created_at__lt=end)


def coordinator_dashboard(*, now: datetime | None = None) -> dict[str, int]:
    """The numbers coordinators start their day with. "New today": received today and not contacted yet."""
    now = timezone.localtime(now, timezone.get_default_timezone())
    week_start = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    open_requests = IntakeRequest.objects.exclude(status__in=IntakeRequest.CLOSED_STATUSES)
    return {
        "new_today": received_today(now=now).filter(status=IntakeRequest.Status.NEW).count(),
        "waiting": open_requests.filter(
            status=IntakeRequest.Status.NEW, created_at__lt=working_days_ago(days=2, now=now)
        ).count(),
        # One filter() call: the date and the outcome must hold for the same attempt.
        "contacted_this_week": IntakeRequest.objects.filter(
            contact_attempts__made_at__gte=week_start,
            contact_attempts__outcome__in=CONTACT_OUTCOMES,
        )
        .distinct()
        .count(),
        "no_contact": stale_requests(now=now).count(),
        "said_yes": accepted_offers(requests=IntakeRequest.objects.all()).count(),
    }


OPEN_WAITLISTS = "open-waitlists"  # its name in the page frame (IntakeConfig.page_frame)


def open_waitlists() -> list[Treatment]:
    """Every published treatment whose waitlist is open, for the links on every page, from the page frame."""
    treatments: list[Treatment] = frame_part(OPEN_WAITLISTS)
    return treatments


def open_waitlists_now() -> list[Treatment]:
    """`open_waitlists` from the database (a part of the page frame)."""
    return list(waitlist_treatments())


# --- how long things usually take, for patients (the call-back and waitlist pages) ---------------------------

EXPECTED_TIMES_DAYS = 90  # the call-back figure is made from the requests of this many days
Figures = TypeVar("Figures")


@dataclass(frozen=True, kw_only=True)
class CallBackTime:
    """How soon the clinic usually makes a first contact after a call-back request, in working days (at least 1),
    and how many contacted requests that comes from."""

    working_days: int
    contacted: int


@dataclass(frozen=True, kw_only=True)
class WaitlistFigures:
    """How many people are waiting on a waitlist now, and for how many whole weeks the longest of them has."""

    waiting: int
    longest_weeks: int


# On a waitlist, people wait until the clinic has a time for them; scheduled and enrolled people wait no more.
WAITING_STATUSES = [IntakeRequest.Status.NEW, IntakeRequest.Status.CONTACTED]


def working_days_between(*, start: date, end: date) -> int:
    """The working days (Monday to Friday) after `start`, up to and including `end`: 0 on the same day, 1 from a
    Friday to the Monday after. No holidays: the clinic's closures are not data yet."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    return weeks * 5 + sum((start + timedelta(days=offset)).weekday() < 5 for offset in range(1, rest + 1))


def call_back_time(*, now: datetime) -> CallBackTime | None:
    """The median time from a call-back request to its first contact (a contact-log line other than a note), in
    working days in the clinic's time zone, over the requests of the last EXPECTED_TIMES_DAYS days; None when fewer
    than EXPECTED_TIMES_MIN_REQUESTS of them were contacted, or when it cannot be told yet. Working days are the
    clinic's (clinic_date).

    A request nobody has contacted yet counts as having waited at least until now (or until it was closed, if it
    was): the median is the Kaplan-Meier one, so requests still waiting never make the figure look shorter than
    it is, and a backlog makes it longer or leaves it unsaid. One query.
    """
    zone = timezone.get_default_timezone()  # the database gives each moment as a date on the clinic's calendar
    first_contact = Min("contact_attempts__made_at", filter=Q(contact_attempts__outcome__in=CONTACT_OUTCOMES))
    rows = (
        IntakeRequest.objects.filter(
            kind=IntakeRequest.Kind.CALL_BACK, created_at__gte=now - timedelta(days=EXPECTED_TIMES_DAYS)
        )
        .annotate(
            asked_on=TruncDate("created_at", tzinfo=zone),
            contacted_on=TruncDate(first_contact, tzinfo=zone),
            closed_on=TruncDate(Coalesce("withdrawn_at", "updated_at"), tzinfo=zone),
        )
        .values_list("asked_on", "contacted_on", "status", "closed_on")
    )
    today = clinic_date(moment=now)
    waits: list[tuple[int, bool]] = []  # (working days, contacted then) or (working days waited so far, False)
    for asked_on, contacted_on, status, closed_on in rows:
        if contacted_on is not None:
            waits.append((working_days_between(start=asked_on, end=contacted_on), True))
        else:
            waited_until = closed_on if status in IntakeRequest.CLOSED_STATUSES else today
            waits.append((working_days_between(start=asked_on, end=waited_until), False))
    contacted = sum(1 for _, was_contacted in waits if was_contacted)
    if contacted < settings.EXPECTED_TIMES_MIN_REQUESTS:
        return None
    median = _median_time(waits=waits)
    return None if median is None else CallBackTime(working_days=max(median, 1), contacted=contacted)


def _median_time(*, waits: Sequence[tuple[int, bool]]) -> int | None:
    """The Kaplan-Meier median of (time, happened) pairs: the first time by which at least half have happened,
    counting each one not happened yet (censored) only while it is known not to have; None if never."""
    ended_on = Counter(days for days, _ in waits)  # happened or stopped being known
    happened_on = Counter(days for days, happened in waits if happened)
    still_waiting, at_risk = 1.0, len(waits)  # at_risk: those whose time is this day or later
    for days in sorted(ended_on):
        if happened_on[days]:
            still_waiting *= 1 - happened_on[days] / at_risk
            if still_waiting <= 0.5:
                return days
        at_risk -= ended_on[days]
    return None


def waitlist_figures(*, treatment: Treatment, now: datetime) -> WaitlistFigures | None:
    """How many people are waiting on `treatment`'s waitlist (new or contacted, not yet scheduled) and how long the
    longest current wait has lasted; None when fewer than EXPECTED_TIMES_MIN_REQUESTS are waiting. One query."""
    waiting = IntakeRequest.objects.filter(
        kind=IntakeRequest.Kind.WAITLIST, treatment=treatment, status__in=WAITING_STATUSES
    ).aggregate(people=Count("pk"), since=Min("created_at"))
    people: int = waiting["people"]
    since: datetime | None = waiting["since"]
    if since is None or people < settings.EXPECTED_TIMES_MIN_REQUESTS:
        return None
    return WaitlistFigures(waiting=people, longest_weeks=max((now - since).days, 0) // 7)


@dataclass(frozen=True)
class Fresh(Generic[Figures]):
    """Figures as worked out at one moment, and until when pages may show them: EXPECTED_TIMES_CACHE_SECONDS later.
    A form page kept whole in the page cache is kept no longer than that (`seconds_left`)."""

    figures: Figures
    until: float  # a POSIX timestamp

    @property
    def seconds_left(self) -> int:
        return max(0, int(self.until - timezone.now().timestamp()))


def _fresh(figures: Figures) -> Fresh[Figures]:
    return Fresh(figures, until=timezone.now().timestamp() + settings.EXPECTED_TIMES_CACHE_SECONDS)


def _kept(name: str, work_out: Callable[[], Figures]) -> Fresh[Figures]:
    """Figures kept for EXPECTED_TIMES_CACHE_SECONDS whatever staff edit meanwhile: they come from the requests, not
    from content, so a content save leaves them be (`kept_value`; staff previews work them out afresh)."""
    return kept_value(name, lambda: _fresh(work_out()), timeout=settings.EXPECTED_TIMES_CACHE_SECONDS)


def usual_call_back_time() -> Fresh[CallBackTime | None]:
    """`call_back_time` now, kept for EXPECTED_TIMES_CACHE_SECONDS (`_kept`)."""
    return _kept("expected-times:call-back", lambda: call_back_time(now=timezone.now()))


def current_waitlist_figures(*, treatment: Treatment) -> Fresh[WaitlistFigures | None]:
    """`waitlist_figures` now, kept like `usual_call_back_time`."""
    return _kept(
        f"expected-times:waitlist:{treatment.pk}",
        lambda: waitlist_figures(treatment=treatment, now=timezone.now()),
    )


def has_people_waiting(*, treatment: Treatment) -> bool:
    """Whether anyone holds an open waitlist place for this treatment (call-back requests do not count)."""
    return (
        IntakeRequest.objects.filter(treatment=treatment, kind=IntakeRequest.Kind.WAITLIST)
        .exclude(status__in=IntakeRequest.CLOSED_STATUSES)
        .exists()
    )


def search_requests(*, requests: QuerySet[IntakeRequest], term: str) -> QuerySet[IntakeRequest]:
    """The queue's search, exact only: names, email and phone are encrypted, so the term is matched on their
    keyed hashes. The whole term as a phone number however written ("(619) 555-0177", "+1 619 555 0177",
    "619.555.0177"), or as its last seven or four digits ("555-0177", "5550177", "0177"); otherwise every word must
    be an email address, a phone number (or its end) or a whole word of the first or last name. Parts of words and
    of addresses never match."""
    if not term.strip():
        return requests
    as_phone = _phone_match(term)
    words = [unescape_string_literal(word) if word[0] in "\"'" else word for word in smart_split(term)]
    every_word = Q()
    for word in words:
        word_match = Q(email_hash=matching.email_hash(word)) | _phone_match(word) | _name_match(word)
        every_word &= word_match
    return requests.filter(as_phone | every_word)


def _phone_match(text: str) -> Q:
    """The whole number however written, or the end of one (matching.phone_tail)."""
    if matching.is_phone(text):
        return Q(phone_hash=matching.phone_hash(text))
    if tail := matching.phone_tail_hash(text):
        return Q(phone_tail_hashes__contains=f" {tail} ")
    return Q(pk__in=[])


def _name_match(word: str) -> Q:
    words = matching.name_words(word)
    match = Q()
    for part in words:  # "Mary-Jane" looks for both words
        match &= Q(name_hashes__contains=f" {matching.name_word_hash(part)} ")
    return match if words else Q(pk__in=[])


# --- requests nobody has acted on for long (retention: intake.services.retention) --------------------------------


def stale_requests(
    *, requests: QuerySet[IntakeRequest] | None = None, now: datetime | None = None
) -> QuerySet[IntakeRequest]:
    """Open requests with no activity for WAITLIST_STALE_DAYS: no contact-log line and no change (of status or
    details; the patient's own withdrawal closes a request) in that time."""
    requests = IntakeRequest.objects.all() if requests is None else requests
    cutoff = (now or timezone.now()) - timedelta(days=settings.WAITLIST_STALE_DAYS)
    recent_line = ContactAttempt.objects.filter(request=OuterRef("pk"), made_at__gte=cutoff)
    return (
        requests.exclude(status__in=IntakeRequest.CLOSED_STATUSES)
        .filter(updated_at__lt=cutoff)
        .exclude(Exists(recent_line))
    )


def acted_on_since_flagged() -> QuerySet[IntakeRequest]:
    """Requests flagged as stale that someone has acted on since: a change, or a contact-log line."""
    later_line = ContactAttempt.objects.filter(request=OuterRef("pk"), made_at__gt=OuterRef("stale_since"))
    return IntakeRequest.objects.filter(stale_since__isnull=False).filter(
        Q(updated_at__gt=F("stale_since")) | Exists(later_line)
    )


def stale_period() -> str:
    """WAITLIST_STALE_DAYS in words coordinators read at a glance: "2 years", "18 months", "400 days"."""
    days = settings.WAITLIST_STALE_DAYS
    for unit, length in (("year", 365), ("month", 30)):
        if days % length == 0 and days >= length:
            count = days // length
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{days} days"


def stale_removal_date(*, request: IntakeRequest, now: datetime | None = None) -> datetime:
    """The earliest the retention job deletes a stale request nobody acts on: the grace period after it was
    flagged, or after today while the daily job has not flagged it yet."""
    flagged = request.stale_since or now or timezone.now()
    return flagged + timedelta(days=settings.WAITLIST_STALE_GRACE_DAYS)


# --- one person (erasure: intake.services.erasure) --------------------------------------------------------------


def person_requests(*, request: IntakeRequest) -> QuerySet[IntakeRequest]:
    """Every request of the person who made `request`, of any kind and status: the same email or the same phone
    (matched on their keyed hashes)."""
    same_person = Q(pk=request.pk)
    if request.email_hash:
        same_person |= Q(email_hash=request.email_hash)
    if request.phone_hash:
        same_person |= Q(phone_hash=request.phone_hash)
    return IntakeRequest.objects.filter(same_person).select_related("treatment").order_by("created_at", "pk")


def find_person(*, contact: str) -> IntakeRequest | None:
    """The earliest request with this email address or phone number (however typed), or None."""
    contact = contact.strip()
    if "@" in contact:
        found = IntakeRequest.objects.with_email(contact)
    elif matching.is_phone(contact):
        found = IntakeRequest.objects.with_phone(contact)
    else:
        return None
    return found.order_by("created_at", "pk").first()


def emails_to(*, requests: Collection[IntakeRequest], keep: Collection[IntakeRequest] = ()) -> list[OutgoingEmail]:
    """Every email, owed or sent, to these requests' people: their confirmations, and any other email to their
    addresses, present or past (recipients are encrypted, so each is read and matched on its hash). The
    confirmations of `keep`, requests that stay, are left out."""
    addresses = {request.email_hash for request in requests if request.email_hash}
    # Addresses the person used before (changed on their status page: the old one was told of the change).
    ids = [request.pk for request in requests]
    addresses |= set(
        IntakeRequest.history.filter(id__in=ids).exclude(email_hash="").values_list("email_hash", flat=True)
    )
    confirmations = {request.confirmation_email_id for request in requests} - {None}
    kept = {request.confirmation_email_id for request in keep} - {None}
    return [
        email
        for email in OutgoingEmail.objects.only("pk", "recipient", "status").order_by("created_at", "pk").iterator()
        if email.pk not in kept and (email.pk in confirmations or matching.email_hash(email.recipient) in addresses)
    ]


@dataclass(frozen=True, kw_only=True)
class PersonRecord:
    """One of a person's requests as the erasure page lists it: no name, email or phone."""

    request: IntakeRequest
    same_email: bool
    same_phone: bool
    contact_lines: int
    history_rows: int


def person_records(*, chosen: IntakeRequest, requests: Sequence[IntakeRequest]) -> list[PersonRecord]:
    """What erasing would remove from each request, and how it matched the one chosen."""
    ids = [request.pk for request in requests]
    lines = Counter(ContactAttempt.objects.filter(request__in=ids).values_list("request_id", flat=True))
    history = Counter(IntakeRequest.history.filter(id__in=ids).values_list("id", flat=True))
    history.update(ContactAttempt.history.filter(request_id__in=ids).values_list("request_id", flat=True))
    return [
        PersonRecord(
            request=request,
            same_email=bool(chosen.email_hash) and request.email_hash == chosen.email_hash,
            same_phone=bool(chosen.phone_hash) and request.phone_hash == chosen.phone_hash,
            contact_lines=lines[request.pk],
            history_rows=history[request.pk],
        )
        for request in requests
    ]


def status_page(*, entry: IntakeRequest) -> dict[str, object]:
    """What a waitlist entry's own page shows beside the entry: its state in the person's terms (waiting,
    inactive, offered a place, accepted or declined one, scheduled, enrolled, closed), its open invitation and
    every invitation, and whether it asks "Do you still want your place?" (an unanswered check-in since the last
    confirmation, or an inactive entry; never beside an open invitation, which asks first)."""
    offers = list(entry.offers.all())  # newest first
    open_offer = next((offer for offer in offers if offer.is_open), None)
    accepted = any(offer.status == Offer.Status.ACCEPTED for offer in offers)
    if not entry.is_active:
        state = "closed"
    elif entry.is_waiting and open_offer is not None:
        state = "offered"
    elif entry.is_waiting and accepted:
        state = "accepted"
    elif entry.is_waiting and any(offer.status == Offer.Status.DECLINED for offer in offers):
        state = "declined"  # never invited again on their own (next_entries)
    elif entry.is_waiting:
        state = "inactive" if entry.inactive_since else "waiting"
    else:
        state = entry.status  # scheduled or enrolled
    asks = (
        entry.is_waiting
        and open_offer is None
        and (
            entry.inactive_since is not None
            or entry.check_ins.filter(answered_at__isnull=True, due_at__gt=entry.check_in_start).exists()
        )
    )
    return {
        "state": state,
        "asks_check_in": asks,
        "check_in_weeks": settings.WAITLIST_CHECKIN_WEEKS,
        "open_offer": open_offer if entry.is_waiting else None,
        "offer_deadline": offer_deadline(moment=open_offer.expires_at, language=entry.language) if open_offer else "",
        "offers": offers,
    }


def unanswered_check_ins(*, requests: QuerySet[IntakeRequest]) -> QuerySet[IntakeRequest]:
    """Waiting entries with a check-in since their last confirmation that nobody has answered yet."""
    start = Coalesce("last_confirmed_at", "created_at")
    open_check_in = CheckIn.objects.filter(
        request=OuterRef("pk"), answered_at__isnull=True, due_at__gt=OuterRef("start")
    )
    return requests.filter(status__in=IntakeRequest.WAITING_STATUSES).alias(start=start).filter(Exists(open_check_in))


@dataclass(frozen=True, kw_only=True)
class OfferFigures:
    """One waitlist's invitations as the "Places opened" page shows them: numbers only."""

    treatment: Treatment
    open: int  # sent, waiting for an answer
    accepted: int  # said yes, not yet scheduled by a coordinator
    places_waiting: int  # opened and not offered yet
    can_invite: int  # active waiting entries who could be invited now


def offer_figures() -> list[OfferFigures]:
    """For each open waitlist: open and accepted invitations, places not offered yet, and people who could be."""
    figures = []
    for treatment in waitlist_treatments().order_by("name"):
        offers = Offer.objects.filter(round__treatment=treatment)
        rounds = list(open_rounds(treatment_id=treatment.pk))
        figures.append(
            OfferFigures(
                treatment=treatment,
                open=offers.filter(status=Offer.Status.OPEN).count(),
                accepted=offers.filter(
                    status=Offer.Status.ACCEPTED, request__status__in=IntakeRequest.WAITING_STATUSES
                ).count(),
                places_waiting=sum(round.places - round.held for round in rounds),  # type: ignore[attr-defined]
                can_invite=next_entries(treatment_id=treatment.pk, round_id=None).count(),
            )
        )
    return figures


def open_offers(*, requests: QuerySet[IntakeRequest]) -> QuerySet[IntakeRequest]:
    return requests.filter(Exists(Offer.objects.filter(request=OuterRef("pk"), status=Offer.Status.OPEN)))


def accepted_offers(*, requests: QuerySet[IntakeRequest]) -> QuerySet[IntakeRequest]:
    """Waiting entries that said yes to a place: the intake team calls them to book."""
    said_yes = Offer.objects.filter(request=OuterRef("pk"), status=Offer.Status.ACCEPTED)
    return requests.filter(status__in=IntakeRequest.WAITING_STATUSES).filter(Exists(said_yes))


# The invitations that hold a place: waiting for an answer, or accepted.
HOLDING_OFFERS = [Offer.Status.OPEN, Offer.Status.ACCEPTED]


def next_entries(*, treatment_id: int, round_id: int | None) -> QuerySet[IntakeRequest]:
    """Who a round of the treatment invites next, in order (intake.services.offers): waiting active entries,
    longest-waiting first (by when they joined, then by number), without an open or accepted invitation, without a
    declined one, and without one of this round (`round_id`; None: a round not made yet)."""
    taken = Offer.objects.filter(request=OuterRef("pk")).filter(
        Q(status__in=[*HOLDING_OFFERS, Offer.Status.DECLINED]) | Q(round_id=round_id)
    )
    return (
        IntakeRequest.objects.filter(
            kind=IntakeRequest.Kind.WAITLIST,
            treatment_id=treatment_id,
            status__in=IntakeRequest.WAITING_STATUSES,
            inactive_since__isnull=True,
        )
        .exclude(Exists(taken))
        .order_by("created_at", "pk")
    )


def open_rounds(*, treatment_id: int) -> QuerySet[OfferRound]:
    """The treatment's rounds of places opened with places no invitation holds yet, oldest first (`held`: how many
    invitations hold one); never a round a coordinator stopped."""
    return (
        OfferRound.objects.filter(treatment_id=treatment_id, stopped_at__isnull=True)
        .annotate(held=Count("offers", filter=Q(offers__status__in=HOLDING_OFFERS)))
        .filter(held__lt=F("places"))
        .order_by("opened_at", "pk")
    )


# The time of day in a deadline: "5:00 PM" in English (Django's own "5 p.m." is easily misread), "17:00" in Spanish.
DEADLINE_TIME_FORMATS = {"en": "g:i A", "es": "H:i"}


def offer_deadline(*, moment: datetime, language: str) -> str:
    """When an invitation's answer is due, as the person reads it: the date in words and the time on the clinic's
    clock, in their language ("December 10, 2026, 5:00 PM"; "10 de diciembre de 2026, 17:00")."""
    local = timezone.localtime(moment, timezone.get_default_timezone())
    with translation.override(language):
        day = date_format(local, "DATE_FORMAT")
        return f"{day}, {date_format(local, DEADLINE_TIME_FORMATS.get(language, 'TIME_FORMAT'))}"
