"""A few days at a time: the choose page and the call page list the first three days that have a free time, with
plain links (`?from=YYYY-MM-DD`) to later and earlier days. Days with nothing free take no space; a made-up or old
address shows the first days, never an error."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from booking import selectors, services
from booking.models import Booking
from tests.factories import CallBackRequestFactory
from tests.markup import accessible_name, soup, text

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 6, 1, 8, 0, tzinfo=LA)  # a Monday: with 24 hours' notice the first free day is June 2
BASE = "http://testserver/"


def june(*days):
    return [date(2026, 6, day) for day in days]


def shown(page):
    return [day.day for day in page.days]


# --- the selectors ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_first_page_is_the_first_three_days_with_a_free_time(team_hours):
    page = selectors.times_page(start=None, now=NOW)
    assert shown(page) == june(2, 3, 4)
    assert page.later == date(2026, 6, 5) and page.earlier is None and not page.has_earlier
    assert all(len(day.slots) == 14 for day in page.days) and not page.skips_days


@pytest.mark.django_db
def test_later_pages_and_the_way_back(team_hours):
    second = selectors.times_page(start=date(2026, 6, 5), now=NOW)
    assert shown(second) == june(5, 6, 7) and second.later == date(2026, 6, 8)
    assert second.has_earlier and second.earlier_is_first  # back to the first page: its address has no date
    third = selectors.times_page(start=date(2026, 6, 8), now=NOW)
    assert shown(third) == june(8, 9, 10) and third.earlier == date(2026, 6, 5) and not third.earlier_is_first
    last = selectors.times_page(start=date(2026, 6, 14), now=NOW)
    assert shown(last) == june(14, 15) and last.later is None  # 14 days ahead, and no further
    assert last.earlier == date(2026, 6, 11)


@pytest.mark.django_db
def test_days_with_nothing_free_take_no_space(team_hours):
    team_hours.closures.create(date=date(2026, 6, 3))
    page = selectors.times_page(start=None, now=NOW)
    assert shown(page) == june(2, 4, 5) and page.later == date(2026, 6, 6)
    assert page.skips_days  # the page says days without a free time are left out
    # A day whose every time is booked is left out the same way.
    for slot in selectors.times_page(start=date(2026, 6, 6), now=NOW).days[0].slots:
        Booking.objects.create(request=CallBackRequestFactory(), start=slot.start, end=slot.end)
    assert shown(selectors.times_page(start=date(2026, 6, 6), now=NOW)) == june(7, 8, 9)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "first_day"),
    [
        pytest.param(date(2026, 6, 3), date(2026, 6, 3), id="a-free-day"),
        pytest.param(date(2026, 6, 4), date(2026, 6, 5), id="a-closed-day-starts-at-the-next-free-one"),
        pytest.param(date(2000, 1, 1), date(2026, 6, 2), id="before-every-free-day"),
        pytest.param(date(2026, 6, 16), date(2026, 6, 2), id="after-every-free-day"),
    ],
)
def test_a_page_starts_at_the_first_free_day_on_or_after_its_date(team_hours, start, first_day):
    team_hours.closures.create(date=date(2026, 6, 4))
    assert selectors.times_page(start=start, now=NOW).days[0].day == first_day


@pytest.mark.django_db
def test_a_booked_call_is_offered_the_other_times_but_not_its_own(team_hours):
    first = selectors.free_times(now=NOW)[0]
    booking = Booking.objects.create(request=CallBackRequestFactory(), start=first.start, end=first.end)
    page = selectors.times_page(start=None, exclude_booking=booking, now=NOW)
    starts = {slot.start for day in page.days for slot in day.slots}
    assert first.start not in starts and shown(page) == june(2, 3, 4) and len(page.days[0].slots) == 13


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-06-05", date(2026, 6, 5)),
        (None, None),
        ("", None),
        ("nonsense", None),
        ("2026-02-30", None),
        ("2026-13-01", None),
        ("20260605", None),  # other ISO forms Python would read are not what the links send
        ("2026-W23-5", None),
        ("2026-06-05T00:00", None),
        (" 2026-06-05", None),
        ("٢٠٢٦-٠٦-٠٥", None),  # digits of other scripts
        ("9" * 5000, None),
    ],
)
def test_only_a_plain_date_starts_a_page(value, expected):
    assert selectors.page_start(value=value) == expected


# --- the pages ------------------------------------------------------------------------------------------------------


def free_days():
    return selectors.times_by_day(selectors.free_times())


def values(days):
    return {slot.value for day in days for slot in day.slots}


def listed(page):
    """The values of the times a page offers, and its links to other days by the name a screen reader says."""
    radios = {radio["value"] for radio in page.select("form.booking-form input[name=time]")}
    nav = page.select_one("nav.booking-pages")
    links = {accessible_name(link): link["href"] for link in nav.select("a")} if nav else {}
    return radios, links


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "later", "earlier"),
    [("", "Show later days", "Earlier days"), ("/es", "Ver los días siguientes", "Días anteriores")],
)
def test_the_choose_page_shows_three_days_and_links_to_later_and_earlier_ones(
    client, initial_content, team_hours, prefix, later, earlier
):
    days = free_days()
    assert len(days) > 6, "the fixture's hours give two weeks of free days"
    path = prefix + services.booking_path(request=CallBackRequestFactory(language=prefix.strip("/") or "en"))
    first = soup(client.get(path))
    radios, links = listed(first)
    assert radios == values(days[:3]) and len(first.select("fieldset.booking-day")) == 3
    assert links == {later: f"{path}?from={days[3].day:%Y-%m-%d}"}
    nav = first.select_one("nav.booking-pages")
    assert nav["aria-label"] == ("Other days" if not prefix else "Otros días")

    response = client.get(links[later])
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    second = soup(response)
    radios, links = listed(second)
    assert radios == values(days[3:6])
    assert links == {earlier: path, later: f"{path}?from={days[6].day:%Y-%m-%d}"}  # back to the first page's address
    assert second.select_one(".crisis-banner") is not None and second.select_one(".waitlist-emergency") is not None

    third = soup(client.get(links[later]))
    assert listed(third)[1][earlier] == f"{path}?from={days[3].day:%Y-%m-%d}"
    last = soup(client.get(f"{path}?from={days[-1].day:%Y-%m-%d}"))
    radios, links = listed(last)
    assert days[-1].slots[0].value in radios and later not in links


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/es"])
def test_switching_language_on_a_later_day_stays_on_that_day(client, initial_content, team_hours, prefix):
    path = prefix + services.booking_path(request=CallBackRequestFactory(language=prefix.strip("/") or "en"))
    later = f"?from={free_days()[3].day:%Y-%m-%d}"
    page = soup(client.get(f"{path}{later}&booked=1"))  # a one-time notice is not carried over
    switch = page.select_one("a.language-switch")["href"]
    twin = path.removeprefix("/es") if prefix else f"/es{path}"
    assert switch == twin + later
    radios, _ = listed(soup(client.get(switch)))
    assert radios == values(free_days()[3:6])
    assert all("from=" not in link["href"] for link in page.head.select("link[rel=alternate]"))  # noindex anyway


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["?from=nonsense", "?from=2026-02-30", "?from=", "?from=%00", "?from=1900-01-01", "?from=2999-12-31",
     "?from=2026-06-05&from=x", "?page=2", "?from=" + "9" * 3000],
)  # fmt: skip
def test_a_bad_or_old_date_shows_the_first_days_never_an_error(client, initial_content, team_hours, query):
    path = services.booking_path(request=CallBackRequestFactory())
    response = client.get(path + query)
    assert response.status_code == 200
    radios, links = listed(soup(response))
    assert radios == values(free_days()[:3]) and "Earlier days" not in links


@pytest.mark.django_db
def test_choosing_a_later_day_books_it_and_a_mistake_keeps_the_same_days(client, initial_content, team_hours):
    days = free_days()
    path = services.booking_path(request=CallBackRequestFactory()) + f"?from={days[3].day:%Y-%m-%d}"
    taken = days[4].slots[0]
    services.book(request=CallBackRequestFactory(), start=taken.start, base_url=BASE)
    page = soup(client.post(path, {"time": taken.value}))  # somebody else was quicker
    assert "just taken" in text(page.select_one("#time-error"))
    assert listed(page)[0] == values(days[3:6]) - {taken.value}
    chosen = days[5].slots[-1]
    response = client.post(path, {"time": chosen.value})
    assert response.status_code == 302 and response["Location"].startswith("/book/call/")
    assert Booking.objects.get(start=chosen.start).is_booked


@pytest.mark.django_db
def test_the_call_page_lists_the_times_to_move_to_the_same_way(client, initial_content, team_hours):
    days = free_days()
    # A time of the second day: late in the afternoon the first has a single free time, and booking it would leave
    # that day out.
    booked = days[1].slots[0]
    booking = services.book(request=CallBackRequestFactory(), start=booked.start, base_url=BASE)
    url = f"/book/call/{services.booking_token(booking=booking)}/"
    first = soup(client.get(url))
    radios, links = listed(first)
    assert radios == values(days[:3]) - {booked.value}
    assert links == {"Show later days": f"{url}?from={days[3].day:%Y-%m-%d}"}
    assert first.select_one("#cancel-title") is not None  # cancelling stays on every page of days
    second = soup(client.get(links["Show later days"]))
    radios, links = listed(second)
    assert radios == values(days[3:6]) and links["Earlier days"] == url
    new = days[4].slots[2]
    moved = client.post(f"{url}?from={days[3].day:%Y-%m-%d}", {"action": "reschedule", "time": new.value})
    assert moved.status_code == 302
    assert Booking.objects.get(status="booked").start == new.start
    again = client.get(url + "?from=nonsense", follow=True)  # the old link opens the moved call, never an error
    assert again.status_code == 200 and soup(again).select_one("#booking-when") is not None


@pytest.mark.django_db
def test_days_with_nothing_free_are_left_out_and_the_page_says_so(client, initial_content, team_hours):
    path = services.booking_path(request=CallBackRequestFactory())
    assert soup(client.get(path)).select_one(".booking-skipped") is None  # every day has times: nothing to say
    closed = free_days()[1].day
    team_hours.closures.create(date=closed)
    page = soup(client.get(path))
    legends = [text(legend) for legend in page.select("fieldset.booking-day legend")]
    assert len(legends) == 3 and not any(f"{closed:%B} {closed.day}" in legend for legend in legends)
    assert listed(page)[0] == values(free_days()[:3])
    assert text(page.select_one(".booking-skipped")) == "Days with no free times are not shown."
