"""Which call times are free: the availability rules read on the clinic's clock, less what is booked.

Wall-clock times are read in the clinic's zone with zoneinfo, so 9:00 is 9:00 on the days the clocks change
too. A wall-clock time the spring change skips (2:00–2:59 on the second Sunday of March) is no slot at all; one
the autumn change repeats (1:00–1:59 on the first Sunday of November) is offered once, at its first occurrence.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import groupby

from django.utils import timezone

from .models import TEAM, AvailabilityRule, Booking


@dataclass(frozen=True, order=True)
class Slot:
    start: datetime  # aware, UTC
    end: datetime
    calendar: str
    coordinator_id: int | None = None

    @property
    def value(self) -> str:
        """What the form sends for this time: its start in whole seconds since 1970 (the same in any zone)."""
        return str(int(self.start.timestamp()))


def clinic_zone() -> tzinfo:
    return timezone.get_default_timezone()


def wall_clock(day: date, moment: time) -> datetime | None:
    """`moment` on `day` on the clinic's clock as an instant (UTC), or None when the clocks skip it that day."""
    zone = clinic_zone()
    local = datetime.combine(day, moment, tzinfo=zone)  # fold=0: a repeated time is its first occurrence
    instant = local.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        return None  # a time the spring change skips does not come back from UTC as itself
    return instant


def _rules() -> list[AvailabilityRule]:
    return list(AvailabilityRule.objects.filter(is_active=True).prefetch_related("weekly_hours", "breaks", "closures"))


def rule_slots(rule: AvailabilityRule, *, now: datetime, team_closures: Iterable[date] = ()) -> list[Slot]:
    """Every slot the rule allows from `now` + its minimum notice to `days_ahead` days ahead, booked or not."""
    zone = clinic_zone()
    earliest = now + timedelta(hours=rule.min_notice_hours)
    today = timezone.localtime(now, zone).date()
    closed = {closure.date for closure in rule.closures.all()} | set(team_closures)
    length = timedelta(minutes=rule.slot_minutes)
    found: list[Slot] = []
    for offset in range(rule.days_ahead + 1):
        day = today + timedelta(days=offset)
        if day in closed:
            continue
        breaks = [b for b in rule.breaks.all() if b.weekday is None or b.weekday == day.weekday()]
        for hours in rule.weekly_hours.all():
            if hours.weekday != day.weekday():
                continue
            # Stepped on the wall clock, so a day of hours gives the same times whatever the offset that day.
            moment = datetime.combine(day, hours.start)
            stop = datetime.combine(day, hours.end)
            while moment + length <= stop:
                ends = moment + length
                if not any(moment.time() < b.end and b.start < ends.time() for b in breaks):
                    start = wall_clock(day, moment.time())
                    if start is not None and earliest <= start:
                        found.append(
                            Slot(start=start, end=start + length, calendar=rule.calendar,
                                 coordinator_id=rule.coordinator_id)
                        )  # fmt: skip
                moment = ends
    return found


def free_slots(*, now: datetime | None = None, exclude_booking: Booking | None = None) -> list[Slot]:
    """The free slots of every active rule, soonest first; a time two calendars share appears once per calendar."""
    now = now or timezone.now()
    rules = _rules()
    team_closures = {closure.date for rule in rules if rule.calendar == TEAM for closure in rule.closures.all()}
    slots = [slot for rule in rules for slot in rule_slots(rule, now=now, team_closures=team_closures)]
    if not slots:
        return []
    booked = Booking.objects.filter(status=Booking.Status.BOOKED, start__gte=min(s.start for s in slots))
    if exclude_booking is not None:
        booked = booked.exclude(pk=exclude_booking.pk)
    taken = set(booked.values_list("calendar", "start"))
    return sorted(slot for slot in slots if (slot.calendar, slot.start) not in taken)


def free_times(*, now: datetime | None = None, exclude_booking: Booking | None = None) -> list[Slot]:
    """One slot per start time (the team's first, then coordinators'), soonest first: what a patient chooses from."""
    by_start: dict[datetime, Slot] = {}
    for slot in free_slots(now=now, exclude_booking=exclude_booking):
        if slot.start not in by_start or (slot.calendar == TEAM and by_start[slot.start].calendar != TEAM):
            by_start[slot.start] = slot
    return sorted(by_start.values())


@dataclass(frozen=True)
class Day:
    day: date
    slots: list[Slot]


def times_by_day(slots: Iterable[Slot]) -> list[Day]:
    """Slots grouped by their day on the clinic's clock."""
    zone = clinic_zone()
    return [
        Day(day=day, slots=list(group))
        for day, group in groupby(sorted(slots), key=lambda slot: timezone.localtime(slot.start, zone).date())
    ]


# The choose and call pages show a few days at a time: the first days with a free time, then "Show later days".
DAYS_PER_PAGE = 3
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only


@dataclass(frozen=True)
class DayPage:
    """A few days with free times, and where the pages before and after it start.

    `earlier` and `later` are the first days of the page before and after (None when there is none); the page
    before the second is the first, whose link needs no date (`earlier_is_first`)."""

    days: list[Day]
    earlier: date | None = None
    later: date | None = None
    earlier_is_first: bool = False

    @property
    def has_earlier(self) -> bool:
        return self.earlier is not None

    @property
    def skips_days(self) -> bool:
        """Some day between the first and the last shown has no free time, so it is left out."""
        if not self.days:
            return False
        return (self.days[-1].day - self.days[0].day).days + 1 > len(self.days)


def page_start(*, value: str | None) -> date | None:
    """The first day a page asks for (`?from=YYYY-MM-DD`), or None for none or anything else: the first page."""
    if not value or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:  # 2026-02-30
        return None


def day_page(*, days: list[Day], start: date | None, per_page: int = DAYS_PER_PAGE) -> DayPage:
    """The page of `days` (days with free times, soonest first) that begins at the first free day on or after
    `start`. No start, or a start after every free day (an old or made-up link), gives the first page."""
    first = 0
    if start is not None:
        first = next((index for index, day in enumerate(days) if day.day >= start), 0)
    shown = days[first : first + per_page]
    later = days[first + per_page].day if first + per_page < len(days) else None
    earlier = days[max(first - per_page, 0)].day if first > 0 else None
    return DayPage(days=shown, earlier=earlier, later=later, earlier_is_first=0 < first <= per_page)


def times_page(*, start: date | None, exclude_booking: Booking | None = None, now: datetime | None = None) -> DayPage:
    """What a choose or call page lists: a page of days with free times. For a booked call (`exclude_booking`), its
    own time is no change and is left out, and the times it could move to are offered."""
    slots = free_times(now=now, exclude_booking=exclude_booking)
    if exclude_booking is not None:
        slots = [slot for slot in slots if slot.start != exclude_booking.start]
    return day_page(days=times_by_day(slots), start=start)


def slot_at(*, start: datetime, now: datetime | None = None, exclude_booking: Booking | None = None) -> list[Slot]:
    """The free slots (one per calendar, the team's first) that start at `start`; empty if none is free."""
    slots = [s for s in free_slots(now=now, exclude_booking=exclude_booking) if s.start == start]
    return sorted(slots, key=lambda slot: slot.calendar != TEAM)


def day_agenda(*, day: date) -> list[Booking]:
    """The calls booked on one day of the clinic's clock, in order, with their requests."""
    zone = clinic_zone()
    starts = datetime.combine(day, time.min, tzinfo=zone)
    ends = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return list(
        Booking.objects.filter(status=Booking.Status.BOOKED, start__gte=starts, start__lt=ends)
        .select_related("request", "request__treatment", "coordinator")
        .order_by("start")
    )
