"""Idle sign-out: a staff session ends after STAFF_IDLE_MINUTES without activity; public pages are unaffected."""

import time

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.sessions.models import Session
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from staff import accounts as staff_accounts
from staff import idle_sign_out
from staff.roles import INTAKE_COORDINATORS
from tests.clinic_site.test_foundation_settings import PRODUCTION_ENV, run_django
from tests.markup import soup, text
from tests.staff.second_factor import current_code, login_with_second_factor

pytestmark = pytest.mark.django_db
ADMIN = f"/{settings.ADMIN_URL}"
LOGIN = reverse("admin:login")
QUEUE = reverse("admin:waitlist_intakerequest_changelist")
TIME_LEFT = reverse("staff_session_time_left")
SIGNED_OUT_NOTE = "You were signed out after 15 minutes without activity."


@pytest.fixture
def coordinator(staff_client):
    return staff_client(INTAKE_COORDINATORS)


def last_active(client, *, minutes_ago):
    session = client.session
    session[idle_sign_out.LAST_ACTIVITY_SESSION_KEY] = int(time.time() - minutes_ago * 60)
    session.save()


def last_activity_of(client):
    return client.session[idle_sign_out.LAST_ACTIVITY_SESSION_KEY]


def notes(response):
    return [text(item) for item in soup(response).select(".messagelist li")]


def test_the_idle_limit_is_fifteen_minutes_by_default():
    assert settings.STAFF_IDLE_MINUTES == 15 and settings.STAFF_IDLE_WARNING_SECONDS == 120
    assert idle_sign_out.idle_limit_seconds() == 15 * 60


@pytest.mark.own_database
def test_the_idle_limit_comes_from_the_environment_and_leaves_room_for_the_warning():
    def idle_minutes(value):
        script = "import django; django.setup(); from django.conf import settings; print(settings.STAFF_IDLE_MINUTES)"
        result = run_django(["-c", script], {**PRODUCTION_ENV, "DJANGO_STAFF_IDLE_MINUTES": value})
        return result.stdout.strip() if result.returncode == 0 else result.stderr

    assert idle_minutes("30") == "30"
    assert "DJANGO_STAFF_IDLE_MINUTES must be from 3" in idle_minutes("2")
    assert "DJANGO_STAFF_IDLE_MINUTES must be from 3" in idle_minutes("481")  # past the 8-hour cap it means nothing


@pytest.mark.parametrize(("minutes_ago", "still_signed_in"), [(14.5, True), (15.5, False), (26, False)])
def test_a_session_idle_past_the_limit_no_longer_opens_the_queue(coordinator, minutes_ago, still_signed_in):
    last_active(coordinator, minutes_ago=minutes_ago)
    response = coordinator.get(QUEUE)
    assert (response.status_code == 200) is still_signed_in
    assert ("_auth_user_id" in coordinator.session) is still_signed_in
    if not still_signed_in:
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)
        assert notes(coordinator.get(response["Location"])) == [SIGNED_OUT_NOTE]


def test_every_staff_request_is_activity(coordinator, initial_content):
    last_active(coordinator, minutes_ago=14)
    before = time.time()
    assert coordinator.get(QUEUE).status_code == 200
    assert last_activity_of(coordinator) >= int(before)
    last_active(coordinator, minutes_ago=14)
    assert coordinator.get("/privacy/").status_code == 200  # the public site, signed in, counts too
    assert last_activity_of(coordinator) >= int(before)


def test_signing_in_starts_the_idle_clock(client):
    user = User.objects.create_user(username="coordinator", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=INTAKE_COORDINATORS))
    device = staff_accounts.enrol(user=user).totp_device
    before = time.time()
    code = current_code(device)
    client.post(LOGIN, {"username": "coordinator", "password": "a-long-test-password", "otp_token": code})
    assert last_activity_of(client) >= int(before)


def test_the_time_left_is_answered_without_refreshing_it(coordinator):
    last_active(coordinator, minutes_ago=10)
    stored = last_activity_of(coordinator)
    response = coordinator.get(TIME_LEFT)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert 5 * 60 - 2 <= response.json()["seconds_left"] <= 5 * 60
    assert "no-store" in response["Cache-Control"]
    assert last_activity_of(coordinator) == stored  # asking is not activity


def test_staying_signed_in_refreshes_the_time(coordinator):
    last_active(coordinator, minutes_ago=14)
    response = coordinator.post(TIME_LEFT)
    assert response.status_code == 200
    assert 15 * 60 - 2 <= response.json()["seconds_left"] <= 15 * 60
    assert coordinator.get(QUEUE).status_code == 200


def test_staying_signed_in_needs_the_csrf_token(staff_client):
    browser = staff_client(INTAKE_COORDINATORS, client=Client(enforce_csrf_checks=True))
    last_active(browser, minutes_ago=14)
    assert browser.post(TIME_LEFT).status_code == 403
    token = soup(browser.get(QUEUE)).select_one("#idle-warning form input[name=csrfmiddlewaretoken]")["value"]
    assert browser.post(TIME_LEFT, {"csrfmiddlewaretoken": token}).json()["seconds_left"] >= 15 * 60 - 2


def test_too_late_to_stay_signed_in(coordinator):
    last_active(coordinator, minutes_ago=16)
    response = coordinator.post(TIME_LEFT)
    assert response.status_code == 403 and response.json() == {"seconds_left": 0}
    assert "_auth_user_id" not in coordinator.session
    assert coordinator.get(QUEUE).status_code == 302
    # The warning script then opens the login page, which says why.
    assert notes(coordinator.get(f"{LOGIN}?next={QUEUE}")) == [SIGNED_OUT_NOTE]


def test_the_time_left_is_only_for_signed_in_staff(client):
    for method in (client.get, client.post):
        response = method(TIME_LEFT)
        assert response.status_code == 403 and response.json() == {"seconds_left": 0}
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    patient = User.objects.create_user(username="not-staff", password="a-long-test-password")
    client.force_login(patient)
    assert client.get(TIME_LEFT).status_code == 403
    # A staff member whose second factor was not verified in this session is not signed in to the admin.
    unverified = Client()
    unverified.force_login(User.objects.create_user(username="half", password="a-long-test-password", is_staff=True))
    assert unverified.get(TIME_LEFT).status_code == 403
    assert login_with_second_factor(unverified, User.objects.get(username="half")).get(TIME_LEFT).status_code == 200
    assert client.put(TIME_LEFT).status_code == 405


def test_admin_pages_carry_the_warning_as_files_only(coordinator):
    page = soup(coordinator.get(QUEUE))
    dialog = page.select_one("dialog#idle-warning")
    assert dialog["role"] == "alertdialog"
    assert text(page.select_one(f"#{dialog['aria-labelledby']}")) == "Are you still there?"
    assert "signed out after 15 minutes without activity" in text(page.select_one(f"#{dialog['aria-describedby']}"))
    assert int(dialog["data-idle-seconds"]) == 15 * 60 and int(dialog["data-warning-seconds"]) == 120
    assert dialog.select_one("form")["action"] == TIME_LEFT and dialog.select_one("form")["method"] == "post"
    assert text(dialog.select_one("button[type=submit]")) == "Stay signed in"
    scripts = [script.get("src") for script in page.find_all("script")]
    assert "/static/js/admin-idle-warning.js" in scripts and all(scripts)
    assert "/static/css/admin-idle-warning.css" in [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert not page.find_all("style") and not page.select("[style]")
    assert finders.find("js/admin-idle-warning.js") and finders.find("css/admin-idle-warning.css")


def test_the_login_page_has_no_warning(client):
    page = soup(client.get(LOGIN))
    assert page.select_one("#login-form") and not page.select("#idle-warning")
    assert "/static/js/admin-idle-warning.js" not in [script.get("src") for script in page.find_all("script")]


@pytest.mark.parametrize("path", ["/", "/privacy/", "/es/privacy/"])
def test_public_pages_get_no_session_and_no_vary_cookie(client, initial_content, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "cookie" not in response.get("Vary", "").lower()
    assert not response.cookies
    assert not Session.objects.exists()


def test_an_idle_session_is_ended_on_a_public_page_too(coordinator, initial_content):
    last_active(coordinator, minutes_ago=16)
    assert coordinator.get("/privacy/").status_code == 200
    assert "_auth_user_id" not in coordinator.session
    assert not Session.objects.exists()
