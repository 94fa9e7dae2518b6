"""Review that flows (issue 22.4): a draft of a page that needs a clinical review is submitted, the reviewers are
emailed through the outbox and counted on the admin home, a reviewer approves and publishes it or sends it back
with a comment, and who prepared, reviewed and published it, and when, are kept and shown."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutgoingEmail
from publishing import selectors, services
from publishing.models import PageChange
from staff.roles import CLINICAL_REVIEWERS, INTAKE_COORDINATORS
from tests.markup import form_values, soup, text
from tests.publishing.test_publishing import NEW_SUMMARY, change_form, change_url, public_text, submit
from tests.publishing.test_publishing_views import messages_after
from treatments.models import Treatment

pytestmark = pytest.mark.django_db

BASE_URL = "https://clinic.example.org/"


@pytest.fixture
def people(editor, reviewer):
    """The editor Sam Lee, the reviewer Dana Reyes, a second reviewer, and reviewers who must not be emailed."""
    User.objects.filter(username="content").update(first_name="Sam", last_name="Lee", email="sam@clinic.example")
    User.objects.filter(username="reviewer").update(email="dana@clinic.example")
    reviewers = Group.objects.get(name=CLINICAL_REVIEWERS)
    for username, email, active in [
        ("kai", "kai@clinic.example", True),
        ("gone", "gone@clinic.example", False),  # left the clinic
        ("nomail", "", True),
    ]:
        user = User.objects.create_user(username, email=email, is_staff=True, is_active=active)
        user.groups.add(reviewers)
    User.objects.create_superuser("boss", "boss@clinic.example", "a-long-test-password")  # administers accounts only
    return {name: User.objects.get(username=name) for name in ("content", "reviewer", "kai")}


def draft_of(page, user, **values):
    """An edit of `page` in memory, saved as its draft change by `user` (as the change form does)."""
    page = Treatment.objects.get(pk=page.pk)
    change = selectors.open_change(page=page)
    if change is not None:
        for name, value in change.values.items():
            setattr(page, name, value)
    for name, value in values.items():
        setattr(page, name, value)
    return services.save_draft(page=page, user=user)


def emails(purpose):
    return list(OutgoingEmail.objects.filter(purpose=purpose).order_by("pk"))


def review_url(change):
    return reverse("admin:publishing_pagechange_review", args=[change.pk])


# --- services: each step ---------------------------------------------------------------------------------------


def test_a_reviewers_edits_keep_the_preparer_and_when_they_wrote_it(people, needs_review):
    sam, dana = people["content"], people["reviewer"]
    change = draft_of(needs_review, sam, summary=NEW_SUMMARY)
    written = timezone.now() - datetime.timedelta(days=2)
    PageChange.objects.filter(pk=change.pk).update(prepared_at=written)

    change = draft_of(needs_review, dana, body="A reviewer's correction.")
    assert change.prepared_by == sam and change.prepared_at == written
    steps = [(step.action, step.by.username, step.fields) for step in change.steps.all()]
    assert steps == [("saved", "content", ["summary"]), ("edited", "reviewer", ["body"])]

    published = services.publish_now(page=_with_values(change), user=dana)
    assert published.pk == change.pk and published.prepared_by == sam and published.prepared_at == written
    assert published.published_by == dana and published.reviewed_by == dana and published.published_at > written
    assert published.steps.last().action == "approved"
    history = Treatment.objects.get(pk=needs_review.pk).history.first()
    assert history.history_user == dana
    assert history.history_change_reason.startswith("Published; prepared by Sam Lee; clinical review by Dana Reyes")


def test_the_preparer_writing_again_moves_when_it_was_written_and_saving_the_same_words_does_not(people, iv):
    sam = people["content"]
    change = draft_of(iv, sam, summary=NEW_SUMMARY)
    first = change.prepared_at
    PageChange.objects.filter(pk=change.pk).update(prepared_at=first - datetime.timedelta(hours=1))
    assert draft_of(iv, sam).prepared_at == first - datetime.timedelta(hours=1)  # the same words
    assert draft_of(iv, sam, summary="Another thought.").prepared_at > first
    assert [step.action for step in PageChange.objects.get().steps.all()] == ["saved", "saved"]


def test_submitting_emails_every_active_clinical_reviewer_once(people, needs_review):
    sam = people["content"]
    change = draft_of(needs_review, sam, summary=NEW_SUMMARY)
    sent = services.submit_for_review(change=change, user=sam, base_url=BASE_URL)
    assert sorted(email.recipient for email in sent) == ["dana@clinic.example", "kai@clinic.example"]
    change.refresh_from_db()
    assert change.review == "waiting" and change.submitted_by == sam and change.submitted_at is not None
    email = emails("publishing.review_requested")[0]
    assert email.subject == "Please review a change before it goes live: Treatment: IV ketamine infusion"
    assert f"https://clinic.example.org{review_url(change)}" in email.body
    assert "Sam Lee asks you for a clinical review" in email.body and "Approve and publish" in email.body

    assert services.submit_for_review(change=change, user=sam, base_url=BASE_URL) == []  # already waiting
    assert len(emails("publishing.review_requested")) == 2
    assert [step.action for step in change.steps.all()] == ["saved", "submitted"]


def test_a_page_that_needs_no_review_is_not_submitted(people, iv):
    change = draft_of(iv, people["content"], summary=NEW_SUMMARY)
    with pytest.raises(services.Refused, match="does not need a clinical review"):
        services.submit_for_review(change=change, user=people["content"], base_url=BASE_URL)
    assert not OutgoingEmail.objects.exists()


def test_sending_back_needs_a_reviewer_and_a_comment_and_tells_the_preparer(people, needs_review):
    sam, dana = people["content"], people["reviewer"]
    change = draft_of(needs_review, sam, summary=NEW_SUMMARY)
    services.submit_for_review(change=change, user=sam, base_url=BASE_URL)
    with pytest.raises(PermissionDenied):
        services.send_back(change=change, user=sam, comment="Fine by me.", base_url=BASE_URL)
    with pytest.raises(services.Refused, match="Write what needs to change"):
        services.send_back(change=change, user=dana, comment="   ", base_url=BASE_URL)
    assert PageChange.objects.get().review == "waiting"

    email = services.send_back(change=change, user=dana, comment="Say who watches you.", base_url=BASE_URL)
    change.refresh_from_db()
    assert change.review == "sent_back" and change.is_open
    assert selectors.last_sent_back(change=change).comment == "Say who watches you."
    assert email.recipient == "sam@clinic.example" and email.subject.startswith("Your change was sent back")
    assert f"https://clinic.example.org{change_url(needs_review)}" in email.body
    assert "Say who watches you." not in email.body  # the comment stays behind the sign-in
    assert 'press "Save and submit for review" again' in email.body

    again = services.submit_for_review(change=change, user=sam, base_url=BASE_URL)
    assert len(again) == 2 and "asks you again, with the edits asked for" in again[0].body
    assert selectors.last_sent_back(change=PageChange.objects.get()) is None


def test_approving_publishes_with_the_review_and_tells_the_preparer(client, people, needs_review):
    sam, dana = people["content"], people["reviewer"]
    change = draft_of(needs_review, sam, summary=NEW_SUMMARY)
    services.submit_for_review(change=change, user=sam, base_url=BASE_URL)
    seen = selectors.change_digest(change=change)
    with pytest.raises(PermissionDenied):
        services.approve(change=change, user=sam, seen=seen, base_url=BASE_URL)
    with pytest.raises(services.Refused, match="edited while you were reading it"):
        services.approve(change=change, user=dana, seen="an older version", base_url=BASE_URL)
    assert Treatment.objects.get(pk=needs_review.pk).summary != NEW_SUMMARY

    published = services.approve(change=change, user=dana, seen=seen, base_url=BASE_URL)
    assert Treatment.objects.get(pk=needs_review.pk).summary == NEW_SUMMARY
    assert NEW_SUMMARY in public_text(client, needs_review.get_absolute_url())
    assert (published.state, published.review) == ("published", "approved")
    assert (published.prepared_by, published.reviewed_by, published.published_by) == (sam, dana, dana)
    assert published.reviewer_name == "Dana Reyes" and published.reviewed_at and published.published_at
    assert [email.recipient for email in emails("publishing.approved")] == ["sam@clinic.example"]
    for stale in (published, change):  # the reviewer's page was open while a colleague approved it
        with pytest.raises(services.Refused, match="no longer waiting"):
            services.approve(change=stale, user=dana, seen=seen, base_url=BASE_URL)
    with pytest.raises(services.Refused, match="no longer waiting"):
        services.send_back(change=change, user=dana, comment="Too late.", base_url=BASE_URL)
    assert PageChange.objects.get().state == "published" and PageChange.objects.get().review == "approved"


def test_a_reviewer_may_approve_their_own_draft_and_the_record_says_so(people, needs_review):
    """The rule: one reviewer may write and approve (a small clinic may have one), as "Publish now" always
    allowed; the record names the same person as preparer and reviewer, and nobody is emailed about it."""
    dana = people["reviewer"]
    change = draft_of(needs_review, dana, summary=NEW_SUMMARY)
    published = services.approve(
        change=change, user=dana, seen=selectors.change_digest(change=change), base_url=BASE_URL
    )
    assert published.prepared_by == dana and published.reviewed_by == dana
    assert not OutgoingEmail.objects.exists()


def _with_values(change):
    page = Treatment.objects.get(pk=change.object_id)
    for name, value in change.values.items():
        setattr(page, name, value)
    return page


# --- the views ----------------------------------------------------------------------------------------------------


def buttons(client, page):
    return {button["name"] for button in change_form(client, page).select(".submit-row input")}


def test_only_an_editor_of_a_page_that_needs_review_is_offered_submit(editor, reviewer, people, iv, needs_review):
    assert "_submit" in buttons(editor, needs_review)
    assert "_submit" not in buttons(reviewer, needs_review)  # a reviewer publishes
    other = Treatment.objects.get(slug="spravato")
    assert "_submit" not in buttons(editor, other)  # anyone may publish it


def test_submit_send_back_and_approve_through_the_views(client, editor, reviewer, people, needs_review):
    response = submit(editor, needs_review, "_submit", summary=NEW_SUMMARY)
    assert response.status_code == 302 and response["Location"] == change_url(needs_review)
    assert "Submitted for a clinical review: 2 clinical reviewers have been emailed." in messages_after(
        editor, response
    )
    change = PageChange.objects.get()
    assert change.review == "waiting" and len(emails("publishing.review_requested")) == 2

    page = soup(reviewer.get(review_url(change)))
    facts = {text(term): text(term.find_next_sibling("dd")) for term in page.select(".review-facts dt")}
    assert facts["Prepared by"].startswith("Sam Lee, ")
    assert facts["Clinical review"].startswith("Waiting for a clinical review since")
    assert facts["Published"] == "Not yet"
    send_back = page.select_one("form.review-send-back")
    response = reviewer.post(review_url(change), form_values(send_back) | {"_send_back": "pressed"})
    assert response.status_code == 200 and "Write what needs to change" in text(soup(response).select_one(".errorlist"))
    data = form_values(send_back) | {"_send_back": "pressed", "comment": "Say who watches you."}
    response = reviewer.post(review_url(change), data)
    assert response.status_code == 302 and "Sent back. Sam Lee gets an email" in messages_after(reviewer, response)

    box = change_form(editor, needs_review).select_one(".sent-back")
    assert "Sent back by Dana Reyes" in text(box) and "Say who watches you." in text(box)
    assert submit(editor, needs_review, "_submit", summary="Our nurses watch you the whole time.").status_code == 302
    assert PageChange.objects.get().review == "waiting"

    page = soup(reviewer.get(review_url(change)))
    approve = page.select_one("form.review-approve")
    response = reviewer.post(review_url(change), form_values(approve) | {"_approve": "pressed"})
    assert response.status_code == 302 and "Approved and published" in messages_after(reviewer, response)
    assert "Our nurses watch you the whole time." in public_text(client, needs_review.get_absolute_url())
    facts = soup(reviewer.get(review_url(change))).select(".review-facts dd")
    assert text(facts[2]).startswith("Approved by Dana Reyes") and "by Dana Reyes" in text(facts[3])
    steps = [text(step) for step in soup(reviewer.get(review_url(change))).select(".change-steps li")]
    assert [step.split(":")[0] for step in steps] == [
        "Sam Lee", "Sam Lee", "Dana Reyes", "Sam Lee", "Sam Lee", "Dana Reyes"
    ]  # fmt: skip
    assert "Say who watches you." in steps[2]


def test_who_may_use_the_review_page(editor, reviewer, staff_client, people, needs_review):
    submit(editor, needs_review, "_submit", summary=NEW_SUMMARY)
    change = PageChange.objects.get()
    page = soup(editor.get(review_url(change)))
    assert page.select_one("form.review-approve") is None and page.select_one("form.review-send-back") is None
    seen = {"seen": selectors.change_digest(change=change)}
    assert editor.post(review_url(change), seen | {"_approve": "pressed"}).status_code == 403
    assert editor.post(review_url(change), seen | {"_send_back": "pressed", "comment": "No."}).status_code == 403
    coordinator = staff_client(INTAKE_COORDINATORS)
    assert coordinator.get(review_url(change)).status_code == 403
    assert coordinator.post(review_url(change), seen | {"_approve": "pressed"}).status_code == 403
    assert PageChange.objects.get().state == "draft"
    assert Treatment.objects.get(pk=needs_review.pk).summary != NEW_SUMMARY


def test_a_reviewer_edit_from_the_change_form_is_the_reviewers_step(editor, reviewer, people, needs_review):
    submit(editor, needs_review, "_submit", summary=NEW_SUMMARY)
    response = submit(reviewer, needs_review, "_draft", body="A reviewer's correction.")
    assert "still waiting for a clinical review" in messages_after(reviewer, response)
    change = PageChange.objects.get()
    assert change.prepared_by.username == "content" and change.review == "waiting"
    people_box = change_form(editor, needs_review).select_one(".change-people")
    assert text(people_box.select("dd")[0]).startswith("Sam Lee, ")
    steps = [text(step) for step in change_form(editor, needs_review).select(".change-steps li")]
    assert steps[-1].startswith("Dana Reyes: Edited the draft") and steps[-1].endswith("(Body)")


def test_the_admin_home_counts_what_waits_for_each_person(editor, reviewer, people, needs_review):
    def home(client):
        section = soup(client.get(reverse("admin:index"))).select_one(".review-waiting")
        return {text(link): link["href"] for link in section.select("a")} if section else {}

    assert home(reviewer) == {} and home(editor) == {}
    submit(editor, needs_review, "_submit", summary=NEW_SUMMARY)
    changes = reverse("admin:publishing_pagechange_changelist")
    assert home(reviewer) == {"1 change waits for your clinical review": f"{changes}?review=waiting"}
    assert home(editor) == {}  # an editor does not review
    listing = soup(reviewer.get(f"{changes}?review=waiting"))
    assert len(listing.select("#result_list tbody tr")) == 1
    assert listing.select_one("#result_list .field-review_status a")["href"] == review_url(PageChange.objects.get())

    services.send_back(change=PageChange.objects.get(), user=people["reviewer"], comment="Shorter.", base_url=BASE_URL)
    assert home(reviewer) == {}
    assert home(editor) == {"1 of your changes was sent back to you": f"{changes}?review=sent_back"}


def test_the_list_and_the_history_show_when_it_was_written_not_when_it_went_live(editor, reviewer, people, iv):
    submit(editor, iv, "_draft", summary=NEW_SUMMARY)
    written = timezone.now() - datetime.timedelta(days=3)
    PageChange.objects.update(prepared_at=written)
    submit(reviewer, iv, "_save")
    change = PageChange.objects.get()
    when = timezone.localtime(written).strftime("%b %-d, %Y")
    row = soup(editor.get(reverse("admin:publishing_pagechange_changelist"))).select_one("#result_list tbody tr")
    assert text(row.select_one(".field-prepared")).startswith(f"Sam Lee, {when}")
    history = soup(editor.get(reverse("admin:treatments_treatment_history", args=[iv.pk])))
    shown = history.select_one(".page-change .change-people")
    facts = {text(term): text(term.find_next_sibling("dd")) for term in shown.select("dt")}
    assert facts["Prepared by"].startswith(f"Sam Lee, {when}")
    assert facts["Clinical review"] == "No clinical review"
    published = timezone.localtime(change.published_at).strftime("%b %-d, %Y")
    assert facts["Published"].startswith(published) and facts["Published"].endswith("by Dana Reyes")
