"""The admin login with its authentication-code field, in Chromium: looks right, breaks no CSP rule, signs in."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from staff import accounts as staff_accounts
from tests.browser import assert_accessible, assert_fits_the_width, assert_in_viewport, save_screenshots
from tests.staff.second_factor import current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_login_form_fits(page):
    assert_fits_the_width(page)
    for field in ("#id_username", "#id_password", "#id_otp_token"):
        assert_in_viewport(page, page.locator(field))


def test_staff_sign_in_with_password_and_app_code(page, live_server):
    user = User.objects.create_superuser("boss", "boss@example.com", "a-long-test-password")
    device = staff_accounts.enrol(user=user).totp_device
    console = []
    page.on("console", lambda message: console.append(message.text))
    login_url = f"{live_server.url}/{settings.ADMIN_URL}login/"
    page.goto(login_url)

    password, code = page.locator("#id_password"), page.locator("#id_otp_token")
    assert code.is_visible()
    password_box, code_box = password.bounding_box(), code.bounding_box()
    assert code_box["width"] == password_box["width"] and code_box["x"] == password_box["x"]  # styled like the others
    assert code_box["y"] > password_box["y"]
    assert_accessible(page)
    save_screenshots(page, login_url, "admin-login", check=assert_login_form_fits)

    page.fill("#id_username", "boss")
    page.fill("#id_password", "a-long-test-password")
    page.fill("#id_otp_token", current_code(device))
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/{settings.ADMIN_URL}")
    assert page.locator("#site-name").inner_text() == "Resilience Integrative Wellness — staff"
    assert not [text for text in console if "Content Security Policy" in text], console
