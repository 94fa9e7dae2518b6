"""The whole enrolment in Chromium: an administrator adds a member and gets the link; the member chooses a password,
sets up the app from the page, keeps the recovery codes and signs in with the second factor required."""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from playwright.sync_api import expect

from staff import accounts
from staff.roles import sync_groups
from tests.browser import DESKTOP, check_at_both_widths
from tests.staff.second_factor import code_from_key, current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-new-password-42"


def test_an_administrator_adds_a_member_who_enrols_and_signs_in_with_a_second_factor(page, browser, live_server):
    assert settings.ADMIN_REQUIRE_2FA
    sync_groups(apps)  # another browser test may have emptied the database, roles and all
    admin_url = f"{live_server.url}/{settings.ADMIN_URL}"
    console = []
    boss = User.objects.create_superuser("boss", "boss@example.com", "a-long-test-password")
    boss_device = accounts.enrol(user=boss).totp_device
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"{admin_url}login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", "a-long-test-password")
    page.fill("#id_otp_token", current_code(boss_device))
    page.click("input[type=submit]")
    page.wait_for_url(admin_url)

    # The administrator adds the member and is shown the link once.
    page.goto(f"{admin_url}auth/user/add/")
    page.fill("#id_username", "nia")
    page.fill("#id_first_name", "Nia")
    page.fill("#id_email", "nia@example.org")
    page.get_by_label("Intake coordinators").check()
    page.get_by_role("button", name="Save").click()
    link = page.locator("#enrolment-link").inner_text()
    assert link.startswith(f"{admin_url}enrol/")
    check_at_both_widths(page, "staff-enrolment-link")

    # The member, in a browser of their own.
    context = browser.new_context(viewport=DESKTOP)
    member = context.new_page()
    foreign = []
    member.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((live_server.url, "data:")) else None)
    member.on("console", lambda message: console.append(message.text))
    member.goto(link)
    assert member.url == f"{admin_url}enrol/"  # the token does not stay in the address bar
    assert member.get_by_text("Your username is nia.").is_visible()
    check_at_both_widths(member, "staff-enrolment-password")
    member.get_by_label("Choose a password").fill(PASSWORD)
    member.get_by_label("Type it again").fill(PASSWORD)
    member.get_by_role("button", name="Continue").click()

    qr_code = member.get_by_role("img", name="QR code for your authenticator app")
    assert qr_code.is_visible() and qr_code.bounding_box()["width"] >= 200
    key = member.locator("#enrolment-key").inner_text()  # what the member types into the app if they cannot scan
    member.get_by_label("Code from the app").fill(f"{(int(code_from_key(key)) + 1) % 1_000_000:06d}")
    member.get_by_role("button", name="Check the code").click()
    expect(member.get_by_text("That code is not right.")).to_be_visible()  # waits for the answer to load
    check_at_both_widths(member, "staff-enrolment-app")
    member.get_by_label("Code from the app").fill(code_from_key(key))  # read now: the checks above take a while
    member.get_by_role("button", name="Check the code").click()

    expect(member.locator(".recovery-codes code")).to_have_count(accounts.RECOVERY_CODE_COUNT)
    codes = member.locator(".recovery-codes code").all_inner_texts()
    assert len(set(codes)) == accounts.RECOVERY_CODE_COUNT
    check_at_both_widths(member, "staff-enrolment-done")

    # Signing in needs the password and the app's next code.
    member.get_by_role("link", name="Sign in").click()
    member.fill("#id_username", "nia")
    member.fill("#id_password", PASSWORD)
    member.fill("#id_otp_token", code_from_key(key, steps_ahead=1))
    member.click("input[type=submit]")
    member.wait_for_url(admin_url)
    assert member.get_by_role("heading", name="Intake today").is_visible()  # an intake coordinator's home
    context.close()

    page.goto(f"{admin_url}auth/user/?second_factor=yes")
    assert page.get_by_role("link", name="nia", exact=True).is_visible()
    assert not foreign, foreign
    assert not [text for text in console if "Content Security Policy" in text], console
