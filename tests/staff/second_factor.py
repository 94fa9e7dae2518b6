"""Signing staff in with a second factor in tests: a verified session, and the code an authenticator app shows."""

import time
from base64 import b32decode

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP, totp


def login_with_second_factor(client, user):
    """`client.force_login(user)`, plus a session verified by a second factor, as after a real admin login.

    Production requires both for every admin page (ADMIN_REQUIRE_2FA); the device is a recovery-code
    device with no codes, so nothing here can be used to sign in for real.
    """
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _ = StaticDevice.objects.get_or_create(user=user, name="Test second factor", defaults={"confirmed": True})
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def current_code(device):
    """The 6-digit code an authenticator app shows for `device` right now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def sign_in_through_the_login_page(page, live_server, *, username, group):
    """A new staff member in `group` with an authenticator app, signed in to the admin in Chromium as staff do:
    username, password and code on the login page. Returns the user."""
    from django.apps import apps
    from django.conf import settings
    from django.contrib.auth.models import Group, User

    from staff import accounts as staff_accounts
    from staff.roles import sync_groups

    sync_groups(apps)  # a browser test before this one may have emptied the database, groups and all
    user = User.objects.create_user(username, password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    device = staff_accounts.enrol(user=user).totp_device
    page.goto(f"{live_server.url}/{settings.ADMIN_URL}login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "a-long-test-password")
    page.fill("#id_otp_token", current_code(device))
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/{settings.ADMIN_URL}")
    return user


def code_from_key(key, *, steps_ahead=0):
    """The code an authenticator app shows for a key typed from the enrolment page (base32, spaces allowed).

    `steps_ahead=1` is the next 30-second code: one code is accepted once, so signing in right after enrolling
    uses the next one, which the site accepts a step early (django-otp's tolerance), instead of waiting.
    """
    app = TOTP(b32decode("".join(key.split())))
    app.time = time.time() + 30 * steps_ahead
    return f"{app.token():06d}"
