"""A content editor, new to the admin, changes a live page in Chromium: prepares, previews, publishes, schedules."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from publishing.models import PageChange
from staff.roles import CONTENT_EDITORS
from tests.browser import save_screenshots
from tests.staff.second_factor import sign_in_through_the_login_page
from treatments.models import Treatment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_BODY = "Our team explains every step before your first infusion, and you can ask questions at any time."


def sign_in(page, live_server, username):
    return sign_in_through_the_login_page(page, live_server, username=username, group=CONTENT_EDITORS)


def test_an_editor_prepares_previews_and_publishes_a_change_to_a_live_page(initial_content, page, browser, live_server):
    console = []
    page.on("console", lambda message: console.append(message.text))
    patient = browser.new_context().new_page()
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    public_url = live_server.url + iv.get_absolute_url()

    sign_in(page, live_server, "editor")
    page.locator("#content-main tr.model-treatment").get_by_role("link", name="Treatments").click()
    page.get_by_role("link", name="IV ketamine infusion").click()
    expect(page.get_by_role("heading", name="This page is live")).to_be_visible()
    page.get_by_label("Body:", exact=True).fill(NEW_BODY)
    page.get_by_role("button", name="Save draft and preview").click()

    expect(page.get_by_text("Preview of a change that is not published yet")).to_be_visible()
    expect(page.get_by_text(NEW_BODY)).to_be_visible()
    patient.goto(public_url)
    assert patient.get_by_text(NEW_BODY).count() == 0, "patients still see the live page"
    save_screenshots(page, page.url, "publishing-preview")

    page.get_by_role("link", name="Back to editing").click()
    expect(page.get_by_text("A draft change is waiting")).to_be_visible()
    save_screenshots(page, page.url, "publishing-change-form", check=lambda page: None)
    page.get_by_role("button", name="Publish now").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    patient.goto(public_url)
    expect(patient.get_by_text(NEW_BODY)).to_be_visible()

    page.goto(live_server.url + f"/{settings.ADMIN_URL}treatments/treatment/{iv.pk}/change/")
    page.get_by_label("Summary:", exact=True).fill("A new summary for next week.")
    later = timezone.localtime(timezone.now() + datetime.timedelta(days=7))
    page.get_by_label("Publish at").fill(later.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("Scheduled: your change goes live on")).to_be_visible()
    assert PageChange.objects.get(state="scheduled").publish_at.replace(second=0, microsecond=0) == later.replace(
        second=0, microsecond=0
    )

    page.get_by_role("link", name="History").click()
    assert page.get_by_role("cell", name="editor").count() >= 1
    save_screenshots(page, page.url, "publishing-history", check=lambda page: None)
    patient.context.close()
    assert not [text for text in console if "Content Security Policy" in text], console
