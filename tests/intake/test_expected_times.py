"""What the call-back and waitlist pages say about how long things usually take: worked out from the intake data,
said only when there are enough requests to mean something, never as a promise, and never at the cost of a page."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from clinic_site.cache import resilient_redis_settings
from intake.models import IntakeRequest
from intake.selectors import CallBackTime, WaitlistFigures, call_back_time, waitlist_figures, working_days_between
from sitetext.models import SiteText
from tests.factories import TreatmentFactory
from tests.faults import closed_port
from tests.intake.waits import call_backs, contacted_after, people_waiting
from tests.markup import soup, text
from tests.publishing.test_page_text_publishing import draft
from treatments.models import Treatment

pytestmark = pytest.mark.django_db

CLINIC = ZoneInfo("America/Los_Angeles")
# A Wednesday morning in San Diego.
NOW = datetime.datetime(2026, 11, 18, 10, 0, tzinfo=CLINIC)
CALL_BACK_FORM = "/treatments/iv-ketamine-infusion/request-a-call/"
CALL_BACK_THANKS = CALL_BACK_FORM + "thanks/"
WAITLIST_FORM = "/waitlist/spravato/"


def at(day, hour=10, minute=0):
    """A time on a day of November 2026 in San Diego (the 16th is a Monday)."""
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=CLINIC)


@pytest.fixture
def available(db):
    return TreatmentFactory(status=Treatment.Status.AVAILABLE)


# --- working days ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (datetime.date(2026, 11, 16), datetime.date(2026, 11, 16), 0),  # the same day
        (datetime.date(2026, 11, 16), datetime.date(2026, 11, 17), 1),  # Monday to Tuesday
        (datetime.date(2026, 11, 20), datetime.date(2026, 11, 23), 1),  # Friday to Monday
        (datetime.date(2026, 11, 21), datetime.date(2026, 11, 23), 1),  # Saturday to Monday
        (datetime.date(2026, 11, 21), datetime.date(2026, 11, 22), 0),  # Saturday to Sunday
        (datetime.date(2026, 11, 16), datetime.date(2026, 11, 30), 10),  # two weeks
        (datetime.date(2026, 11, 18), datetime.date(2026, 12, 4), 12),  # Wednesday to the Friday two weeks on
        (datetime.date(2026, 11, 18), datetime.date(2026, 11, 16), 0),  # backwards: nothing
    ],
)
def test_working_days_are_monday_to_friday_after_the_first_day(start, end, expected):
    assert working_days_between(start=start, end=end) == expected
    one_by_one = sum(
        (start + datetime.timedelta(days=offset)).weekday() < 5 for offset in range(1, (end - start).days + 1)
    )
    assert working_days_between(start=start, end=end) == one_by_one


# --- the usual time to a call back ---------------------------------------------------------------------------


def test_nine_contacted_requests_are_too_few_to_say_anything(available, settings):
    assert settings.EXPECTED_TIMES_MIN_REQUESTS == 10
    call_backs(count=9, treatment=available, made=at(16), contacted=at(17))
    assert call_back_time(now=NOW) is None


def test_ten_contacted_requests_give_the_median_in_working_days(available):
    call_backs(count=3, treatment=available, made=at(9), contacted=at(10))  # Monday to Tuesday: 1
    call_backs(count=4, treatment=available, made=at(9), contacted=at(11))  # Monday to Wednesday: 2
    call_backs(count=3, treatment=available, made=at(6), contacted=at(11))  # Friday to the Wednesday after: 3
    assert call_back_time(now=NOW) == CallBackTime(working_days=2, contacted=10)


def test_a_call_back_the_same_day_is_said_as_within_one_working_day(available):
    call_backs(count=10, treatment=available, made=at(16, 9), contacted=at(16, 15))
    assert call_back_time(now=NOW) == CallBackTime(working_days=1, contacted=10)


def test_a_weekend_is_not_counted(available):
    call_backs(count=10, treatment=available, made=at(13, 16), contacted=at(16, 11))  # Friday afternoon to Monday
    assert call_back_time(now=NOW).working_days == 1


def test_days_are_the_clinic_s_days_in_san_diego(available):
    # 11:30 pm on Friday in San Diego is Saturday in UTC; the call at 8 am on Monday is one working day later.
    made = at(13, 23, 30)
    assert made.astimezone(datetime.UTC).weekday() == 5
    call_backs(count=10, treatment=available, made=made, contacted=at(16, 8))
    assert call_back_time(now=NOW).working_days == 1


def test_days_stay_the_clinic_s_across_the_change_from_daylight_saving_time(available):
    # Daylight saving time ends on Sunday November 1, 2026: a request at 11:30 pm on Friday October 30 (PDT) called
    # back at 9 am on Monday November 2 (PST) waited one working day.
    made = datetime.datetime(2026, 10, 30, 23, 30, tzinfo=CLINIC)
    call_backs(count=10, treatment=available, made=made, contacted=datetime.datetime(2026, 11, 2, 9, tzinfo=CLINIC))
    assert call_back_time(now=NOW).working_days == 1


def test_only_contacts_count_never_a_note(available):
    call_backs(count=10, treatment=available, made=at(16), contacted=at(16), outcome="note")
    assert call_back_time(now=NOW) is None
    for outcome in ("no_answer", "voicemail", "spoke", "scheduled"):  # a try that reached nobody still is a call back
        call_backs(count=3, treatment=available, made=at(16), contacted=at(17), outcome=outcome)
    assert call_back_time(now=NOW) == CallBackTime(working_days=1, contacted=12)


def test_only_the_first_contact_of_a_request_counts(available):
    requests = call_backs(count=10, treatment=available, made=at(9), contacted=at(10))
    for request in requests:
        request.contact_attempts.create(outcome="spoke", made_at=at(17))
    assert call_back_time(now=NOW).working_days == 1


def test_only_call_backs_of_the_last_90_days_count(available):
    old = NOW - datetime.timedelta(days=91)
    call_backs(count=10, treatment=available, made=old, contacted=old + datetime.timedelta(days=1))
    waitlist = TreatmentFactory(status=Treatment.Status.WAITLIST)
    for entry in people_waiting(count=10, treatment=waitlist, since=at(16)):
        entry.contact_attempts.create(outcome="spoke", made_at=at(17))
    assert call_back_time(now=NOW) is None


def test_requests_still_waiting_make_the_figure_longer_never_shorter(available):
    call_backs(count=10, treatment=available, made=at(2), contacted=at(3))  # Monday to Tuesday: 1 working day
    assert call_back_time(now=NOW).working_days == 1
    # Twelve more made the same Monday, still not contacted on Wednesday the 18th: 12 working days and counting.
    # Counting only the contacted ones would still say 1; fewer than half were reached within any day so far.
    call_backs(count=12, treatment=available, made=at(2))
    assert call_back_time(now=NOW) is None
    call_backs(count=12, treatment=available, made=at(2), contacted=at(16))  # ten working days
    assert call_back_time(now=NOW) == CallBackTime(working_days=10, contacted=22)


def test_requests_made_today_and_not_called_yet_change_nothing(available):
    call_backs(count=10, treatment=available, made=at(9), contacted=at(11))
    before = call_back_time(now=NOW)
    call_backs(count=30, treatment=available, made=at(18, 9))
    assert call_back_time(now=NOW) == before == CallBackTime(working_days=2, contacted=10)


def test_a_request_closed_without_a_call_counts_until_it_was_closed(available):
    call_backs(count=10, treatment=available, made=at(9), contacted=at(10))
    withdrawn = call_backs(count=11, treatment=available, made=at(9), status=IntakeRequest.Status.WITHDRAWN)
    IntakeRequest.objects.filter(pk__in=[entry.pk for entry in withdrawn]).update(withdrawn_at=at(9, 11))
    assert call_back_time(now=NOW).working_days == 1  # gone the same day: no wait is known beyond it


# --- the waitlist ---------------------------------------------------------------------------------------------


@pytest.fixture
def waitlist(db):
    return TreatmentFactory(status=Treatment.Status.WAITLIST)


def test_nine_people_waiting_are_too_few_to_say_anything(waitlist):
    people_waiting(count=9, treatment=waitlist, since=NOW - datetime.timedelta(weeks=6))
    assert waitlist_figures(treatment=waitlist, now=NOW) is None


def test_ten_people_waiting_give_how_many_and_the_longest_wait_in_whole_weeks(waitlist):
    people_waiting(count=10, treatment=waitlist, since=NOW - datetime.timedelta(weeks=6, days=6))
    assert waitlist_figures(treatment=waitlist, now=NOW) == WaitlistFigures(waiting=10, longest_weeks=6)


def test_only_people_still_waiting_on_that_list_count(waitlist):
    people_waiting(count=6, treatment=waitlist, since=NOW - datetime.timedelta(weeks=3))
    people_waiting(count=3, treatment=waitlist, since=NOW - datetime.timedelta(weeks=2), status="contacted")
    for status in ("scheduled", "enrolled", "completed", "declined", "withdrawn"):
        people_waiting(count=1, treatment=waitlist, since=NOW - datetime.timedelta(weeks=40), status=status)
    people_waiting(count=5, treatment=TreatmentFactory(status="waitlist"), since=NOW - datetime.timedelta(weeks=9))
    call_backs(count=5, treatment=waitlist, made=NOW - datetime.timedelta(weeks=9))
    assert waitlist_figures(treatment=waitlist, now=NOW) is None  # nine waiting
    people_waiting(count=1, treatment=waitlist, since=NOW - datetime.timedelta(days=1), status="contacted")
    assert waitlist_figures(treatment=waitlist, now=NOW) == WaitlistFigures(waiting=10, longest_weeks=3)


# --- on the pages -----------------------------------------------------------------------------------------------


def expected_time(response):
    found = soup(response).select_one(".expected-time")
    return text(found) if found else None


@pytest.fixture
def iv(initial_content):
    return Treatment.objects.get(slug="iv-ketamine-infusion")


@pytest.mark.parametrize("path", [CALL_BACK_FORM, CALL_BACK_THANKS])
def test_the_call_back_pages_say_nothing_while_the_figures_are_thin(client, iv, path):
    contacted_after(count=9, treatment=iv, days=7)
    response = client.get(path)
    assert response.status_code == 200 and expected_time(response) is None
    assert "usually" not in text(soup(response).main)


@pytest.mark.parametrize("path", [CALL_BACK_FORM, CALL_BACK_THANKS])
def test_the_call_back_pages_say_how_soon_the_clinic_usually_calls(client, iv, path):
    contacted_after(count=10, treatment=iv, days=7)
    assert expected_time(client.get(path)) == (
        "We usually contact people within 5 working days of their request. Working days are Monday to Friday. "
        "This comes from the requests of the last 90 days, so it is not a promise."
    )
    assert expected_time(client.get("/es" + path)) == (
        "Por lo general, nos comunicamos con las personas en 5 días hábiles o menos después de su solicitud. "
        "Los días hábiles son de lunes a viernes. Este dato viene de las solicitudes de los últimos 90 días, "
        "así que no es una promesa."
    )


def test_one_working_day_is_said_in_words(client, iv):
    contacted_after(count=10, treatment=iv, days=0)
    assert expected_time(client.get(CALL_BACK_FORM)).startswith(
        "We usually contact people within one working day of their request."
    )
    assert expected_time(client.get("/es" + CALL_BACK_FORM)).startswith(
        "Por lo general, nos comunicamos con las personas en un día hábil o menos"
    )


def test_the_waitlist_page_says_nothing_while_the_figures_are_thin(client, spravato):
    people_waiting(count=9, treatment=spravato, since=timezone.now() - datetime.timedelta(weeks=5))
    response = client.get(WAITLIST_FORM)
    assert response.status_code == 200 and expected_time(response) is None


def test_the_waitlist_page_says_how_many_wait_and_the_longest_wait(client, spravato):
    people_waiting(count=12, treatment=spravato, since=timezone.now() - datetime.timedelta(weeks=5, hours=1))
    assert expected_time(client.get(WAITLIST_FORM)) == (
        "How long is the wait? 12 people are waiting for a place now. The longest anyone has been waiting so far is "
        "5 weeks. These numbers change as people join and leave the list. They are not a promise of when we will "
        "contact you."
    )
    spanish = expected_time(client.get("/es" + WAITLIST_FORM))
    assert spanish.startswith("¿Cuánto hay que esperar? Ahora hay 12 personas esperando un lugar. Hasta ahora, la")
    assert "espera más larga es de 5 semanas." in spanish
    assert expected_time(client.get(f"{WAITLIST_FORM}thanks/")) is None  # the waitlist's thanks page says nothing


def test_a_wait_under_two_weeks_is_said_without_a_number_of_weeks(client, spravato):
    people_waiting(count=10, treatment=spravato, since=timezone.now() - datetime.timedelta(days=13))
    said = expected_time(client.get(WAITLIST_FORM))
    assert "10 people are waiting for a place now. Nobody has been waiting longer than two weeks so far." in said


def test_the_figures_are_a_heading_and_paragraphs_in_the_side_box(client, spravato):
    people_waiting(count=10, treatment=spravato, since=timezone.now() - datetime.timedelta(weeks=3))
    box = soup(client.get(WAITLIST_FORM)).select_one("section[aria-labelledby=next-title] .expected-time")
    assert box.find("h2").get_text(strip=True) == "How long is the wait?"
    assert len(box.find_all("p")) == 2


# --- kept briefly, and never needed -----------------------------------------------------------------------------


def test_the_figures_are_kept_no_longer_than_expected_times_cache_seconds(client, iv, settings, monkeypatch):
    settings.EXPECTED_TIMES_CACHE_SECONDS = 300
    # A local-memory cache of its own, whose clock the test can move on (whatever cache the suite runs with).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "times"}}
    contacted_after(count=10, treatment=iv, days=7)
    assert "within 5 working days" in expected_time(client.get(CALL_BACK_FORM))
    contacted_after(count=30, treatment=iv, days=14)  # an intake change is no content change: the figure stays
    assert "within 5 working days" in expected_time(client.get(CALL_BACK_FORM))
    later = timezone.now().timestamp() + 301
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: later)
    assert "within 10 working days" in expected_time(client.get(CALL_BACK_FORM))


def test_a_content_save_leaves_the_figures_be(
    client, iv, spravato, settings, initial_content, django_assert_num_queries
):
    """The figures come from the requests, so a form page drawn again after an edit does not work them out again."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "edit"}}
    contacted_after(count=10, treatment=iv, days=7)
    people_waiting(count=10, treatment=spravato, since=timezone.now() - datetime.timedelta(weeks=3))
    assert "within 5 working days" in expected_time(client.get(CALL_BACK_FORM))
    assert "10 people are waiting" in expected_time(client.get(WAITLIST_FORM))
    contacted_after(count=30, treatment=iv, days=14)
    people_waiting(count=5, treatment=spravato, since=timezone.now() - datetime.timedelta(weeks=3))
    heading = SiteText.objects.get(key="callback.form.next_heading")
    heading.text = "After you send this"
    heading.save()  # a new content version: every page and value drawn from content is drawn again
    page = client.get(CALL_BACK_FORM)
    assert text(soup(page).find(id="next-title")) == "After you send this"
    assert "within 5 working days" in expected_time(page)
    assert "10 people are waiting" in expected_time(client.get(WAITLIST_FORM))


def test_the_pages_show_the_figures_while_the_cache_is_down(client, iv, spravato, settings):
    contacted_after(count=10, treatment=iv, days=7)
    people_waiting(count=10, treatment=spravato, since=timezone.now() - datetime.timedelta(weeks=3))
    # A real fault: the cache configured as production configures Redis, at a port where nothing listens.
    settings.CACHES = {
        "default": resilient_redis_settings(
            {"LOCATION": f"redis://127.0.0.1:{closed_port()}/0", "KEY_PREFIX": "test"}, timeout=0.2, pause=30.0
        )
    }
    assert "within 5 working days" in expected_time(client.get(CALL_BACK_FORM))
    assert "10 people are waiting" in expected_time(client.get(WAITLIST_FORM))
    assert client.get(CALL_BACK_THANKS).status_code == 200


# --- staff preview their words where the pages show them --------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("callback.expected.days", "Most people hear from us within {days} working days."),
        ("waitlist.figures.people", "{count} people are on this list today."),
    ],
)
def test_a_draft_of_the_figures_words_is_previewed_on_the_page_once_it_shows_them(editor, iv, spravato, key, words):
    response = draft(editor, key, "_preview", en=words)
    assert editor.get(response["Location"]).status_code == 302  # thin figures: there is nothing to preview yet
    contacted_after(count=10, treatment=iv, days=7)
    people_waiting(count=10, treatment=spravato, since=timezone.now() - datetime.timedelta(weeks=3))
    preview = editor.get(response["Location"])
    assert preview.status_code == 200
    assert words.format(days=5, count=10) in expected_time(preview)
