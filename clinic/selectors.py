"""The links every page carries, from data staff edit: the main menu and the legal pages."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from content.page_cache import page_frame as whole_page_frame
from content.search import Hit, Terms, records_matching
from translation.twins import ENGLISH, Localized

from . import hours
from .models import ClinicDetails, LegalPage, MenuLink, VisitPage
from .services import CLINIC_DETAILS

MENU_LINKS = "menu-links"  # their names in the page frame (ClinicConfig.page_frame)
LEGAL_PAGES = "legal-pages"


def page_frame() -> tuple[ClinicDetails, list[MenuLink], list[LegalPage]]:
    """(clinic details, menu links, legal pages): what every page's header and footer show, from the page frame
    (content.page_cache.page_frame: one cached value, read once per request)."""
    frame = whole_page_frame()
    return frame[CLINIC_DETAILS], frame[MENU_LINKS], frame[LEGAL_PAGES]


def menu_links() -> list[MenuLink]:
    """The main menu, from the database (a part of the page frame)."""
    return list(MenuLink.objects.published())


def legal_pages() -> list[LegalPage]:
    """The legal pages in the order of their kinds (privacy, accessibility, medical disclaimer)."""
    order = LegalPage.Kind.values
    pages = LegalPage.objects.only("kind", "title", "title_es")
    return sorted(pages, key=lambda page: order.index(page.kind))


# --- the admin's content search (content.search; declared in ClinicConfig.search_sources) ------------------


def clinic_details_matching(*, terms: Terms) -> list[Hit]:
    fields = ("name", "short_description", "street_address", "city", "email")
    return records_matching(records=ClinicDetails.objects.all(), fields=fields, terms=terms)


def legal_pages_matching(*, terms: Terms) -> list[Hit]:
    return records_matching(records=LegalPage.objects.all(), fields=("title", "meta_description", "body"), terms=terms)


def menu_links_matching(*, terms: Terms) -> list[Hit]:
    return records_matching(records=MenuLink.objects.all(), fields=("label",), terms=terms)


def visit_pages_matching(*, terms: Terms) -> list[Hit]:
    fields = ("title", "meta_description", "intro", *VisitPage.detail_fields)
    return records_matching(records=VisitPage.objects.all(), fields=fields, terms=terms)


# --- the Visit us page ----------------------------------------------------------------------------------------

STATUS_DAYS = 14  # how far ahead the page carries its "open now" stretches (see clinic/templates/clinic/visit.html)


@dataclass(frozen=True)
class StatusLine:
    """One stretch of "Open now" or "Closed now": from and until (milliseconds since the epoch, for the script
    that shows the one holding the reader's present moment) and the words' values in the page's language."""

    start_ms: int
    end_ms: int
    is_open: bool
    closes: str = ""
    opens: str = ""
    day: str = ""


@dataclass(frozen=True)
class WeekdayLine:
    name: str
    hours: str  # "" on a closed day


@dataclass(frozen=True)
class ClosureLine:
    day: str
    note: Localized
    end_ms: int  # when the day is over on the clinic's clock: a copy of the page kept longer hides it then


@dataclass(frozen=True)
class VisitHours:
    week: list[WeekdayLine]
    closures: list[ClosureLine]
    status: list[StatusLine]


def visit_hours(*, clinic: ClinicDetails, now: datetime, language: str) -> VisitHours | None:
    """What the Visit us page says about opening hours, in `language`; None until staff confirm the hours."""
    schedule = clinic.public_schedule
    if schedule is None:
        return None
    by_day = {day.weekday: day for day in schedule.week}
    week = [
        WeekdayLine(
            name=hours.weekday_name(weekday, language=language),
            hours=hours.format_range(by_day[weekday].opens, by_day[weekday].closes, language=language)
            if weekday in by_day
            else "",
        )
        for weekday in hours.WEEK
    ]
    today = timezone.localtime(now, hours.clinic_zone()).date()
    closures = [
        ClosureLine(
            day=hours.day_and_date(closure.date, language=language),
            note=_closure_note(closure, language),
            end_ms=_ms(hours.day_end(closure.date)),
        )
        for closure in schedule.closures_from(today)
    ]
    return VisitHours(week=week, closures=closures, status=_status_lines(schedule, now=now, language=language))


def _closure_note(closure: hours.Closure, language: str) -> Localized:
    if language != ENGLISH and closure.note_es:
        return Localized(closure.note_es, language)
    return Localized(closure.note, ENGLISH)


def _status_lines(schedule: hours.Schedule, *, now: datetime, language: str) -> list[StatusLine]:
    lines = []
    for period in hours.periods(schedule, now=now, days=STATUS_DAYS):
        start, end = _ms(period.start), _ms(period.end)
        if period.is_open:
            closes = timezone.localtime(period.end, hours.clinic_zone()).time()
            lines.append(StatusLine(start, end, is_open=True, closes=hours.format_time(closes, language=language)))
        elif period.opens is not None:
            opens = hours.format_time(timezone.localtime(period.opens, hours.clinic_zone()).time(), language=language)
            day = hours.opening_day(period.opens, since=period.start, language=language)
            lines.append(StatusLine(start, end, is_open=False, opens=opens, day=day))
        else:
            lines.append(StatusLine(start, end, is_open=False))
    return lines


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)
