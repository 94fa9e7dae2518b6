"""Staff accounts: the second factor at the admin login, enrolment and recovery codes, and sessions."""

import io
import re
import time
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.contrib.sessions.models import Session
from django.contrib.staticfiles import finders
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import accounts as staff_accounts
from staff.roles import CONTENT_EDITORS
from staff.sign_in_forms import SIGN_IN_FAILED_WITH_CODE
from tests.factories import TreatmentFactory
from tests.staff.second_factor import current_code, login_with_second_factor

pytestmark = pytest.mark.django_db
ADMIN = f"/{settings.ADMIN_URL}"
LOGIN = f"{ADMIN}login/"
PASSWORD = "the-right-password-123"


@pytest.fixture
def staffer():
    user = User.objects.create_user(username="staffer", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    return user


@pytest.fixture
def enrolment(staffer):
    return staff_accounts.enrol(user=staffer)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def errors(response):
    return [note.get_text(" ", strip=True) for note in soup(response).select(".errornote, .errorlist li")]


# --- the login -------------------------------------------------------------------------------------


def test_login_page_asks_for_a_code_and_has_nothing_inline(client):
    response = client.get(LOGIN)
    page = soup(response)
    form = page.select_one("form#login-form")
    assert [field["name"] for field in form.select("input:not([type=hidden]):not([type=submit])")] == [
        "username", "password", "otp_token",
    ]  # fmt: skip
    code = form.select_one("input[name=otp_token]")
    assert page.select_one(f"label[for={code['id']}]").get_text(strip=True) == "Authentication code:"
    assert code["autocomplete"] == "one-time-code"
    help_text = page.select_one(f"#{code['aria-describedby']}")
    assert "authenticator app" in help_text.get_text() and "recovery codes" in help_text.get_text()
    assert not form.select("select")  # no device menu: the code's shape picks the device
    # Strict CSP: every script is a file, no <style> element, no style attribute.
    assert all(script.get("src") for script in page.find_all("script"))
    assert not page.find_all("style") and not page.select("[style]")
    stylesheets = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert "/static/css/admin-login.css" in stylesheets
    assert finders.find("css/admin-login.css")
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_password_alone_is_not_enough(client, enrolment):
    response = client.post(LOGIN, {"username": "staffer", "password": PASSWORD})
    assert response.status_code == 200
    assert "Please enter the code from your authenticator app (or a recovery code)." in errors(response)
    assert "_auth_user_id" not in client.session
    response = client.post(LOGIN, {"username": "staffer", "password": PASSWORD, "otp_token": "000000"})
    assert "_auth_user_id" not in client.session
    assert errors(response) == [SIGN_IN_FAILED_WITH_CODE]  # the same words as a wrong password
    assert client.get(ADMIN).status_code == 302


def test_password_and_app_code_open_the_admin(client, enrolment):
    code = current_code(enrolment.totp_device)
    response = client.post(LOGIN, {"username": "staffer", "password": PASSWORD, "otp_token": code, "next": ADMIN})
    assert response.status_code == 302 and response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200
    assert client.get(reverse("admin:clinic_legalpage_changelist")).status_code == 200


def test_a_wrong_password_with_a_right_code_gets_nowhere(client, enrolment):
    response = client.post(
        LOGIN, {"username": "staffer", "password": "wrong", "otp_token": current_code(enrolment.totp_device)}
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_each_recovery_code_works_once(client, enrolment):
    code = enrolment.recovery_codes[0]
    assert client.post(LOGIN, {"username": "staffer", "password": PASSWORD, "otp_token": code}).status_code == 302
    assert client.get(ADMIN).status_code == 200
    client.logout()
    response = client.post(LOGIN, {"username": "staffer", "password": PASSWORD, "otp_token": code})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert (
        StaticToken.objects.filter(device__user__username="staffer").count() == staff_accounts.RECOVERY_CODE_COUNT - 1
    )


def test_an_account_without_a_second_factor_cannot_sign_in_and_learns_nothing(client, staffer):
    # Saying "no second factor yet" would confirm the password to whoever typed it (README: enrol first).
    response = client.post(LOGIN, {"username": "staffer", "password": PASSWORD, "otp_token": "123456"})
    assert errors(response) == [SIGN_IN_FAILED_WITH_CODE]
    assert "_auth_user_id" not in client.session


def test_a_session_without_a_verified_second_factor_is_not_let_in(client, staffer, initial_content):
    client.force_login(staffer)  # signed in by password only, however that happened
    assert client.get(ADMIN).status_code == 302
    assert client.get(reverse("admin:clinic_legalpage_changelist")).status_code == 302
    draft = TreatmentFactory(slug="draft-idea", is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404  # no draft previews either
    login_with_second_factor(client, staffer)
    assert client.get(ADMIN).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_without_the_requirement_the_password_is_enough(client, staffer, settings):
    settings.ADMIN_REQUIRE_2FA = False
    assert not soup(client.get(LOGIN)).select("input[name=otp_token]")
    assert client.post(LOGIN, {"username": "staffer", "password": PASSWORD}).status_code == 302
    assert client.get(ADMIN).status_code == 200


# --- enrolment --------------------------------------------------------------------------------------


def enrol(*args):
    output = io.StringIO()
    call_command("enrol_staff_2fa", *args, stdout=output)
    return output.getvalue()


def test_enrol_command_prints_the_app_link_a_qr_code_and_ten_recovery_codes(client, staffer):
    output = enrol("staffer")
    (url,) = re.findall(r"otpauth://totp/\S+", output)
    parsed = urlparse(url)
    assert "staffer" in parsed.path
    assert parse_qs(parsed.query)["issuer"] == ["Resilience Integrative Wellness"]
    device = TOTPDevice.objects.get(user=staffer)
    assert parse_qs(parsed.query)["secret"] == [device.config_url.split("secret=")[1].split("&")[0]]
    qr_rows = [line for line in output.splitlines() if line.startswith("█")]  # the terminal QR code, in half blocks
    assert len(qr_rows) > 20 and len({len(row) for row in qr_rows}) == 1
    assert "\n\n" not in output[output.index(qr_rows[0]) : output.index(qr_rows[-1])]  # no gaps between its rows
    codes = re.findall(r"^   ([a-z2-7]{8})$", output, flags=re.MULTILINE)
    assert len(set(codes)) == 10
    assert set(StaticToken.objects.filter(device__user=staffer).values_list("token", flat=True)) == set(codes)
    # What the app then shows signs in.
    assert (
        client.post(LOGIN, {"username": "staffer", "password": PASSWORD, "otp_token": current_code(device)}).status_code
        == 302
    )


def test_enrolling_again_needs_reset_and_reset_cancels_the_lost_phone(client, staffer):
    enrol("staffer", "--no-qr")
    old_device = TOTPDevice.objects.get(user=staffer)
    old_codes = list(StaticToken.objects.filter(device__user=staffer).values_list("token", flat=True))
    client.post(LOGIN, {"username": "staffer", "password": PASSWORD, "otp_token": current_code(old_device)})
    assert client.get(ADMIN).status_code == 200

    with pytest.raises(CommandError, match="--reset"):
        enrol("staffer")
    assert TOTPDevice.objects.get(user=staffer) == old_device

    output = enrol("staffer", "--reset", "--no-qr")
    assert "replaced" in output
    new_device = TOTPDevice.objects.get(user=staffer)
    assert new_device.key != old_device.key
    assert client.get(ADMIN).status_code == 302, "a session verified by the lost phone is no longer verified"
    other = Client()
    assert (
        other.post(LOGIN, {"username": "staffer", "password": PASSWORD, "otp_token": old_codes[0]}).status_code == 200
    )
    assert (
        other.post(
            LOGIN, {"username": "staffer", "password": PASSWORD, "otp_token": current_code(new_device)}
        ).status_code
        == 302
    )


def test_enrol_refuses_unknown_and_non_staff_users(db):
    User.objects.create_user(username="patient-portal", password=PASSWORD)
    with pytest.raises(CommandError, match="No user"):
        enrol("nobody")
    with pytest.raises(CommandError, match="not a staff account"):
        enrol("patient-portal")
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()


# --- sessions --------------------------------------------------------------------------------------


def test_staff_sessions_end_with_the_browser_and_within_eight_hours(client, staffer, enrolment):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    response = client.post(
        LOGIN, {"username": "staffer", "password": PASSWORD, "otp_token": current_code(enrolment.totp_device)}
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    assert 0 < client.session.get_expiry_age() <= 8 * 60 * 60


@pytest.mark.parametrize(("minutes_ago", "still_signed_in"), [(8 * 60 - 1, True), (8 * 60 + 1, False)])
def test_eight_hours_after_sign_in_the_session_ends_however_busy(client, staffer, minutes_ago, still_signed_in):
    login_with_second_factor(client, staffer)
    session = client.session
    session[staff_accounts.SIGNED_IN_AT_SESSION_KEY] = int(time.time()) - minutes_ago * 60
    session.save()
    assert (client.get(ADMIN).status_code == 200) is still_signed_in
    assert ("_auth_user_id" in client.session) is still_signed_in


def sessions_of(user):
    return [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)]


def test_a_superuser_signs_a_staff_member_out_everywhere(staffer):
    laptop, phone = login_with_second_factor(Client(), staffer), login_with_second_factor(Client(), staffer)
    colleague = User.objects.create_user(username="colleague", password=PASSWORD, is_staff=True)
    colleague.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    colleague_client = login_with_second_factor(Client(), colleague)
    boss = login_with_second_factor(Client(), User.objects.create_superuser("boss", "boss@example.com", PASSWORD))
    assert len(sessions_of(staffer)) == 2

    changelist = reverse("admin:auth_user_changelist")
    actions = soup(boss.get(changelist)).select("select[name=action] option")
    assert "Sign out of all sessions" in [option.get_text(strip=True) for option in actions]
    response = boss.post(changelist, {"action": "sign_out_everywhere", "_selected_action": [staffer.pk]}, follow=True)
    (message,) = [message.message for message in response.context["messages"]]
    assert message.startswith("Signed 1 user(s) out of 2 session(s).")

    assert sessions_of(staffer) == []
    for client in (laptop, phone):
        assert client.get(ADMIN).status_code == 302
    assert colleague_client.get(ADMIN).status_code == 200
    assert boss.get(ADMIN).status_code == 200


def test_only_superusers_can_sign_others_out(staffer):
    manager = User.objects.create_user(username="manager", password=PASSWORD, is_staff=True)
    manager.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user"]))
    manager_client = login_with_second_factor(Client(), manager)
    staffer_client = login_with_second_factor(Client(), staffer)
    changelist = reverse("admin:auth_user_changelist")
    response = manager_client.get(changelist)
    assert response.status_code == 200
    assert "Sign out of all sessions" not in [
        option.get_text(strip=True) for option in soup(response).select("select[name=action] option")
    ]
    manager_client.post(changelist, {"action": "sign_out_everywhere", "_selected_action": [staffer.pk]})
    assert staffer_client.get(ADMIN).status_code == 200


def test_public_pages_stay_cookie_free_for_visitors(client, initial_content):
    response = client.get("/privacy/")
    assert "Cookie" not in response.get("Vary", "")
    assert settings.SESSION_COOKIE_NAME not in response.cookies
