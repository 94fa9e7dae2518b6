"""The clinic's opening hours as data: a week of hours and the days it is closed, read in its own time zone.

Everything here is computed from a `Schedule` (loaded once with the clinic record and cached with it) and an
instant; nothing reads the clock by itself, so the rules are tested at fixed instants, the daylight-saving
changes of March and November included. Times are wall-clock times in the clinic's zone (TIME_ZONE,
America/Los_Angeles): 9 am is 9 am on the day the clocks change too.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from django.utils import formats, timezone, translation
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR

WEEK = range(7)  # Python's weekday numbers: 0 is Monday
SCHEMA_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class DayHours:
    weekday: int
    opens: time
    closes: time


@dataclass(frozen=True)
class Closure:
    date: date
    note: str
    note_es: str


@dataclass(frozen=True)
class Schedule:
    """A week of opening hours (a weekday without hours is a closed day) and the dates the clinic is closed."""

    week: tuple[DayHours, ...]
    closures: tuple[Closure, ...]

    def hours_on(self, day: date) -> DayHours | None:
        """The hours the clinic keeps on `day`, or None when it is closed all day."""
        if any(closure.date == day for closure in self.closures):
            return None
        return next((hours for hours in self.week if hours.weekday == day.weekday()), None)

    def closures_from(self, day: date) -> list[Closure]:
        return sorted((closure for closure in self.closures if closure.date >= day), key=lambda closure: closure.date)


@dataclass(frozen=True)
class Period:
    """A stretch of time, from `start` until `end` (aware datetimes), in which the clinic is open or closed; while
    closed, `opens` is when it opens next (None when no opening is known)."""

    start: datetime
    end: datetime
    is_open: bool
    opens: datetime | None = None


def clinic_zone() -> tzinfo:
    return timezone.get_default_timezone()


def _at(day: date, moment: time) -> datetime:
    """`moment` on `day` on the clinic's clock. A wall-clock time the spring change skips (2:30 am) reads as the
    instant after it; one the autumn change repeats, as its first occurrence (zoneinfo's fold=0)."""
    return datetime.combine(day, moment, tzinfo=clinic_zone())


def day_end(day: date) -> datetime:
    """The instant `day` ends on the clinic's clock (its next midnight)."""
    return _at(day + timedelta(days=1), time.min)


def openings(schedule: Schedule, *, since: date, days: int) -> Iterator[tuple[datetime, datetime]]:
    """(opens, closes) of each open day from `since`, for `days` days, as aware instants."""
    for offset in range(days):
        day = since + timedelta(days=offset)
        hours = schedule.hours_on(day)
        if hours is not None:
            yield _at(day, hours.opens), _at(day, hours.closes)


LOOK_AHEAD_DAYS = 62  # how far ahead "opens …" looks for the next opening (past a long holiday closure)


def periods(schedule: Schedule, *, now: datetime, days: int) -> list[Period]:
    """The open and closed stretches from the one `now` falls in until at least `days` days later."""
    zone = clinic_zone()
    today = timezone.localtime(now, zone).date()
    start = _at(today, time.min)
    window_end = now + timedelta(days=days)
    found: list[Period] = []
    for opens, closes in openings(schedule, since=today, days=days + LOOK_AHEAD_DAYS):
        if start < opens:
            found.append(Period(start=start, end=opens, is_open=False, opens=opens))
        found.append(Period(start=opens, end=closes, is_open=True))
        start = closes
        if start >= window_end:
            break
    if start < window_end:
        found.append(Period(start=start, end=window_end, is_open=False))
    return [period for period in found if period.end > now]


def status_at(schedule: Schedule, *, now: datetime) -> Period | None:
    """The stretch `now` falls in; None when the schedule has no opening hours at all."""
    if not schedule.week:
        return None
    return periods(schedule, now=now, days=1)[0]


# --- how hours read, per language ---------------------------------------------------------------------------


def format_time(moment: time, *, language: str) -> str:
    """English "9 am", "5:30 pm", "12 pm"; Spanish "9:00", "17:30" (the 24-hour clock US Spanish readers know)."""
    if language == "es":
        return f"{moment.hour}:{moment.minute:02d}"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes} {'am' if moment.hour < 12 else 'pm'}"


def format_range(opens: time, closes: time, *, language: str) -> str:
    """ "9 am – 5 pm" in English, "9:00–17:00" in Spanish."""
    separator = "–" if language == "es" else " – "
    return f"{format_time(opens, language=language)}{separator}{format_time(closes, language=language)}"


def weekday_name(weekday: int, *, language: str) -> str:
    """ "Monday", "lunes": Django's own names of the days, in `language`."""
    with translation.override(language):
        return str(WEEKDAYS[weekday])


def day_range(first: int, last: int, *, language: str) -> str:
    """ "Mon–Fri" or "Sat"; in Spanish "lun.–vie." (Spanish abbreviations take a period)."""
    with translation.override(language):
        names = [str(WEEKDAYS_ABBR[day]) + ("." if language == "es" else "") for day in dict.fromkeys((first, last))]
    return "–".join(names)


# A day far enough ahead that its weekday alone would be ambiguous is named with its date.
DATE_FORMATS = {"en": "l, F j", "es": r"l j \d\e F"}


def day_and_date(day: date, *, language: str) -> str:
    """ "Thursday, November 26"; "jueves 26 de noviembre"."""
    with translation.override(language):
        return formats.date_format(day, DATE_FORMATS.get(language, DATE_FORMATS["en"]))


def opening_day(opens: datetime, *, since: datetime, language: str) -> str:
    """How a closed stretch starting at `since` names the day it opens again: its weekday within the coming six
    days, else the weekday and date."""
    day = timezone.localtime(opens, clinic_zone()).date()
    if day - timezone.localtime(since, clinic_zone()).date() < timedelta(days=6):
        return weekday_name(day.weekday(), language=language)
    return day_and_date(day, language=language)


def grouped_week(schedule: Schedule) -> list[tuple[int, int, DayHours | None]]:
    """The week from Monday as runs of days with the same hours: (first weekday, last weekday, hours or None when
    closed)."""
    by_day = {hours.weekday: hours for hours in schedule.week}
    runs: list[tuple[int, int, DayHours | None]] = []
    for weekday in WEEK:
        hours = by_day.get(weekday)
        key = (hours.opens, hours.closes) if hours else None
        if runs:
            first, _, previous = runs[-1]
            if ((previous.opens, previous.closes) if previous else None) == key:
                runs[-1] = (first, weekday, previous)
                continue
        runs.append((weekday, weekday, hours))
    return runs


def schema_specification(schedule: Schedule, *, today: date) -> list[dict[str, str]]:
    """schema.org OpeningHoursSpecification entries: one per open weekday, and one per coming closure (a closed
    day is opens = closes = 00:00 for that date, as schema.org describes)."""
    weekly = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{SCHEMA_WEEKDAYS[hours.weekday]}",
            "opens": hours.opens.strftime("%H:%M"),
            "closes": hours.closes.strftime("%H:%M"),
        }
        for hours in sorted(schedule.week, key=lambda hours: hours.weekday)
    ]
    closed = [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": closure.date.isoformat(),
            "validThrough": closure.date.isoformat(),
            "opens": "00:00",
            "closes": "00:00",
        }
        for closure in schedule.closures_from(today)
    ]
    return weekly + closed
