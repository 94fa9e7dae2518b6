"""The idle warning in Chromium: it shows before the end, says a changed form will be lost, "Stay signed in" keeps
the session, and when nobody answers the page goes to the login page, which says why. The idle time is cut to
seconds for the live server (the same process, so the `settings` fixture reaches it); the page's clock is
Playwright's, so the last wait is skipped rather than sat through, while the server keeps real time."""

import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import expect

from staff import idle_sign_out
from tests.browser import DESKTOP, PHONE, assert_accessible, assert_in_viewport, screenshot
from tests.staff.second_factor import login_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ADD_USER = f"/{django_settings.ADMIN_URL}auth/user/add/"


def sign_in(page, live_server, user):
    """Give the browser a staff session verified by a second factor, as after a real sign-in."""
    client = login_with_second_factor(Client(), user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return client


def test_the_warning_offers_to_stay_and_then_signs_out(page_of_its_own, live_server, settings):
    page = page_of_its_own  # page.clock mocks time for the whole browser profile
    # 45 seconds, the warning shown 3 seconds after the page loads: room for axe and the screenshots to run
    # while it shows on a busy machine, before the session ends.
    settings.STAFF_IDLE_MINUTES = 0.75
    settings.STAFF_IDLE_WARNING_SECONDS = 42
    boss = User.objects.create_superuser("boss", "boss@example.com", "a-long-test-password")
    client = sign_in(page, live_server, boss)
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.clock.install()  # runs at the real pace until told to jump
    page.goto(f"{live_server.url}{ADD_USER}")
    page.fill("#id_username", "half-typed-name")  # a changed form

    warning = page.get_by_role("alertdialog", name="Are you still there?")
    stay = warning.get_by_role("button", name="Stay signed in")
    expect(warning).to_be_visible(timeout=15_000)
    expect(stay).to_be_focused()
    expect(warning.get_by_text("Your unsaved changes will be lost.")).to_be_visible()
    expect(warning.get_by_role("timer")).to_have_text(re.compile(r"^0:[0-4]\d$"))  # m:ss, under 45 seconds
    assert not [text for text in console if "Content Security Policy" in text], "\n".join(console)
    assert_accessible(page)
    console.clear()  # axe-core's own injected styles break the CSP; nothing after it is axe's
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        assert_in_viewport(page, warning)
        assert_in_viewport(page, stay)
        screenshot(page, f"admin-idle-warning-{viewport['width']}", full_page=False)

    session = client.session  # the clock set back: the click must move it on, whatever else came this second
    session[idle_sign_out.LAST_ACTIVITY_SESSION_KEY] -= 2
    session.save()
    before = session[idle_sign_out.LAST_ACTIVITY_SESSION_KEY]
    stay.click()
    expect(warning).to_be_hidden()
    assert page.input_value("#id_username") == "half-typed-name"  # nothing lost by staying
    assert client.session[idle_sign_out.LAST_ACTIVITY_SESSION_KEY] > before  # counted; the checks before were not

    # Nobody answers the next warning: when the time is up the page goes to the login page, which says why.
    expect(warning).to_be_visible(timeout=15_000)
    session = client.session
    session[idle_sign_out.LAST_ACTIVITY_SESSION_KEY] -= 60  # the server's end has passed ...
    session.save()
    page.clock.fast_forward("01:00")  # ... and so has the page's
    page.wait_for_url(f"{live_server.url}/{django_settings.ADMIN_URL}login/?next=*")
    assert page.locator(".messagelist li").all_inner_texts() == [
        "You were signed out after 0.75 minutes without activity."
    ]
    assert page.locator("#login-form").is_visible()
    assert "_auth_user_id" not in client.session
    assert not [text for text in console if "Content Security Policy" in text], "\n".join(console)
