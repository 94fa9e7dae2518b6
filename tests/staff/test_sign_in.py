"""The staff sign-in gives nothing away: one answer for every wrong part, wrong codes locked out like
wrong passwords, IPv6 counted per /64, and a per-account delay across addresses that never locks a
colleague out at their own browser."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client

from staff import accounts as staff_accounts
from staff import sign_in_limits
from staff.roles import CONTENT_EDITORS
from staff.sign_in_forms import ACCOUNT_WAIT, CODE_REQUIRED, SIGN_IN_FAILED_WITH_CODE
from tests.markup import soup
from tests.staff.second_factor import current_code

pytestmark = pytest.mark.django_db
ADMIN = f"/{settings.ADMIN_URL}"
LOGIN = f"{ADMIN}login/"
PASSWORD = "the-right-password-123"


@pytest.fixture
def enrolment():
    user = User.objects.create_user(username="staffer", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    return staff_accounts.enrol(user=user)


def right(enrolment):
    return {"username": "staffer", "password": PASSWORD, "otp_token": current_code(enrolment.totp_device)}


def wrong_code(enrolment):
    return {
        "username": "staffer",
        "password": PASSWORD,
        "otp_token": f"{(int(current_code(enrolment.totp_device)) + 500_000) % 1_000_000:06d}",
    }


def answer(response):
    """What a failed sign-in shows: status, every error, and what the form types back into each field."""
    page = soup(response)
    form = page.select_one("form#login-form")
    return {
        "status": response.status_code,
        "errors": [node.get_text(" ", strip=True) for node in page.select(".errornote, .errorlist li")],
        "typed back": {
            field["name"]: field.get("value")
            for field in form.select("input[name]")
            if field["name"] not in ("csrfmiddlewaretoken", "username")
        },
    }


def failures_counted(address="127.0.0.1"):
    return sum(AccessAttempt.objects.filter(ip_address=address).values_list("failures_since_start", flat=True))


def test_every_wrong_part_gets_the_same_answer_and_is_counted_the_same(enrolment):
    User.objects.create_user(username="no-staff", password=PASSWORD)
    User.objects.create_user(username="retired", password=PASSWORD, is_staff=True, is_active=False)
    unenrolled = User.objects.create_user(username="new-colleague", password=PASSWORD, is_staff=True)
    used_code = enrolment.recovery_codes[0]
    assert (
        Client().post(LOGIN, {"username": "staffer", "password": PASSWORD, "otp_token": used_code}).status_code == 302
    )
    attempts = {
        "unknown username": {"username": "nobody", "password": PASSWORD, "otp_token": "123456"},
        "wrong password": {"username": "staffer", "password": "wrong-password", "otp_token": "123456"},
        "wrong password, right code": {**right(enrolment), "password": "wrong-password"},
        "right password, wrong code": wrong_code(enrolment),
        "right password, used recovery code": {"username": "staffer", "password": PASSWORD, "otp_token": used_code},
        "right password, unknown recovery code": {"username": "staffer", "password": PASSWORD, "otp_token": "abcdefgh"},
        "not a staff account": {"username": "no-staff", "password": PASSWORD, "otp_token": "123456"},
        "inactive account": {"username": "retired", "password": PASSWORD, "otp_token": "123456"},
        "no second factor yet": {"username": unenrolled.username, "password": PASSWORD, "otp_token": "123456"},
    }
    answers = {}
    for number, (what, data) in enumerate(attempts.items()):
        address = f"198.51.100.{number + 1}"  # each from its own address, so no lockout interferes
        client = Client(REMOTE_ADDR=address)
        answers[what] = answer(client.post(LOGIN, data))
        assert "_auth_user_id" not in client.session, what
        assert failures_counted(address) == 1, f"{what}: counted by django-axes like any failure"
    for what, data in attempts.items():
        assert answers[what] == {
            "status": 200,
            "errors": [SIGN_IN_FAILED_WITH_CODE],
            "typed back": {"password": None, "otp_token": data["otp_token"], "next": ADMIN},
        }, what  # the password is never typed back, right or wrong
    assert "recovery code works only once" in SIGN_IN_FAILED_WITH_CODE  # the right words for a reused code too


def test_an_empty_code_is_asked_for_without_checking_the_password(enrolment):
    right_password = answer(Client().post(LOGIN, {"username": "staffer", "password": PASSWORD}))
    wrong_password = answer(Client().post(LOGIN, {"username": "staffer", "password": "wrong-password"}))
    assert right_password == wrong_password
    assert right_password["errors"] == ["Please correct the error below.", CODE_REQUIRED]
    assert failures_counted() == 0


def test_wrong_codes_count_toward_the_lockout(client, enrolment):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(LOGIN, wrong_code(enrolment)).status_code == 200
    assert client.post(LOGIN, wrong_code(enrolment)).status_code == 429
    response = client.post(LOGIN, right(enrolment))
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    assert Client(REMOTE_ADDR="203.0.113.9").post(LOGIN, right(enrolment)).status_code == 302  # elsewhere: fine


def test_the_code_typed_is_never_stored_with_a_failed_attempt(client, enrolment):
    client.post(LOGIN, {**right(enrolment), "password": "wrong-password"})
    (attempt,) = AccessAttempt.objects.all()
    assert current_code(enrolment.totp_device) not in attempt.post_data
    assert "otp_token=********************" in attempt.post_data


def test_ipv6_failures_are_counted_per_64_network(enrolment):
    for host in range(1, settings.AXES_FAILURE_LIMIT + 1):
        # Every address of a /64 is one subscriber's: a new address each try does not escape the count.
        Client(REMOTE_ADDR=f"2001:db8:1:2::{host:x}").post(LOGIN, wrong_code(enrolment))
    response = Client(REMOTE_ADDR="2001:db8:1:2:ffff::1").post(LOGIN, right(enrolment))
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "2001:db8:1:2::"
    # The neighbouring /64 is someone else.
    assert Client(REMOTE_ADDR="2001:db8:1:3::1").post(LOGIN, right(enrolment)).status_code == 302


# --- one account guessed from many addresses ------------------------------------------------------


@pytest.fixture
def clock(monkeypatch):
    """The delay's clock, moved by hand (no test waits for real time to pass)."""
    moment = {"now": 1_800_000_000.0}
    monkeypatch.setattr(sign_in_limits, "now", lambda: moment["now"])
    return moment


@pytest.fixture
def three_free_failures(settings):
    settings.STAFF_ACCOUNT_FREE_FAILURES = 3
    settings.STAFF_ACCOUNT_MAX_DELAY_SECONDS = 60


def fail_from_many_addresses(username, count, *, first=1):
    for number in range(first, first + count):
        response = Client(REMOTE_ADDR=f"192.0.2.{number}").post(
            LOGIN, {"username": username, "password": "wrong-password", "otp_token": "123456"}
        )
        assert response.status_code == 200  # each address failed once: django-axes locks nobody


def test_after_free_failures_across_addresses_each_try_waits_longer(enrolment, clock, three_free_failures):
    fail_from_many_addresses("staffer", 3)
    stranger = Client(REMOTE_ADDR="198.51.100.200")
    response = stranger.post(LOGIN, right(enrolment))
    assert response.status_code == 429 and response["Retry-After"] == "1"
    assert answer(response)["errors"] == [ACCOUNT_WAIT.format(seconds=1)]
    assert "_auth_user_id" not in stranger.session
    assert failures_counted("198.51.100.200") == 0  # not checked, so not counted either

    clock["now"] += 1
    fail_from_many_addresses("staffer", 1, first=10)
    assert stranger.post(LOGIN, right(enrolment))["Retry-After"] == "2"  # twice as long after each failure
    clock["now"] += 2
    fail_from_many_addresses("staffer", 1, first=11)
    assert stranger.post(LOGIN, right(enrolment))["Retry-After"] == "4"

    clock["now"] += 4  # the wait is over: a right sign-in passes and clears the account's count
    assert stranger.post(LOGIN, right(enrolment)).status_code == 302
    assert sign_in_limits.seconds_to_wait(username="staffer", request=Client().get(LOGIN).wsgi_request) == 0


def test_the_delay_never_grows_past_its_maximum(settings):
    settings.STAFF_ACCOUNT_FREE_FAILURES, settings.STAFF_ACCOUNT_MAX_DELAY_SECONDS = 10, 300
    assert [sign_in_limits.delay_after(failures) for failures in (0, 9, 10, 11, 12, 18, 19, 500)] == [
        0, 0, 1, 2, 4, 256, 300, 300,
    ]  # fmt: skip


def test_a_colleague_at_their_own_browser_is_never_kept_out(enrolment, clock, three_free_failures):
    colleague = Client(REMOTE_ADDR="203.0.113.50")
    assert colleague.post(LOGIN, right(enrolment)).status_code == 302
    assert settings.STAFF_KNOWN_BROWSER_COOKIE in colleague.cookies
    colleague.post(f"{ADMIN}logout/")  # signing out keeps the browser known
    assert "_auth_user_id" not in colleague.session
    # A stranger keeps failing from many addresses, with the delay at its maximum.
    for number in range(12):
        clock["now"] += settings.STAFF_ACCOUNT_MAX_DELAY_SECONDS
        fail_from_many_addresses("staffer", 1, first=number + 1)
    assert sign_in_limits.delay_after(12) == settings.STAFF_ACCOUNT_MAX_DELAY_SECONDS
    assert Client(REMOTE_ADDR="198.51.100.200").post(LOGIN, right(enrolment)).status_code == 429
    # (A recovery code: the app's code of this 30 seconds was used once already, and works once.)
    response = colleague.post(LOGIN, {**right(enrolment), "otp_token": enrolment.recovery_codes[0]})
    assert response.status_code == 302 and colleague.session["_auth_user_id"]


def test_the_known_browser_cookie_cannot_be_forged(enrolment, clock, three_free_failures):
    fail_from_many_addresses("staffer", 3)
    forger = Client(REMOTE_ADDR="198.51.100.200")
    forger.cookies[settings.STAFF_KNOWN_BROWSER_COOKIE] = f'["{sign_in_limits.account_key("staffer")}"]'
    assert forger.post(LOGIN, right(enrolment)).status_code == 429


def test_an_unknown_username_is_delayed_alike_so_the_delay_reveals_no_account(enrolment, clock, three_free_failures):
    fail_from_many_addresses("staffer", 3)
    fail_from_many_addresses("nobody", 3, first=20)
    known = Client(REMOTE_ADDR="198.51.100.200").post(LOGIN, {**right(enrolment), "password": "x"})
    unknown = Client(REMOTE_ADDR="198.51.100.201").post(LOGIN, {**right(enrolment), "username": "nobody"})
    assert answer(known) == answer(unknown) and known.status_code == 429
