"""Staff enrolment in the browser: the one-time link, the member's steps, resets and recovery codes (database tests;
the whole journey in Chromium is tests/staff/test_enrolment_browser.py)."""

import hashlib
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from access_record.models import AccessEntry
from outbox.models import OutgoingEmail
from staff import accounts, forms, services
from staff.models import EnrolmentLink, UsedRecoveryCode
from staff.roles import CONTENT_EDITORS, INTAKE_COORDINATORS, ROLE_DESCRIPTIONS
from staff.sign_in_forms import SIGN_IN_FAILED_WITH_CODE
from tests.markup import soup, text
from tests.staff.second_factor import code_from_key, current_code, login_with_second_factor

pytestmark = pytest.mark.django_db
ADMIN = f"/{settings.ADMIN_URL}"
LOGIN = f"{ADMIN}login/"
ENROL = reverse("staff_enrol")
PASSWORD = "a-long-new-password-42"
ADDRESS = "203.0.113.9"


@pytest.fixture
def member():
    user = User.objects.create_user(
        username="nia", first_name="Nia", email="nia@example.org", is_staff=True, password=None
    )
    user.groups.add(Group.objects.get(name=INTAKE_COORDINATORS))
    return user


@pytest.fixture
def boss(staff_client):
    return staff_client(superuser=True)


def issue(user, by=None):
    return services.issue_enrolment_link(user=user, by=by, base_url="http://testserver/")


def path_of(issued_or_url):
    return urlparse(getattr(issued_or_url, "url", issued_or_url)).path


def errors(response):
    return [text(node) for node in soup(response).select(".errornote, .errorlist li")]


def choose_password(client, link, password=PASSWORD):
    """Open the link (an IssuedLink or its address) and choose a password; returns the key the app step shows."""
    assert client.get(path_of(link)).status_code == 302
    response = client.post(ENROL, {"step": "password", "new_password1": password, "new_password2": password})
    assert response.status_code == 302 and response["Location"] == ENROL, errors(response)
    return soup(client.get(ENROL)).select_one("#enrolment-key").get_text()


def enrol(client, link):
    """The member's whole enrolment: password, then the app's code; returns (key, recovery codes)."""
    key = choose_password(client, link)
    response = client.post(ENROL, {"step": "app", "code": code_from_key(key)}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    return key, [code.get_text() for code in soup(response).select(".recovery-codes code")]


def sign_in(client, code, username="nia", password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password, "otp_token": code, "next": ADMIN})


# --- the link --------------------------------------------------------------------------------------------


def test_a_link_is_stored_only_as_a_hash_works_24_hours_and_is_emailed_through_the_outbox(member):
    before = timezone.now()
    issued = issue(member)
    token = path_of(issued).rstrip("/").rsplit("/", 1)[1]
    assert issued.url == f"http://testserver{ADMIN}enrol/{token}/" and len(token) >= 40
    link = EnrolmentLink.objects.get(user=member)
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not [field for field in EnrolmentLink._meta.concrete_fields if token in str(field.value_from_object(link))]
    assert timedelta(hours=24) <= link.expires_at - before <= timedelta(hours=24, seconds=5)
    email = OutgoingEmail.objects.get(purpose="staff.enrolment")
    assert (email.recipient, email.status) == ("nia@example.org", OutgoingEmail.Status.PENDING)
    assert issued.url in email.body and "nia" in email.body and "24 hours" in email.body
    assert issued.emailed_to == "nia@example.org"
    member.refresh_from_db()
    assert not member.has_usable_password()  # chosen with the link


def test_opening_the_link_changes_nothing_and_leads_to_an_address_without_the_token(client, member):
    issued = issue(member)
    response = client.get(path_of(issued))
    assert response.status_code == 302 and response["Location"] == ENROL
    assert "no-store" in response["Cache-Control"]
    link = EnrolmentLink.objects.get(user=member)
    assert link.used_at is None and not TOTPDevice.objects.filter(user=member).exists()
    page = client.get(ENROL)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    fields = soup(page).select("#enrolment-form input:not([type=hidden]):not([type=submit])")
    assert [field["name"] for field in fields] == ["username", "new_password1", "new_password2"]
    assert soup(page).select_one("input[name=username]")["autocomplete"] == "username"  # for password managers


@pytest.mark.parametrize(
    ("what", "status", "heading"),
    [
        ("unknown", 404, "This link does not work"),
        ("replaced", 404, "This link does not work"),
        ("expired", 410, "This link has expired"),
        ("used", 410, "This link has been used"),
    ],
)
def test_a_link_that_no_longer_works_says_why(client, member, what, status, heading):
    issued = issue(member)
    path = path_of(issued)
    if what == "unknown":
        path = f"{ADMIN}enrol/not-a-real-token/"
    elif what == "replaced":
        issue(member)
    elif what == "expired":
        EnrolmentLink.objects.filter(user=member).update(expires_at=timezone.now() - timedelta(seconds=1))
    elif what == "used":
        enrol(Client(), issued)
    response = client.get(path)
    assert response.status_code == status
    assert text(soup(response).select_one("h1")) == heading
    assert "staff_enrolment" not in client.session


def test_a_link_that_expires_while_the_page_is_open_stops_there(client, member):
    issued = issue(member)
    key = choose_password(client, issued)
    EnrolmentLink.objects.filter(user=member).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(ENROL, {"step": "app", "code": code_from_key(key)})
    assert response.status_code == 410 and text(soup(response).select_one("h1")) == "This link has expired"
    assert not accounts.has_second_factor(user=member)


# --- the member's steps --------------------------------------------------------------------------------


def test_a_new_member_enrols_and_signs_in_with_an_app_code_and_with_a_recovery_code(member):
    member_browser = Client()
    key, codes = enrol(member_browser, issue(member))
    assert len(set(codes)) == accounts.RECOVERY_CODE_COUNT
    device = TOTPDevice.objects.get(user=member)
    assert device.confirmed and accounts.has_second_factor(user=member)
    assert set(StaticToken.objects.filter(device__user=member).values_list("token", flat=True)) == set(codes)
    assert EnrolmentLink.objects.get(user=member).used_at is not None
    assert "staff_enrolment" not in member_browser.session
    assert member_browser.get(ENROL).status_code == 404  # the codes are shown once: nothing to go back to

    # Production requires the second factor (the test settings run in production mode).
    assert settings.ADMIN_REQUIRE_2FA
    assert sign_in(Client(), code_from_key(key, steps_ahead=1)).status_code == 302
    by_recovery = Client()
    response = sign_in(by_recovery, codes[0].upper())  # typed in capitals: still the code
    assert response.status_code == 302 and by_recovery.get(ADMIN).status_code == 200
    assert sign_in(Client(), codes[0]).status_code == 200  # once only


def test_the_password_follows_the_site_s_rules_and_a_wrong_code_is_refused_with_what_went_wrong(client, member):
    issued = issue(member)
    client.get(path_of(issued))
    response = client.post(ENROL, {"step": "password", "new_password1": "short", "new_password2": "short"})
    assert "This password is too short. It must contain at least 12 characters." in errors(response)
    assert not User.objects.get(pk=member.pk).has_usable_password()

    key = choose_password(client, issued)
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    right = code_from_key(key)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for typed, message in [
        (wrong, forms.APP_CODE_WRONG),
        ("5poujmdf", forms.NOT_AN_APP_CODE),
        ("1234", forms.APP_CODE_SHAPE),
    ]:
        response = client.post(ENROL, {"step": "app", "code": typed})
        assert response.status_code == 200 and message in errors(response), typed
        assert soup(response).select_one("#enrolment-key").get_text() == key  # the same secret, to try again
    device.refresh_from_db()
    assert not device.confirmed and not StaticDevice.objects.filter(user=member).exists()
    assert EnrolmentLink.objects.get(user=member).used_at is None
    assert client.post(ENROL, {"step": "app", "code": code_from_key(key)}).status_code == 200
    assert accounts.has_second_factor(user=member)


def test_the_app_step_shows_the_secret_as_a_qr_image_and_a_key_with_nothing_inline(client, member):
    key = choose_password(client, issue(member))
    response = client.get(ENROL)
    page = soup(response)
    qr = page.select_one("img.enrolment-qr")
    assert qr["src"].startswith("data:image/svg+xml") and "type the key" in qr["alt"]
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    assert "".join(key.split()) == device.config_url.split("secret=")[1].split("&")[0]
    assert [link["href"] for link in page.select("a[href^='otpauth://']")] == [device.config_url]
    assert all(script.get("src") for script in page.find_all("script"))
    assert not page.find_all("style") and not page.select("[style]")
    assert "img-src 'self' data:" in response["Content-Security-Policy"]


def test_in_another_browser_the_password_chosen_with_the_link_goes_on_and_guessing_ends_the_link(member):
    issued = issue(member)
    first_key = choose_password(Client(), issued)
    other = Client()
    other.get(path_of(issued))
    page = soup(other.get(ENROL))
    assert page.select_one("input[name=password]")["autocomplete"] == "current-password"
    response = other.post(ENROL, {"step": "password", "password": "not-the-one-chosen"})
    assert "That is not the password you chose with this link. 4 tries left before the link stops working." in errors(
        response
    )
    assert other.post(ENROL, {"step": "password", "password": PASSWORD}).status_code == 302
    second_key = soup(other.get(ENROL)).select_one("#enrolment-key").get_text()
    assert second_key != first_key  # a fresh secret; the one shown in the first browser is gone
    assert TOTPDevice.objects.filter(user=member, confirmed=False).count() == 1

    guesser = Client()
    guesser.get(path_of(issued))
    guesses = [guesser.post(ENROL, {"step": "password", "password": "guess-guess-guess"}) for _ in range(4)]
    assert [guess.status_code for guess in guesses] == [200, 200, 200, 404]  # 1 wrong above, 4 here: the link ends
    assert "1 try left before the link stops working." in errors(guesses[2])[-1]
    assert not EnrolmentLink.objects.filter(user=member).exists()
    assert guesser.get(ENROL).status_code == 404 and other.get(ENROL).status_code == 404


def test_the_enrolment_is_in_the_access_record_under_the_member(member):
    start = AccessEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    enrol(Client(), issue(member))
    (entry,) = AccessEntry.objects.filter(id__gt=start)
    assert (entry.action, entry.staff_id, entry.model, entry.object_id, entry.address) == (
        "second_factor_set_up", member.pk, "auth.user", str(member.pk), ADDRESS,
    )  # fmt: skip


# --- the administrator -----------------------------------------------------------------------------------


def add_form(**changes):
    return {
        "username": "nia",
        "first_name": "Nia",
        "last_name": "Lopez",
        "email": "nia@example.org",
        "groups": [Group.objects.get(name=CONTENT_EDITORS).pk],
        "_save": "Save",
        **changes,
    }


def test_an_administrator_adds_a_member_and_gets_the_link_once(boss):
    add = reverse("admin:auth_user_add")
    page = soup(boss.get(add))
    assert page.select_one("h1").get_text() == "Add a staff member"
    assert not page.select("input[name=password1], input[name=_addanother], input[name=_continue]")
    response = boss.post(add, add_form())
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    user = User.objects.get(username="nia")
    assert user.is_staff and not user.is_superuser and not user.has_usable_password()
    assert [group.name for group in user.groups.all()] == [CONTENT_EDITORS]
    url = soup(response).select_one("#enrolment-link").get_text()
    assert (
        hashlib.sha256(url.rstrip("/").rsplit("/", 1)[1].encode()).hexdigest() == user.enrolment_links.get().token_hash
    )
    assert "It is being emailed to nia@example.org." in text(soup(response))
    assert url in OutgoingEmail.objects.get(purpose="staff.enrolment").body
    assert LogEntry.objects.filter(object_id=str(user.pk), change_message="Sent an enrolment link").exists()
    assert url not in boss.get(reverse("admin:auth_user_change", args=[user.pk])).content.decode()  # shown once


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"groups": []}, "groups", "Choose at least one role (or make the person an administrator)."),
        ({"email": ""}, "email", "This field is required."),
        ({"username": "Boss"}, "username", "There is already a staff member with this username."),
    ],
)
def test_adding_a_member_needs_a_role_an_email_and_a_new_username(boss, changes, field, message):
    response = boss.post(reverse("admin:auth_user_add"), add_form(**changes))
    assert response.status_code == 200 and message in response.context["adminform"].form.errors[field]
    assert not User.objects.filter(username__in=["nia", "Boss"]).exists()


def test_only_administrators_send_links_and_reset(member):
    manager = User.objects.create_user(username="manager", password="a-long-test-password", is_staff=True)
    manager.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user", "add_user"]))
    client = login_with_second_factor(Client(), manager)
    for name in ("admin:auth_user_enrolment_link", "admin:auth_user_second_factor_reset"):
        assert client.get(reverse(name, args=[member.pk])).status_code == 403
        assert client.post(reverse(name, args=[member.pk])).status_code == 403
    assert not EnrolmentLink.objects.exists()
    page = soup(client.get(reverse("admin:auth_user_change", args=[member.pk])))
    assert not page.select(".object-tools a[href*=enrolment-link], .object-tools a[href*=second-factor]")
    add = reverse("admin:auth_user_add")
    assert not soup(client.get(add)).select("[name=is_superuser]")  # only an administrator makes administrators
    response = client.post(add, add_form(username="other", is_superuser="on"), follow=True)
    assert "Ask an administrator to send their enrolment link." in [str(m) for m in response.context["messages"]]
    assert not EnrolmentLink.objects.exists() and not User.objects.get(username="other").is_superuser


def test_an_administrator_resets_a_second_factor_signing_the_person_out_everywhere(boss, member):
    key, codes = enrol(Client(), issue(member))
    laptop, phone = Client(), Client()
    for client in (laptop, phone):
        assert sign_in(client, codes.pop()).status_code == 302
    start = AccessEntry.objects.order_by("-id").values_list("id", flat=True).first()
    change = reverse("admin:auth_user_change", args=[member.pk])
    reset = reverse("admin:auth_user_second_factor_reset", args=[member.pk])
    assert [link["href"] for link in soup(boss.get(change)).select(".object-tools a")][0] == reset
    assert "Their authenticator app and every recovery code stop working at once" in text(soup(boss.get(reset)))

    response = boss.post(reset, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=member).exists() and not StaticDevice.objects.filter(user=member).exists()
    for client in (laptop, phone):
        assert client.get(ADMIN).status_code == 302
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(member.pk)]
    recorded = [
        (e.action, e.staff_username, e.object_id, e.address)
        for e in AccessEntry.objects.filter(id__gt=start).order_by("id")
    ]
    assert recorded == [
        ("second_factor_reset", "boss", str(member.pk), ADDRESS),
        ("sign_out_everywhere", "boss", str(member.pk), ADDRESS),
    ]
    assert sign_in(Client(), code_from_key(key, steps_ahead=1)).status_code == 200  # the lost phone is useless
    assert [str(m) for m in response.context["messages"]] == [
        "The second factor of nia was reset, and they were signed out of 2 sessions."
    ]
    # A new link, shown and emailed, with which they set up their new phone.
    url = soup(response).select_one("#enrolment-link").get_text()
    assert url in OutgoingEmail.objects.filter(purpose="staff.enrolment").order_by("-id").first().body
    new_key, _ = enrol(Client(), url)
    assert sign_in(Client(), code_from_key(new_key, steps_ahead=1)).status_code == 302


def test_an_administrator_cannot_reset_their_own_second_factor_here(boss):
    me = User.objects.get(username="boss")
    response = boss.post(reverse("admin:auth_user_second_factor_reset", args=[me.pk]), follow=True)
    assert "You cannot do this to your own account here" in str(list(response.context["messages"])[0])
    assert boss.get(ADMIN).status_code == 200


def test_a_new_link_for_someone_not_yet_enrolled_replaces_the_old(boss, member):
    old = issue(member)
    send = reverse("admin:auth_user_enrolment_link", args=[member.pk])
    change = reverse("admin:auth_user_change", args=[member.pk])
    assert [link.get_text() for link in soup(boss.get(change)).select(".object-tools a")][
        0
    ] == "Send a new enrolment link"
    response = boss.post(send)
    assert Client().get(path_of(old)).status_code == 404
    new_path = urlparse(soup(response).select_one("#enrolment-link").get_text()).path
    assert Client().get(new_path).status_code == 302
    enrol(Client(), new_path)
    response = boss.post(send, follow=True)
    assert "They already have a second factor: reset it first." in [str(m) for m in response.context["messages"]]


# --- what the administrator reads ------------------------------------------------------------------------


def test_the_user_list_shows_who_has_a_second_factor(boss, member):
    enrolled = User.objects.create_user(username="kim", password="x-long-password-1", is_staff=True)
    accounts.enrol(user=enrolled)
    changelist = reverse("admin:auth_user_changelist")
    page = soup(boss.get(changelist))
    assert page.select_one("h1").get_text() == "Staff members"
    column = [th.get_text(strip=True) for th in page.select("#result_list thead th")].index("Second factor")
    rows = {
        row.select_one("th a").get_text(): row.select("td, th")[column].select_one("img")["alt"]
        for row in page.select("#result_list tbody tr")
    }
    assert rows["kim"] == "True" and rows["nia"] == "False"
    not_set_up = soup(boss.get(changelist, {"second_factor": "no"}))
    assert "nia" in [a.get_text() for a in not_set_up.select("#result_list tbody th a")]
    assert "kim" not in [a.get_text() for a in not_set_up.select("#result_list tbody th a")]
    issue(member)
    status = text(
        soup(boss.get(reverse("admin:auth_user_change", args=[member.pk]))).select_one(".field-second_factor")
    )
    assert "Not set up yet. An enrolment link was sent" in status and "They cannot sign in until it is." in status


def test_a_user_page_offers_the_roles_in_plain_words_and_folds_away_raw_permissions(boss, member):
    change = reverse("admin:auth_user_change", args=[member.pk])
    page = soup(boss.get(change))
    roles = page.select("input[name=groups]")
    assert len(roles) == Group.objects.count() == 4
    for role in roles:
        label = page.select_one(f"label[for={role['id']}]").get_text(strip=True)
        description = page.select_one(f"#{role['aria-describedby']}").get_text(strip=True)
        assert description == ROLE_DESCRIPTIONS[label]
    assert not page.select("select[name=groups]")
    advanced = page.select_one("select[name=user_permissions]").find_parent("details")
    assert advanced is not None and not advanced.has_attr("open")  # folded away, for superusers only

    manager = User.objects.create_user(username="manager", password="a-long-test-password", is_staff=True)
    manager.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user"]))
    page = soup(login_with_second_factor(Client(), manager).get(change))
    assert page.select("input[name=groups]") and not page.select("[name=user_permissions]")


def test_the_admin_home_names_everything_in_plain_words(boss):
    page = soup(boss.get(ADMIN))
    apps = {
        text(table.select_one("caption")): [text(row.select_one("th")) for row in table.select("tr[class^=model-]")]
        for table in page.select("#content-main .module table:has(caption)")
    }
    assert apps["Staff accounts"] == ["Roles", "Staff members"]
    assert apps["Sign-in lockouts"] == ["Failed sign-ins by address"]
    every_word = " ".join(apps) + " " + " ".join(name for names in apps.values() for name in names)
    for raw in ("Otp", "TOTP", "Static devices", "Axes", "Tasks Database Backend", "Task Results", "Authentication"):
        assert raw not in every_word, raw


def test_roles_are_read_only_and_say_what_they_do(boss):
    editors = Group.objects.get(name=CONTENT_EDITORS)
    page = soup(boss.get(reverse("admin:auth_group_change", args=[editors.pk])))
    assert ROLE_DESCRIPTIONS[CONTENT_EDITORS] in text(page)
    assert not page.select_one("#content").select("select, input[type=submit]")  # the header's search aside
    assert boss.post(reverse("admin:auth_group_change", args=[editors.pk]), {"name": "x"}).status_code == 403


# --- recovery codes: what happened, said where the password is proven -------------------------------------


def test_a_recovery_code_sign_in_says_how_many_are_left(member):
    _, codes = enrol(Client(), issue(member))
    client = Client()
    response = client.post(LOGIN, {"username": "nia", "password": PASSWORD, "otp_token": codes[0]}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "You signed in with a recovery code, so that code will not work again. You have 9 recovery codes left; "
        "you can make a new set under “Your second factor”."
    ]
    assert UsedRecoveryCode.objects.filter(device__user=member).count() == 1


def test_the_own_second_factor_page_tells_a_used_recovery_code_from_a_wrong_one_and_makes_new_codes(member):
    key, codes = enrol(Client(), issue(member))
    client = Client()
    assert sign_in(client, codes[0]).status_code == 302
    page = reverse("admin:own_second_factor")
    assert "You have 9 recovery codes left." in text(soup(client.get(page)))
    answers = {
        codes[0]: forms.SIGNED_IN_CODE_ANSWERS[services.CodeCheck.RECOVERY_CODE_USED],
        "zzzzzzzz": forms.SIGNED_IN_CODE_ANSWERS[services.CodeCheck.RECOVERY_CODE_UNKNOWN],
        f"{(int(code_from_key(key, steps_ahead=1)) + 1) % 1_000_000:06d}": forms.SIGNED_IN_CODE_ANSWERS[
            services.CodeCheck.APP_CODE_WRONG
        ],
        "": forms.ANY_CODE_REQUIRED,
    }
    for typed, message in answers.items():
        response = client.post(page, {"code": typed})
        assert errors(response)[1:] == [message], typed
    # The sign-in itself still answers a used recovery code like anything else wrong.
    assert errors(sign_in(Client(), codes[0])) == [SIGN_IN_FAILED_WITH_CODE]

    start = AccessEntry.objects.order_by("-id").values_list("id", flat=True).first()
    response = client.post(page, {"code": code_from_key(key, steps_ahead=1)}, REMOTE_ADDR=ADDRESS)
    new_codes = [code.get_text() for code in soup(response).select(".recovery-codes code")]
    assert len(set(new_codes)) == 10 and not set(new_codes) & set(codes)
    assert client.get(ADMIN).status_code == 200  # still signed in: the recovery-code device was kept
    assert sign_in(Client(), codes[1]).status_code == 200 and sign_in(Client(), new_codes[0]).status_code == 302
    (entry,) = AccessEntry.objects.filter(id__gt=start, action="second_factor_set_up")
    assert (entry.staff_id, entry.object_id, entry.detail, entry.address) == (
        member.pk, str(member.pk), "new recovery codes", ADDRESS,
    )  # fmt: skip


def test_enrol_staff_2fa_on_the_server_ends_an_open_link(member):
    issued = issue(member)
    device = accounts.enrol(user=member).totp_device
    assert Client().get(path_of(issued)).status_code == 404
    assert current_code(device)
