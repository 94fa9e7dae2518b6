"""Which call times patients are offered: the hours on the clinic's clock, breaks, closures, notice, how far
ahead, per coordinator, and the daylight-saving changes of March 8 and November 1, 2026."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model

from booking import selectors
from booking.models import AvailabilityRule, Booking, Weekday
from tests.booking.conftest import team_rule
from tests.factories import CallBackRequestFactory

LA = ZoneInfo("America/Los_Angeles")


def local(slot):
    return slot.start.astimezone(LA)


def starts_on(slots, day):
    return [local(slot).strftime("%H:%M") for slot in slots if local(slot).date() == day]


@pytest.mark.django_db
def test_slots_follow_the_weekly_hours_on_the_clinic_clock(team_hours):
    now = datetime(2026, 6, 1, 8, 0, tzinfo=LA)  # a Monday
    slots = selectors.free_times(now=now)
    day = date(2026, 6, 3)
    assert starts_on(slots, day) == [
        "09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
        "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30",
    ]  # fmt: skip
    assert all(slot.end - slot.start == timedelta(minutes=30) for slot in slots)
    assert all(slot.start.tzinfo is not None for slot in slots)


@pytest.mark.django_db
def test_minimum_notice_and_days_ahead(team_hours):
    now = datetime(2026, 6, 1, 10, 10, tzinfo=LA)
    slots = selectors.free_times(now=now)
    assert local(slots[0]) == datetime(2026, 6, 2, 10, 30, tzinfo=LA)  # 24 hours' notice, then the next start
    assert all(slot.start >= now + timedelta(hours=24) for slot in slots)
    assert local(slots[-1]).date() == date(2026, 6, 15)  # 14 days ahead, and no further
    assert not [slot for slot in slots if slot.start <= now]


@pytest.mark.django_db
def test_breaks_and_closures_take_times_away(team_hours):
    team_hours.breaks.create(weekday=None, start=time(10), end=time(10, 45))
    team_hours.breaks.create(weekday=Weekday.WEDNESDAY, start=time(15), end=time(16))
    team_hours.closures.create(date=date(2026, 6, 4))
    slots = selectors.free_times(now=datetime(2026, 6, 1, 8, tzinfo=LA))
    assert starts_on(slots, date(2026, 6, 3)) == [
        "09:00", "09:30", "11:00", "11:30", "13:00", "13:30", "14:00", "14:30", "16:00", "16:30",
    ]  # fmt: skip
    assert starts_on(slots, date(2026, 6, 4)) == []
    assert "15:00" in starts_on(slots, date(2026, 6, 5))


@pytest.mark.django_db
def test_a_day_without_hours_and_an_inactive_rule_offer_nothing(team_hours):
    team_hours.weekly_hours.filter(weekday=Weekday.SUNDAY).delete()
    slots = selectors.free_times(now=datetime(2026, 6, 1, 8, tzinfo=LA))
    assert starts_on(slots, date(2026, 6, 7)) == []
    team_hours.is_active = False
    team_hours.save()
    assert selectors.free_times(now=datetime(2026, 6, 1, 8, tzinfo=LA)) == []


@pytest.mark.django_db
def test_spring_forward_march_8_2026_keeps_the_wall_clock_and_skips_the_missing_hour():
    rule = team_rule(slot_minutes=60, min_notice_hours=0, days_ahead=3)
    for weekday in (Weekday.SATURDAY, Weekday.SUNDAY):
        rule.weekly_hours.create(weekday=weekday, start=time(0), end=time(5))
        rule.weekly_hours.create(weekday=weekday, start=time(9), end=time(10))
    slots = selectors.free_times(now=datetime(2026, 3, 7, 0, 0, tzinfo=LA))
    saturday = [slot for slot in slots if local(slot).date() == date(2026, 3, 7)]
    sunday = [slot for slot in slots if local(slot).date() == date(2026, 3, 8)]
    # 9:00 is 9:00 on both days: 17:00 UTC in standard time, 16:00 UTC in daylight time.
    assert [s.start for s in saturday if local(s).hour == 9] == [datetime(2026, 3, 7, 17, tzinfo=UTC)]
    assert [s.start for s in sunday if local(s).hour == 9] == [datetime(2026, 3, 8, 16, tzinfo=UTC)]
    # 2:00 does not exist on March 8: no slot for it, and no slot twice.
    assert starts_on(sunday, date(2026, 3, 8)) == ["00:00", "01:00", "03:00", "04:00", "09:00"]
    assert len({slot.start for slot in slots}) == len(slots)
    assert local(sunday[1]).utcoffset() == timedelta(hours=-8) and local(sunday[2]).utcoffset() == timedelta(hours=-7)


@pytest.mark.django_db
def test_fall_back_november_1_2026_offers_the_repeated_hour_once():
    rule = team_rule(slot_minutes=30, min_notice_hours=0, days_ahead=3)
    for weekday in (Weekday.SATURDAY, Weekday.SUNDAY, Weekday.MONDAY):
        rule.weekly_hours.create(weekday=weekday, start=time(0, 30), end=time(3))
        rule.weekly_hours.create(weekday=weekday, start=time(9), end=time(9, 30))
    slots = selectors.free_times(now=datetime(2026, 10, 31, 0, 0, tzinfo=LA))
    sunday = [slot for slot in slots if local(slot).date() == date(2026, 11, 1)]
    assert starts_on(sunday, date(2026, 11, 1)) == ["00:30", "01:00", "01:30", "02:00", "02:30", "09:00"]
    one_am = next(slot for slot in sunday if local(slot).hour == 1 and local(slot).minute == 0)
    assert one_am.start == datetime(2026, 11, 1, 8, tzinfo=UTC)  # the first 1:00, still daylight time (UTC-7)
    nine = {local(slot).date(): slot.start for slot in slots if local(slot).hour == 9}
    assert nine[date(2026, 10, 31)] == datetime(2026, 10, 31, 16, tzinfo=UTC)
    assert nine[date(2026, 11, 1)] == datetime(2026, 11, 1, 17, tzinfo=UTC)
    assert nine[date(2026, 11, 2)] == datetime(2026, 11, 2, 17, tzinfo=UTC)


@pytest.mark.django_db
def test_days_are_grouped_on_the_clinic_clock(team_hours):
    # 16:30 in San Diego is 23:30 UTC, or the next day in UTC after 17:00: the grouping must not use UTC dates.
    days = selectors.times_by_day(selectors.free_times(now=datetime(2026, 6, 1, 8, tzinfo=LA)))
    assert [d.day for d in days][:3] == [date(2026, 6, 2), date(2026, 6, 3), date(2026, 6, 4)]
    assert all(local(slot).date() == d.day for d in days for slot in d.slots)


@pytest.mark.django_db
def test_a_booked_slot_is_not_offered_and_a_cancelled_one_is_again(team_hours):
    now = datetime(2026, 6, 1, 8, tzinfo=LA)
    first = selectors.free_times(now=now)[0]
    booking = Booking.objects.create(request=CallBackRequestFactory(), start=first.start, end=first.end)
    assert first.start not in {slot.start for slot in selectors.free_times(now=now)}
    booking.status = Booking.Status.CANCELLED
    booking.save()
    assert first.start in {slot.start for slot in selectors.free_times(now=now)}


@pytest.mark.django_db
def test_a_coordinator_with_own_hours_adds_a_second_calendar(team_hours):
    coordinator = get_user_model().objects.create_user("sam")
    own = AvailabilityRule.objects.create(coordinator=coordinator, slot_minutes=30, min_notice_hours=24, days_ahead=14)
    own.weekly_hours.create(weekday=Weekday.WEDNESDAY, start=time(9), end=time(10))
    now = datetime(2026, 6, 1, 8, tzinfo=LA)
    nine = datetime(2026, 6, 3, 9, tzinfo=LA)
    both = [slot for slot in selectors.free_slots(now=now) if slot.start == nine]
    assert {slot.calendar for slot in both} == {"team", f"user-{coordinator.pk}"}
    Booking.objects.create(request=CallBackRequestFactory(), start=nine, end=nine + timedelta(minutes=30))
    assert nine in {slot.start for slot in selectors.free_times(now=now)}  # the coordinator is still free
    team_hours.closures.create(date=date(2026, 6, 3))  # a team closure closes everyone's hours
    assert nine not in {slot.start for slot in selectors.free_times(now=now)}


@pytest.mark.django_db
def test_a_fresh_site_has_the_team_s_hours_switched_off_and_offers_nothing():
    rule = AvailabilityRule.objects.get()
    assert rule.coordinator is None and not rule.is_active and not rule.weekly_hours.exists()
    assert selectors.free_times() == []
