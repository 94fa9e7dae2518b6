"""The pages that say how long things usually take, in a real browser, with enough data to say it: accessible at
390 and 1280 px in both languages, and looked at in screenshots."""

import datetime

import pytest
from django.utils import timezone

from tests.browser import DESKTOP, PHONE, assert_accessible, assert_fits_the_width, save_screenshots
from tests.intake.waits import contacted_after, people_waiting
from treatments.models import Treatment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("initial_content")]

CALL_BACK_FORM = "/treatments/iv-ketamine-infusion/request-a-call/"
PATHS = [CALL_BACK_FORM, CALL_BACK_FORM + "thanks/", "/waitlist/spravato/"]


@pytest.fixture
def figures(spravato):
    contacted_after(count=10, treatment=Treatment.objects.get(slug="iv-ketamine-infusion"), days=7)
    people_waiting(count=14, treatment=spravato, since=timezone.now() - datetime.timedelta(weeks=5, hours=2))


@pytest.mark.parametrize("prefix", ["", "/es"], ids=["en", "es"])
def test_the_pages_with_expected_times_have_no_accessibility_violations(figures, page, live_server, prefix):
    for path in PATHS:
        for viewport in (PHONE, DESKTOP):
            page.set_viewport_size(viewport)
            assert page.goto(live_server.url + prefix + path).status == 200
            assert page.locator(".expected-time").is_visible(), path
            assert_accessible(page)
            assert_fits_the_width(page)


def test_screenshots_of_the_pages_with_expected_times(figures, page, live_server):
    for path, name in [
        (CALL_BACK_FORM, "expected-call-back"),
        (CALL_BACK_FORM + "thanks/", "expected-call-back-thanks"),
        ("/waitlist/spravato/", "expected-waitlist"),
        ("/es/waitlist/spravato/", "expected-waitlist-es"),
        ("/es" + CALL_BACK_FORM + "thanks/", "expected-call-back-thanks-es"),
    ]:
        save_screenshots(page, live_server.url + path, name)
        assert page.locator(".expected-time").is_visible()
