"""Opening hours as data, read in the clinic's time zone at fixed instants: "open now" and the next opening on both
sides of the daylight-saving changes of 2026 (clocks go forward on Sunday 8 March, back on Sunday 1 November), the
days the clinic is closed, and how hours read in each language."""

from datetime import UTC, date, datetime, time

import pytest

from clinic import hours
from clinic.hours import Closure, DayHours, Schedule
from clinic.models import ClinicDetails
from clinic.selectors import visit_hours

WEEKDAYS_9_TO_5 = tuple(DayHours(weekday=day, opens=time(9), closes=time(17)) for day in range(5))
EVERY_DAY_9_TO_5 = tuple(DayHours(weekday=day, opens=time(9), closes=time(17)) for day in range(7))


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def status(week, now, closures=()):
    return hours.status_at(Schedule(week=week, closures=tuple(closures)), now=now)


# --- March: Pacific Standard Time (UTC-8) until 2 am on Sunday 8 March, then Pacific Daylight Time (UTC-7) -----


def test_before_the_march_change_9_am_is_17_00_utc():
    friday_8_30_am = utc(2026, 3, 6, 16, 30)  # PST
    closed = status(WEEKDAYS_9_TO_5, friday_8_30_am)
    assert not closed.is_open and closed.opens == utc(2026, 3, 6, 17)
    open_ = status(WEEKDAYS_9_TO_5, utc(2026, 3, 6, 17))
    assert open_.is_open and open_.end == utc(2026, 3, 7, 1)  # 5 pm PST


def test_over_the_march_weekend_the_clinic_opens_on_monday_at_9_am_daylight_time():
    saturday_noon = utc(2026, 3, 7, 20)  # before the change
    closed = status(WEEKDAYS_9_TO_5, saturday_noon)
    assert not closed.is_open
    assert closed.start == utc(2026, 3, 7, 8)  # the clinic's Saturday began at midnight PST
    assert closed.opens == closed.end == utc(2026, 3, 9, 16)  # 9 am PDT, one hour earlier in UTC than on Friday
    sunday_after_the_change = utc(2026, 3, 8, 18)  # 11 am PDT
    assert status(WEEKDAYS_9_TO_5, sunday_after_the_change).opens == utc(2026, 3, 9, 16)


def test_after_the_march_change_the_same_utc_instant_is_an_hour_later_on_the_clinic_s_clock():
    monday_9_30_am = utc(2026, 3, 9, 16, 30)  # PDT; the same UTC time the Friday before was 8:30 am, closed
    open_ = status(WEEKDAYS_9_TO_5, monday_9_30_am)
    assert open_.is_open and open_.start == utc(2026, 3, 9, 16) and open_.end == utc(2026, 3, 10)  # 5 pm PDT
    assert not status(WEEKDAYS_9_TO_5, utc(2026, 3, 10)).is_open  # 5 pm PDT on the dot: closed
    assert status(WEEKDAYS_9_TO_5, utc(2026, 3, 9, 23, 59, 59)).is_open  # 4:59:59 pm


def test_on_the_23_hour_sunday_in_march_the_hours_keep_the_clinic_s_clock():
    week = Schedule(week=EVERY_DAY_9_TO_5, closures=())
    sunday = list(hours.openings(week, since=date(2026, 3, 8), days=1))
    assert sunday == [(utc(2026, 3, 8, 16), utc(2026, 3, 9))]  # 9 am to 5 pm PDT
    assert status(EVERY_DAY_9_TO_5, utc(2026, 3, 8, 9, 30)).opens == utc(2026, 3, 8, 16)  # 1:30 am PST


# --- November: Pacific Daylight Time until 2 am on Sunday 1 November, then Pacific Standard Time ------------------


def test_over_the_november_weekend_the_clinic_opens_on_monday_at_9_am_standard_time():
    saturday_noon = utc(2026, 10, 31, 19)  # PDT
    closed = status(WEEKDAYS_9_TO_5, saturday_noon)
    assert not closed.is_open and closed.start == utc(2026, 10, 31, 7)  # midnight PDT
    assert closed.opens == utc(2026, 11, 2, 17)  # 9 am PST, one hour later in UTC than on Friday
    friday = status(WEEKDAYS_9_TO_5, utc(2026, 10, 30, 16))  # 9 am PDT
    assert friday.is_open and friday.start == utc(2026, 10, 30, 16) and friday.end == utc(2026, 10, 31)


def test_after_the_november_change_8_30_am_is_16_30_utc_and_still_closed():
    monday_8_30_am = utc(2026, 11, 2, 16, 30)  # PST; the same UTC time the Friday before was 9:30 am, open
    closed = status(WEEKDAYS_9_TO_5, monday_8_30_am)
    assert not closed.is_open and closed.opens == utc(2026, 11, 2, 17)
    open_ = status(WEEKDAYS_9_TO_5, utc(2026, 11, 2, 17))
    assert open_.is_open and open_.end == utc(2026, 11, 3, 1)  # 5 pm PST


def test_on_the_25_hour_sunday_in_november_the_hours_keep_the_clinic_s_clock():
    week = Schedule(week=EVERY_DAY_9_TO_5, closures=())
    sunday = list(hours.openings(week, since=date(2026, 11, 1), days=1))
    assert sunday == [(utc(2026, 11, 1, 17), utc(2026, 11, 2, 1))]  # 9 am to 5 pm PST
    repeated_1_30_am = utc(2026, 11, 1, 9, 30)  # 1:30 am PST, the second time the clocks show it
    assert status(EVERY_DAY_9_TO_5, repeated_1_30_am).opens == utc(2026, 11, 1, 17)
    assert status(EVERY_DAY_9_TO_5, utc(2026, 11, 1, 8, 30)).opens == utc(2026, 11, 1, 17)  # the first 1:30 am


# --- closed days, stretches, and words --------------------------------------------------------------------------


def test_a_closed_day_moves_the_next_opening_past_it():
    thanksgiving = Closure(date=date(2026, 11, 26), note="Thanksgiving", note_es="Día de Acción de Gracias")
    wednesday_evening = utc(2026, 11, 26, 2)  # 6 pm PST on Wednesday 25 November
    closed = status(WEEKDAYS_9_TO_5, wednesday_evening, closures=[thanksgiving])
    assert not closed.is_open and closed.opens == utc(2026, 11, 27, 17)  # Friday 9 am
    assert not status(WEEKDAYS_9_TO_5, utc(2026, 11, 26, 18), closures=[thanksgiving]).is_open  # Thursday 10 am


def test_a_clinic_with_no_hours_has_no_status_and_a_long_closure_is_looked_past():
    assert status((), utc(2026, 3, 7, 20)) is None
    march = [Closure(date=date(2026, 3, day), note="", note_es="") for day in range(1, 32)]
    closed = status(WEEKDAYS_9_TO_5, utc(2026, 3, 2, 20), closures=march)
    assert not closed.is_open and closed.opens == utc(2026, 4, 1, 16)  # Wednesday 1 April, past the 14 days shown
    three_months = [
        Closure(date=date(2026, month, day), note="", note_es="")
        for month in (3, 4, 5)
        for day in range(1, 32 if month != 4 else 31)
    ]
    closed = status(WEEKDAYS_9_TO_5, utc(2026, 3, 2, 20), closures=three_months)
    assert not closed.is_open and closed.opens is None  # "Closed now", with no day it opens


def test_the_stretches_follow_each_other_without_a_gap_over_the_change():
    stretches = hours.periods(Schedule(week=WEEKDAYS_9_TO_5, closures=()), now=utc(2026, 3, 6, 20), days=14)
    assert stretches[0].is_open and stretches[0].start <= utc(2026, 3, 6, 20) < stretches[0].end
    assert all(before.end == after.start for before, after in zip(stretches, stretches[1:], strict=False))
    assert stretches[-1].end >= utc(2026, 3, 20, 20)
    opens_utc = [period.start.astimezone(UTC).hour for period in stretches if period.is_open]
    assert opens_utc == [17, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16]  # PST on Friday 6 March, then PDT


def clinic_with(week, closures=()):
    clinic = ClinicDetails(name="Clinic", hours_are_real=True)
    clinic.schedule = Schedule(week=tuple(week), closures=tuple(closures))
    return clinic


@pytest.mark.parametrize(
    ("language", "day", "opens"), [("en", "Monday", "9 am"), ("es", "lunes", "9:00")], ids=["en", "es"]
)
def test_the_page_s_status_lines_carry_the_instants_and_words_of_each_stretch(language, day, opens):
    saturday_noon = utc(2026, 3, 7, 20)
    shown = visit_hours(clinic=clinic_with(WEEKDAYS_9_TO_5), now=saturday_noon, language=language)
    first = shown.status[0]
    now_ms = int(saturday_noon.timestamp() * 1000)
    assert first.start_ms <= now_ms < first.end_ms
    assert not first.is_open and (first.day, first.opens) == (day, opens)
    assert first.end_ms == int(utc(2026, 3, 9, 16).timestamp() * 1000)
    monday = shown.status[1]
    assert monday.is_open and monday.closes == ("5 pm" if language == "en" else "17:00")
    assert monday.end_ms == int(utc(2026, 3, 10).timestamp() * 1000)


def test_an_opening_more_than_six_days_ahead_is_named_with_its_date():
    winter_break = [Closure(date=date(2026, 12, day), note="", note_es="") for day in range(21, 32)]
    shown = visit_hours(clinic=clinic_with(WEEKDAYS_9_TO_5, winter_break), now=utc(2026, 12, 19, 20), language="en")
    assert shown.status[0].day == "Friday, January 1"
    shown = visit_hours(clinic=clinic_with(WEEKDAYS_9_TO_5, winter_break), now=utc(2026, 12, 19, 20), language="es")
    assert shown.status[0].day == "viernes 1 de enero"


def test_the_example_hours_are_never_shown_until_staff_confirm_them():
    clinic = clinic_with(WEEKDAYS_9_TO_5)
    clinic.hours_are_real = False
    assert clinic.public_schedule is None and clinic.hours_lines == []
    assert visit_hours(clinic=clinic, now=utc(2026, 3, 7, 20), language="en") is None


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        ("en", ["Mon–Thu 9 am – 5 pm", "Fri 9 am – 12:30 pm", "Sat 10 am – 2 pm"]),
        ("es", ["lun.–jue. 9:00–17:00", "vie. 9:00–12:30", "sáb. 10:00–14:00"]),
    ],
)
def test_the_footer_lines_group_days_with_the_same_hours_in_the_page_s_language(language, lines):
    week = [
        *(DayHours(weekday=day, opens=time(9), closes=time(17)) for day in range(4)),
        DayHours(weekday=4, opens=time(9), closes=time(12, 30)),
        DayHours(weekday=5, opens=time(10), closes=time(14)),
    ]
    from django.utils import translation

    with translation.override(language):
        assert clinic_with(week).hours_lines == lines


def test_schema_org_opening_hours_list_each_open_day_and_each_coming_closure():
    closures = [
        Closure(date=date(2026, 11, 26), note="Thanksgiving", note_es=""),
        Closure(date=date(2026, 1, 1), note="", note_es=""),
    ]
    schedule = Schedule(week=WEEKDAYS_9_TO_5, closures=tuple(closures))
    specification = hours.schema_specification(schedule, today=date(2026, 11, 1))
    assert specification[0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Monday",
        "opens": "09:00",
        "closes": "17:00",
    }
    assert len(specification) == 6  # five weekdays and Thanksgiving; 1 January has passed
    assert specification[-1] == {
        "@type": "OpeningHoursSpecification",
        "validFrom": "2026-11-26",
        "validThrough": "2026-11-26",
        "opens": "00:00",
        "closes": "00:00",
    }
