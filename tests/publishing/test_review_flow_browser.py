"""Review that flows, in Chromium (issue 22.4): an editor submits a change to a page that needs a clinical review,
the reviewer finds it on the admin home, sends it back with a comment, the editor sees the comment, edits and
submits again, and the reviewer approves it from the emailed link; then a revert from the history is a draft.
axe finds nothing on each admin page on the way, at 390 and 1280 px."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from playwright.sync_api import expect

from outbox.models import OutgoingEmail
from publishing import services
from publishing.models import PageChange
from staff.roles import CLINICAL_REVIEWERS, CONTENT_EDITORS
from tests.browser import check_at_both_widths
from tests.staff.second_factor import sign_in_through_the_login_page
from treatments.models import Faq

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_TRY = "No. Someone else must drive you home after a Spravato visit."
SECOND_TRY = "No. Do not drive until the next day. Plan for someone else to drive you home."
COMMENT = "Please say until when: not until the next day, after a full night of sleep."


def test_submit_send_back_resubmit_approve_and_a_revert(initial_content, page, page_of_its_own, live_server):
    editor_tab, reviewer_tab = page, page_of_its_own
    console = []
    for tab in (editor_tab, reviewer_tab):
        tab.on("console", lambda message: console.append(message.text))

    def check(tab, name):
        """Our pages broke no CSP rule so far; then axe (which sets styles of its own, so the console is emptied
        after it) and the screenshots at both widths."""
        assert not [text for text in console if "Content Security Policy" in text], console
        check_at_both_widths(tab, name)
        console.clear()

    editor = sign_in_through_the_login_page(editor_tab, live_server, username="sam", group=CONTENT_EDITORS)
    reviewer = sign_in_through_the_login_page(reviewer_tab, live_server, username="dana", group=CLINICAL_REVIEWERS)
    User.objects.filter(pk=editor.pk).update(first_name="Sam", last_name="Lee", email="sam@clinic.example")
    User.objects.filter(pk=reviewer.pk).update(first_name="Dana", last_name="Reyes", email="dana@clinic.example")
    faq = Faq.objects.get(question="Can I drive home after Spravato?")
    services.set_needs_clinical_review(page=faq, needed=True, user=User.objects.get(pk=reviewer.pk))
    live_answer = faq.answer
    change_url = f"{live_server.url}/{settings.ADMIN_URL}treatments/faq/{faq.pk}/change/"

    # The editor writes and submits.
    editor_tab.goto(change_url)
    editor_tab.get_by_label("Answer:", exact=True).fill(FIRST_TRY)
    editor_tab.get_by_role("button", name="Save and submit for review").click()
    expect(
        editor_tab.get_by_text("Submitted for a clinical review: 1 clinical reviewer has been emailed.")
    ).to_be_visible()
    expect(editor_tab.locator(".change-people")).to_contain_text("Waiting for a clinical review since")
    check(editor_tab, "review-change-form-waiting")

    # The reviewer finds it on the admin home and sends it back, first forgetting the comment.
    reviewer_tab.goto(f"{live_server.url}/{settings.ADMIN_URL}")
    waiting = reviewer_tab.get_by_role("link", name="1 change waits for your clinical review")
    expect(waiting).to_be_visible()
    check(reviewer_tab, "review-admin-home")
    waiting.click()
    expect(reviewer_tab.get_by_role("link", name="Open the review")).to_be_visible()
    check(reviewer_tab, "review-changes-waiting")
    reviewer_tab.get_by_role("link", name="Open the review").click()
    expect(reviewer_tab.get_by_role("heading", name="Your decision")).to_be_visible()
    expect(reviewer_tab.locator(".field-changes ins").first).to_be_visible()  # the words it changes, marked
    check(reviewer_tab, "review-page")
    reviewer_tab.get_by_role("button", name="Send back with this comment").click()
    expect(reviewer_tab.get_by_text("Write what needs to change before you send it back.")).to_be_visible()
    check(reviewer_tab, "review-page-comment-missing")
    reviewer_tab.get_by_label("What needs to change").fill(COMMENT)
    reviewer_tab.get_by_role("button", name="Send back with this comment").click()
    expect(
        reviewer_tab.get_by_text("Sent back. Sam Lee gets an email and sees your comment on the draft.")
    ).to_be_visible()

    # The editor reads the comment on the draft, edits and submits again.
    sent_back = OutgoingEmail.objects.get(purpose="publishing.sent_back")
    editor_tab.goto(re.search(r"https?://\S+", sent_back.body).group(0))
    note = editor_tab.get_by_role("note")
    expect(note).to_contain_text("Sent back by Dana Reyes")
    expect(note).to_contain_text(COMMENT)
    check(editor_tab, "review-change-form-sent-back")
    editor_tab.get_by_label("Answer:", exact=True).fill(SECOND_TRY)
    editor_tab.get_by_role("button", name="Save and submit for review").click()
    expect(editor_tab.get_by_text("Submitted for a clinical review")).to_be_visible()

    # The reviewer opens the emailed link and approves.
    asked_again = OutgoingEmail.objects.filter(purpose="publishing.review_requested").order_by("-pk").first()
    assert "asks you again" in asked_again.body
    reviewer_tab.goto(re.search(r"https?://\S+", asked_again.body).group(0))
    expect(reviewer_tab.locator(".field-changes ins").first).to_be_visible()
    assert PageChange.objects.get().values["answer"] == SECOND_TRY
    reviewer_tab.get_by_role("button", name="Approve and publish").click()
    expect(reviewer_tab.get_by_text("Approved and published.")).to_be_visible()
    facts = reviewer_tab.locator(".review-facts")
    expect(facts).to_contain_text("Prepared by Sam Lee")
    expect(facts).to_contain_text("Approved by Dana Reyes")
    check(reviewer_tab, "review-page-approved")
    reviewer_tab.goto(
        f"{live_server.url}/{settings.ADMIN_URL}publishing/pagechange/{PageChange.objects.get().pk}/change/"
    )
    expect(reviewer_tab.locator(".field-change_steps")).to_contain_text("Sent it back")
    check(reviewer_tab, "review-change-record")

    patient = reviewer_tab.context.new_page()
    patient.goto(live_server.url + faq.treatment.get_absolute_url())
    expect(patient.get_by_text(SECOND_TRY)).to_be_visible()
    patient.close()

    # The history shows who prepared, reviewed and published; a revert makes a draft for review again.
    editor_tab.goto(f"{live_server.url}/{settings.ADMIN_URL}treatments/faq/{faq.pk}/history/")
    row = editor_tab.locator(".page-change").first
    expect(row).to_contain_text("Sam Lee")
    expect(row).to_contain_text("Approved by Dana Reyes")
    check(editor_tab, "review-history")
    editor_tab.locator("#change-history tbody tr").last.get_by_role("link").first.click()
    expect(editor_tab.get_by_text("Press Revert below to make this version a draft change.")).to_be_visible()
    check(editor_tab, "review-revert")
    editor_tab.get_by_role("button", name="Revert").click()
    expect(editor_tab.get_by_text("is now a draft change. Patients still see the page as it was.")).to_be_visible()
    assert editor_tab.get_by_text("changed successfully").count() == 0
    assert Faq.objects.get(pk=faq.pk).answer == SECOND_TRY
    assert PageChange.objects.get(state="draft").values["answer"] == live_answer
    assert not [text for text in console if "Content Security Policy" in text], console
