"""Which call times are free: the availability rules read on the clinic's clock, less what is booked.

Wall-clock times are read in the clinic's zone with zoneinfo, so 9:00 is 9:00 on the days the clocks change
too. A wall-clock time the spring change skips (2:00–2:59 on the second Sunday of March) is no slot at all; one
the autumn change repeats (1:00–1:59 on the first Sunday of November) is offered once, at its first occurrence.
"""

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
