"""The Visit us page in a real browser: accessible at 390 and 1280 px in both languages, with the shipped
placeholders and with real details, and its "open now" line following the reader's clock."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from clinic.models import ClinicDetails, ClosedDay, VisitPage
from tests.browser import DESKTOP, PHONE, assert_accessible, assert_fits_the_width, save_screenshots
from tests.go_live import REAL_VISIT_DETAILS, enter_real_details

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("initial_content")]


def real_details_with_a_closed_day():
    """The address, hours and visit details entered, and a closed day next week; the phone stays the shipped one,
    which the layout check looks for."""
    ClinicDetails.objects.update(street_address="1234 Calm Way, Suite 5", postal_code="92103", hours_are_real=True)
    VisitPage.objects.update(**REAL_VISIT_DETAILS)
    next_week = timezone.localdate() + timedelta(days=7)
    ClosedDay.objects.create(
        clinic=ClinicDetails.objects.get(), date=next_week, note="Staff training", note_es="Capacitación del personal"
    )


@pytest.mark.parametrize("details", ["placeholders", "real"])
@pytest.mark.parametrize("path", ["/visit/", "/es/visit/"])
def test_the_visit_page_has_no_accessibility_violations_at_both_widths(page, live_server, path, details):
    if details == "real":
        real_details_with_a_closed_day()
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        response = page.goto(live_server.url + path)
        assert response.status == 200
        assert page.locator("h1:visible").count() == 1
        if details == "real":
            assert page.locator("[data-open-status]").is_visible()  # the script showed the present stretch
        assert_accessible(page)
        assert_fits_the_width(page)


def clinic_instant(day_offset_from_monday, hour, minute=0, second=0):
    """An instant on the clinic's clock in the coming week: its Monday plus `day_offset_from_monday` days."""
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    day = monday + timedelta(days=day_offset_from_monday)
    return datetime.combine(day, time(hour, minute, second), tzinfo=timezone.get_default_timezone())


@pytest.mark.parametrize(
    ("path", "open_words", "closed_words"),
    [
        ("/visit/", "Open now, until 5 pm", "Closed now, opens Tuesday at 9 am"),
        ("/es/visit/", "Abierto ahora, hasta las 17:00", "Cerrado ahora, abre el martes a las 9:00"),
    ],
    ids=["en", "es"],
)
def test_open_now_follows_the_reader_s_clock_and_changes_at_closing_time(
    page_of_its_own, live_server, path, open_words, closed_words
):
    enter_real_details()
    page = page_of_its_own
    page.clock.install(time=clinic_instant(0, 16, 59, 30))  # Monday 4:59:30 pm in San Diego, whatever the zone
    page.goto(live_server.url + path)
    status = page.locator("[data-open-status]")
    assert status.inner_text() == open_words
    page.clock.run_for(60_000)  # the page checks again each half minute, so an open tab stays right
    assert status.inner_text() == closed_words


def test_without_javascript_the_week_is_there_and_no_status_is_claimed(browser, live_server):
    enter_real_details()
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/visit/")
        main = page.get_by_role("main")
        assert page.locator("[data-open-status]").is_hidden()
        assert main.get_by_role("row", name="Monday 9 am – 5 pm").is_visible()
        assert (
            main.get_by_role("link", name="Open the clinic's location in a map")
            .get_attribute("href")
            .startswith("https://www.google.com/maps/search/?api=1&query=")
        )
    finally:
        context.close()


def test_screenshots_of_the_visit_page(page, live_server):
    save_screenshots(page, live_server.url + "/visit/", "visit-placeholders")
    real_details_with_a_closed_day()
    save_screenshots(page, live_server.url + "/visit/", "visit")
    save_screenshots(page, live_server.url + "/es/visit/", "visit-es")


def test_a_closed_day_is_hidden_once_it_is_over_by_the_reader_s_clock(page_of_its_own, live_server):
    enter_real_details()
    closed_on = clinic_instant(1, 12).date()  # next Tuesday
    ClosedDay.objects.create(clinic=ClinicDetails.objects.get(), date=closed_on, note="Staff training")
    page = page_of_its_own
    page.clock.install(time=clinic_instant(1, 23, 59, 30))  # Tuesday 11:59:30 pm in San Diego
    page.goto(live_server.url + "/visit/")
    day = page.get_by_role("main").get_by_role("listitem").filter(has_text="Staff training")
    assert day.is_visible()
    assert page.locator("[data-open-status]").inner_text() == "Closed now, opens Wednesday at 9 am"
    page.clock.run_for(60_000)
    assert day.is_hidden()
