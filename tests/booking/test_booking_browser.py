"""Booking a call in a real browser, in both languages: choose a time, move it, cancel it; a few days at a time, with
links to later and earlier days; without JavaScript; axe finds nothing at 390 and 1280 px and every time and link is
a target of at least 24 px."""

import pytest

from booking import selectors, services
from booking.models import Booking
from tests.browser import DESKTOP, PHONE, check_at_both_widths
from tests.factories import CallBackRequestFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("initial_content")]

WORDS = {
    "en": {"book": "Book this time", "move": "Move my call to this time", "cancel": "Cancel my call",
           "days": "Other days", "later": "Show later days", "earlier": "Earlier days"},
    "es": {"book": "Reservar esta hora", "move": "Pasar mi llamada a esta hora", "cancel": "Cancelar mi llamada",
           "days": "Otros días", "later": "Ver los días siguientes", "earlier": "Días anteriores"},
}  # fmt: skip


def assert_targets_are_big_enough(page):
    for box in page.locator("input[name=time], .booking-pages a").evaluate_all(
        "targets => targets.slice(0, 20).concat(targets.slice(-2))"  # the first times and the links to other days
        ".map(target => target.getBoundingClientRect().toJSON())"
    ):
        assert box["width"] >= 24 and box["height"] >= 24, box


@pytest.mark.parametrize("language", ["en", "es"])
def test_book_move_and_cancel_a_call(page, live_server, team_hours, language):
    prefix = "" if language == "en" else "/es"
    words = WORDS[language]
    entry = CallBackRequestFactory(language=language)
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + prefix + services.booking_path(request=entry))
    check_at_both_widths(page, f"booking-choose-{language}")
    assert_targets_are_big_enough(page)
    page.locator("input[name=time]").first.check()
    page.get_by_role("button", name=words["book"]).click()
    page.wait_for_url(f"{live_server.url}{prefix}/book/call/**")
    page.wait_for_selector("#booking-saved")
    first = Booking.objects.get(status="booked")
    check_at_both_widths(page, f"booking-call-{language}")
    assert_targets_are_big_enough(page)
    page.locator("input[name=time]").nth(2).check()
    page.get_by_role("button", name=words["move"]).click()
    page.wait_for_selector("#booking-saved")
    moved = Booking.objects.get(status="booked")
    assert moved.start > first.start
    page.get_by_role("button", name=words["cancel"]).click()
    page.wait_for_selector("#booking-cancelled")
    check_at_both_widths(page, f"booking-cancelled-{language}")
    assert not Booking.objects.filter(status="booked").exists()


@pytest.mark.parametrize("language", ["en", "es"])
def test_on_a_phone_a_few_days_show_and_a_later_day_is_booked(page, live_server, team_hours, language):
    prefix = "" if language == "en" else "/es"
    words = WORDS[language]
    days = selectors.times_by_day(selectors.free_times())
    page.set_viewport_size(PHONE)
    first_page = live_server.url + prefix + services.booking_path(request=CallBackRequestFactory(language=language))
    page.goto(first_page)
    assert page.get_by_role("group").count() == selectors.DAYS_PER_PAGE  # one fieldset per day, three days
    other_days = page.get_by_role("navigation", name=words["days"])
    assert other_days.get_by_role("link").count() == 1  # later days only: nothing is earlier than the first page
    other_days.get_by_role("link", name=words["later"]).click()
    page.wait_for_url(f"{first_page}?from={days[3].day:%Y-%m-%d}")
    assert page.get_by_role("group").count() == selectors.DAYS_PER_PAGE
    assert page.locator("input[name=time]").first.get_attribute("value") == days[3].slots[0].value
    page.get_by_role("navigation", name=words["days"]).get_by_role("link", name=words["earlier"]).click()
    page.wait_for_url(first_page)  # back to the first days, at the address without a date
    page.get_by_role("link", name=words["later"]).click()
    page.wait_for_url("**?from=*")
    check_at_both_widths(page, f"booking-later-days-{language}")
    page.set_viewport_size(PHONE)
    assert_targets_are_big_enough(page)
    later = days[5].slots[-1]  # the last time of the third day on this page
    page.get_by_role("group").nth(2).get_by_role("radio").last.check()
    page.get_by_role("button", name=words["book"]).click()
    page.wait_for_selector("#booking-saved")
    assert Booking.objects.get(status="booked").start == later.start


def test_booking_works_without_javascript(browser, live_server, team_hours):
    entry = CallBackRequestFactory()
    later_day = selectors.times_by_day(selectors.free_times())[3]
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    tab = context.new_page()
    try:
        tab.goto(live_server.url + services.booking_path(request=entry))
        tab.get_by_role("button", name="Book this time").click()  # nothing chosen: the message, no script needed
        tab.wait_for_selector("#time-error")
        tab.get_by_role("link", name="Show later days").click()  # a plain link to the next days
        tab.wait_for_url("**?from=*")
        tab.get_by_role("group").first.get_by_role("radio").first.check()
        tab.get_by_role("button", name="Book this time").click()
        tab.wait_for_selector("#booking-saved")
    finally:
        context.close()
    assert Booking.objects.get(request=entry, status="booked").start == later_day.slots[0].start


def test_the_call_back_thank_you_page_offers_a_time(page, live_server, team_hours):
    from tests.intake.test_callback_browser import fill_the_form

    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/treatments/iv-ketamine-infusion/request-a-call/")
    fill_the_form(page)
    page.get_by_role("button", name="Request a call back").click()
    page.wait_for_selector(".booking-offer")
    check_at_both_widths(page, "booking-offer")
    page.locator(".booking-offer a").click()
    page.wait_for_selector("input[name=time]")


def test_the_coordinators_day_agenda_records_an_outcome(page, live_server, team_hours):
    from django.conf import settings
    from django.utils import timezone

    from intake.models import ContactAttempt
    from staff.roles import INTAKE_COORDINATORS
    from tests.staff.second_factor import sign_in_through_the_login_page

    entry = CallBackRequestFactory(first_name="Ana", last_name="Ramírez")
    booking = services.book(
        request=entry, start=services.selectors.free_times()[0].start, base_url=live_server.url + "/"
    )
    sign_in_through_the_login_page(page, live_server, username="maria", group=INTAKE_COORDINATORS)
    day = timezone.localtime(booking.start).date()
    page.goto(f"{live_server.url}/{settings.ADMIN_URL}booking/booking/?day={day:%Y-%m-%d}")
    row = page.get_by_role("row").filter(has_text="Ana Ramírez")
    check_at_both_widths(page, "booking-agenda")
    row.get_by_role("button", name="Reached").click()
    page.wait_for_selector(".messagelist")
    assert ContactAttempt.objects.get(request=entry).outcome == "spoke"
