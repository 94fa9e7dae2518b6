"""The queue without rough edges (issue 22.9), in Chromium as a coordinator works it, at 390 and 1280 px: the
dashboard's "New today", a text-message link where the patient agreed to texts, a phone number found however it is
written, a CSV Excel reads, a queue that reads as cards on a phone, a contact log with labelled fields; axe finds
nothing on any of these pages, nor on "Changes to live pages"."""

import codecs
import csv
import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect

from access_record.models import AccessEntry
from intake.models import ContactAttempt, IntakeRequest
from publishing import services as publishing
from staff.roles import CLINICAL_REVIEWERS, INTAKE_COORDINATORS
from tests.browser import DESKTOP, PHONE, check_at_both_widths
from tests.factories import CallBackRequestFactory, IntakeRequestFactory
from tests.staff.second_factor import sign_in_through_the_login_page
from treatments.models import Treatment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("initial_content")]
ANA_TEXT_LINK = "Text Ana at (619) 555-0177"
WRITTEN = ["555-0177", "5550177", "(619) 555-0177", "+1 619 555 0177", "619.555.0177", "0177"]


def people():
    """Ana asked for a call back today and agreed to texts; José joined the waitlist today in Spanish and was called
    already; Lee, from last week, agreed to no texts and has a contact log."""
    ana = CallBackRequestFactory(
        first_name="Ana", last_name="Ramírez", phone="+16195550177", email="ana.ramirez.garcia@example.org",
        sms_consent=True, preferred_contact="text",
    )  # fmt: skip
    jose = IntakeRequestFactory(
        first_name="José", last_name="Núñez", language="es", status="contacted", email="jose@example.org"
    )
    lee = CallBackRequestFactory(first_name="Lee", last_name="Okafor", phone="+18585550142", email="")
    IntakeRequest.objects.filter(pk=lee.pk).update(created_at=timezone.now() - timedelta(days=6))
    for days, outcome, note in ((3, "no_answer", ""), (1, "voicemail", "Said we would try Friday morning")):
        ContactAttempt.objects.create(
            request=lee, outcome=outcome, note=note, made_at=timezone.now() - timedelta(days=days)
        )
    return ana, jose, lee


def rows(page):
    return page.locator("#result_list tbody tr")


def test_a_coordinator_works_the_queue_on_a_phone_and_a_desktop(page, live_server, tmp_path):
    ana, jose, lee = people()
    admin = f"{live_server.url}/{settings.ADMIN_URL}"
    sign_in_through_the_login_page(page, live_server, username="maria", group=INTAKE_COORDINATORS)

    # The dashboard: "New today" is Ana only (José came today too, but has been contacted).
    dashboard = page.get_by_role("region", name="Intake today")
    new_today = dashboard.get_by_role("row", name="New today")
    expect(new_today.get_by_role("cell")).to_have_text("1")
    check_at_both_widths(page, "intake-dashboard")
    new_today.get_by_role("link", name="New today").click()
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("Ana Ramírez")

    # The queue: cards on a phone, a table on a desktop; a text link only for Ana, who agreed to texts.
    page.goto(f"{admin}waitlist/intakerequest/")
    expect(rows(page)).to_have_count(3)
    text_ana = page.get_by_role("link", name=ANA_TEXT_LINK)
    assert text_ana.get_attribute("href") == "sms:+16195550177"
    expect(text_ana.locator("[aria-hidden=true]")).to_have_text("Text")  # what is seen; the name is read
    expect(text_ana.locator("[aria-hidden=true]")).to_be_visible()
    assert page.locator("#result_list a[href^='sms:']").count() == 1
    check_at_both_widths(page, "intake-queue")
    page.set_viewport_size(PHONE)
    card = rows(page).filter(has_text="Ana Ramírez")
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    links = ("Ana Ramírez", "(619) 555-0177", ANA_TEXT_LINK, "ana.ramirez.garcia@example.org")
    for link in (card.get_by_role("link", name=name, exact=True) for name in links):
        link_box = link.bounding_box()
        assert link_box["x"] + link_box["width"] <= PHONE["width"] and link_box["height"] >= 24
    expect(card.locator(".field-status")).to_be_visible()
    page.set_viewport_size(DESKTOP)

    # Search: Ana's number however it is written, each search in the access record, never its words in plain.
    searched_before = AccessEntry.objects.filter(action="search").count()
    for written in WRITTEN:
        page.get_by_label("Search by phone, email or name").fill(written)
        page.get_by_role("button", name="Search").click()
        expect(rows(page)).to_have_count(1)
        expect(rows(page).first).to_contain_text("Ana Ramírez")
    searches = AccessEntry.objects.filter(action="search").order_by("id")[searched_before:]
    assert [entry.count for entry in searches] == [1] * len(WRITTEN)
    assert not [entry for entry in searches if "0177" in entry.search_words]

    # The CSV, as Excel opens it: a byte-order mark, the accents, the language in words.
    page.goto(f"{admin}waitlist/intakerequest/")
    page.check("#action-toggle")
    page.select_option("select[name=action]", "export_csv")
    with page.expect_download() as download:
        page.get_by_role("button", name="Run the selected action").or_(page.locator("button[name=index]")).click()
    download.value.save_as(tmp_path / "queue.csv")
    exported = (tmp_path / "queue.csv").read_bytes()
    assert exported.startswith(codecs.BOM_UTF8)
    by_name = {row["First name"]: row for row in csv.DictReader(io.StringIO(exported.decode("utf-8-sig")))}
    assert (by_name["José"]["Last name"], by_name["José"]["Language"]) == ("Núñez", "Español")
    assert by_name["Ana"]["Language"] == "English"
    assert AccessEntry.objects.filter(action="export").count() == 3

    # A request's page: the text link, and the contact log with its lines and a labelled new line.
    page.goto(f"{admin}waitlist/intakerequest/{ana.pk}/change/")
    expect(page.get_by_role("link", name=ANA_TEXT_LINK)).to_have_attribute("href", "sms:+16195550177")
    check_at_both_widths(page, "intake-request-text-link")
    page.goto(f"{admin}waitlist/intakerequest/{lee.pk}/change/")
    assert page.locator("a[href^='sms:']").count() == 0  # Lee did not agree to texts
    log = page.get_by_role("group", name=re.compile("contact log", re.IGNORECASE))
    expect(log.locator("tr.has_original")).to_have_count(2)
    expect(log.locator("tr.has_original").first).to_contain_text("Said we would try Friday morning")
    check_at_both_widths(page, "intake-request")
    page.set_viewport_size(PHONE)
    log.get_by_role("button", name="Add another Contact attempt or note").click()
    outcomes = log.get_by_label("Outcome").filter(visible=True)  # not the hidden line "Add another" copies
    expect(outcomes).to_have_count(2)
    check_at_both_widths(page, "intake-request-two-new-lines")
    outcomes.first.select_option("spoke")
    log.get_by_label("Note").filter(visible=True).first.fill("Booked a consultation call")
    log.get_by_role("button", name="Remove").last.click()  # the second new line, left empty, goes again
    expect(outcomes).to_have_count(1)
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{admin}waitlist/intakerequest/**")
    assert list(lee.contact_attempts.values_list("outcome", "made_by__username"))[0] == ("spoke", "maria")


def test_changes_to_live_pages_have_no_empty_links(page, live_server):
    for treatment in Treatment.objects.filter(slug__in=["iv-ketamine-infusion", "spravato"]):
        with transaction.atomic():  # as the admin's requests are; it locks the page's open change
            publishing.propose(page=treatment, values={"summary": "A new summary for next week."})
    sign_in_through_the_login_page(page, live_server, username="dana", group=CLINICAL_REVIEWERS)
    page.goto(f"{live_server.url}/{settings.ADMIN_URL}publishing/pagechange/")
    expect(page.get_by_role("link", name="Treatment: IV ketamine infusion")).to_be_visible()
    expect(page.locator("#result_list").get_by_role("link", name="Draft")).to_have_count(2)  # each change's record
    check_at_both_widths(page, "changes-to-live-pages")
