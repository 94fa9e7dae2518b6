"""Changing live pages safely: draft changes, previews, publishing now or at a time, going offline, clinical review."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from clinic.models import LegalPage
from content.page_cache import content_version
from financing.models import FinancingFaq
from jobs.registry import RoutineJob, routine_jobs
from jobs.services import schedule_routine_jobs
from publishing import services
from publishing.models import PageChange
from publishing.selectors import changes_of, needs_clinical_review, overdue_changes
from staff.roles import CLINICAL_REVIEWERS, CONTENT_EDITORS, INTAKE_COORDINATORS
from tests.factories import TreatmentFactory
from tests.markup import diff_sides, form_values, json_ld, soup, text
from treatments.models import EducationSection, Faq, Route, Treatment

pytestmark = pytest.mark.django_db

NEW_SUMMARY = "A calm new summary, still a draft."
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def change_url(page):
    return reverse(f"admin:{page._meta.app_label}_{page._meta.model_name}_change", args=[page.pk])


def change_form(client, page):
    response = client.get(change_url(page))
    assert response.status_code == 200
    return soup(response).find("form", id=f"{page._meta.model_name}_form")


def submit(client, page, button=None, **changes):
    """Open the page's change form as a browser does, change some fields (None unticks a box), press `button`."""
    data = form_values(change_form(client, page))
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    if button:
        data[button] = "pressed"
    return client.post(change_url(page), data)


def in_clinic_time(moment):
    return timezone.localtime(moment).strftime(DATETIME_LOCAL)


def public_text(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return text(soup(response).main)


def error_note(response):
    page = soup(response)
    return " ".join(text(element) for element in page.select(".errornote, .errorlist"))


# --- draft changes -----------------------------------------------------------------------------------


def test_a_draft_change_leaves_the_live_page_as_it_is_even_uncached(client, editor, iv):
    live_summary = iv.summary
    assert live_summary in public_text(client, iv.get_absolute_url())  # now in the page cache
    response = submit(editor, iv, "_draft", summary=NEW_SUMMARY)
    assert response.status_code == 302 and response["Location"] == change_url(iv)

    for _ in range(2):
        page = public_text(client, iv.get_absolute_url())
        assert live_summary in page and NEW_SUMMARY not in page
        cache.clear()  # the second time round, rendered from the database
    iv.refresh_from_db()
    assert iv.summary == live_summary
    change = PageChange.objects.get()
    assert change.state == "draft" and change.values == {"summary": NEW_SUMMARY}
    assert change.prepared_by.username == "content"


def test_the_change_form_shows_the_waiting_change_and_saving_it_again_replaces_it(editor, iv):
    submit(editor, iv, "_draft", summary=NEW_SUMMARY)
    form = change_form(editor, iv)
    assert form.find("input", attrs={"name": "summary"})["value"] == NEW_SUMMARY
    notice = form.find("section", class_="publishing-status")
    assert "A draft change is waiting" in text(notice)
    assert diff_sides(notice.select_one(".field-changes dd")) == (iv.summary, NEW_SUMMARY)
    submit(editor, iv, "_draft", summary="A second thought.")
    assert PageChange.objects.get().values == {"summary": "A second thought."}
    submit(editor, iv, "_draft", summary=iv.summary)  # back to what is live: nothing waits any more
    assert not PageChange.objects.exists()


def test_saving_a_draft_with_no_edits_saves_nothing(editor, iv):
    response = submit(editor, iv, "_draft")
    assert response.status_code == 302
    assert not PageChange.objects.exists()
    assert "Nothing to save" in text(soup(editor.get(response["Location"])))


def test_a_draft_with_a_mistake_gets_a_message_next_to_the_field(editor, iv):
    response = submit(editor, iv, "_draft", slug="compare")
    assert response.status_code == 200 and "is used by another page" in error_note(response)
    assert not PageChange.objects.exists()


# --- preview -----------------------------------------------------------------------------------------

PREVIEWS = [
    # model, how to find one live page of it, a text field to change, the public page that shows it
    (Treatment, {"slug": "spravato"}, "summary", None),
    (LegalPage, {"kind": "privacy"}, "body", None),
    (EducationSection, {"slug": "how-it-works"}, "body", "/ketamine/"),
    (Faq, {"treatment__slug": "spravato"}, "answer", "/treatments/spravato/"),
    (Route, {"name__startswith": "IV"}, "effectiveness", "/treatments/compare/"),
    (FinancingFaq, {}, "answer", "/financing/"),
]


@pytest.mark.parametrize("preview", PREVIEWS, ids=[model.__name__ for model, *_ in PREVIEWS])
def test_preview_shows_the_change_on_the_public_page_never_cached(client, editor, initial_content, preview):
    model, lookup, field, path = preview
    page = model.objects.filter(**lookup).first()
    path = path or page.get_absolute_url()
    proposed = "Proposed words that only staff can see for now."
    client.get(path)
    version = content_version()

    response = submit(editor, page, "_preview", **{field: proposed})
    assert response.status_code == 302
    preview = editor.get(response["Location"])

    assert preview.status_code == 200
    html = soup(preview)
    assert proposed in text(html.main)
    assert "Preview of a change that is not published yet" in text(html)
    assert html.find("a", string="Back to editing")["href"] == change_url(page)
    assert preview["X-Robots-Tag"] == "noindex, nofollow"
    cache_control = {part.strip() for part in preview["Cache-Control"].split(",")}
    assert {"no-store", "no-cache", "private"} <= cache_control
    assert html.find(class_="site-footer") and "988" in text(html)  # the real public page, crisis help and all
    assert proposed not in public_text(client, path)
    assert content_version() == version, "a preview neither fills nor empties the public page cache"
    assert getattr(page.__class__.objects.get(pk=page.pk), field) != proposed
    assert not page.history.filter(**{field: proposed}).exists()


def test_preview_is_for_staff_who_may_edit_the_page(client, editor, staff_client, iv):
    submit(editor, iv, "_draft", summary=NEW_SUMMARY)
    url = reverse("admin:publishing_pagechange_preview", args=[PageChange.objects.get().pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert staff_client(INTAKE_COORDINATORS).get(url).status_code == 403
    assert NEW_SUMMARY in editor.get(url).content.decode()


# --- publishing now ----------------------------------------------------------------------------------


def test_publish_now_puts_the_waiting_change_live_at_once(client, editor, iv):
    client.get(iv.get_absolute_url())
    submit(editor, iv, "_draft", summary=NEW_SUMMARY)
    response = submit(editor, iv)  # the form shows the waiting change; "Publish now" is the admin's Save
    assert response.status_code == 302
    assert NEW_SUMMARY in public_text(client, iv.get_absolute_url())
    change = PageChange.objects.get()
    assert change.state == "published" and change.published_by.username == "content"
    assert iv.history.first().history_change_reason == "Published"


def test_publish_now_button_is_offered_on_a_live_page(editor, iv):
    buttons = {button["name"]: button["value"] for button in change_form(editor, iv).select(".submit-row input")}
    assert buttons == {
        "_draft": "Save as a draft change",
        "_preview": "Save draft and preview",
        "_schedule": "Schedule",
        "_save": "Publish now",
    }


# --- scheduled publishing and going offline ----------------------------------------------------------


def run_publishing_job_when_due(run_worker):
    """Let a minute pass for the worker: its next run of the publishing job becomes due, and runs."""
    DBTaskResult.objects.filter(status="READY", args_kwargs__kwargs__job="publish-scheduled-changes").update(
        run_after=timezone.now()
    )
    return run_worker()


def test_a_scheduled_change_is_published_by_the_worker_at_its_time_and_not_before(client, editor, iv, run_worker):
    publish_at = timezone.now() + datetime.timedelta(hours=2)
    response = submit(editor, iv, "_schedule", summary=NEW_SUMMARY, publish_at=in_clinic_time(publish_at))
    assert response.status_code == 302
    assert "Scheduled: your change goes live on" in text(soup(editor.get(response["Location"])))
    change = PageChange.objects.get()
    assert change.state == "scheduled" and change.scheduled_by.username == "content"

    schedule_routine_jobs()
    run_worker()
    assert NEW_SUMMARY not in public_text(client, iv.get_absolute_url()), "not before its time"

    PageChange.objects.update(publish_at=timezone.now() - datetime.timedelta(seconds=1))  # its time has come
    run_publishing_job_when_due(run_worker)
    assert NEW_SUMMARY in public_text(client, iv.get_absolute_url())
    change.refresh_from_db()
    assert change.state == "published" and change.published_at is not None
    record = iv.history.first()
    assert record.history_user.username == "content" and record.history_change_reason == "Published as scheduled"


def test_the_publishing_job_applies_a_change_exactly_at_its_time(iv, reviewer):
    at = timezone.now() + datetime.timedelta(minutes=30)
    iv.summary = NEW_SUMMARY
    services.schedule(page=iv, user=User.objects.get(username="reviewer"), publish_at=at)
    assert services.apply_due_changes(now=at - datetime.timedelta(seconds=1)).startswith("applied 0")
    assert Treatment.objects.get(pk=iv.pk).summary != NEW_SUMMARY
    assert services.apply_due_changes(now=at).startswith("applied 1")
    assert Treatment.objects.get(pk=iv.pk).summary == NEW_SUMMARY


def test_publishing_is_a_routine_job_of_the_worker_every_minute():
    job = routine_jobs()["publish-scheduled-changes"]
    assert job == RoutineJob(function="publishing.services.apply_due_changes", every_seconds=60)


@pytest.mark.parametrize(
    ("button", "value", "message"),
    [
        ("_schedule", "", "Choose the date and time your change should go live."),
        ("_schedule", "2001-01-01T09:00", "Choose a time in the future."),
        ("_schedule", "not a date", "Enter a valid date/time."),
    ],
)
def test_scheduling_needs_a_time_in_the_future(editor, iv, button, value, message):
    response = submit(editor, iv, button, summary=NEW_SUMMARY, publish_at=value)
    assert response.status_code == 200 and message in error_note(response)
    assert not PageChange.objects.exists()


def test_a_page_goes_offline_at_its_time(client, editor, iv, run_worker):
    offline_at = timezone.now() + datetime.timedelta(days=1)
    response = submit(editor, iv, "_draft", offline_at=in_clinic_time(offline_at))
    assert response.status_code == 302
    assert "This page goes offline on" in text(change_form(editor, iv))
    schedule_routine_jobs()
    run_worker()
    assert client.get(iv.get_absolute_url()).status_code == 200

    PageChange.objects.filter(kind="offline").update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    run_publishing_job_when_due(run_worker)
    assert client.get(iv.get_absolute_url()).status_code == 404
    assert "IV ketamine infusion" not in public_text(client, "/treatments/")
    assert iv.history.first().history_change_reason == "Went offline as scheduled"


def test_clearing_go_offline_at_keeps_the_page_online(editor, iv):
    submit(editor, iv, "_draft", offline_at=in_clinic_time(timezone.now() + datetime.timedelta(days=1)))
    submit(editor, iv, "_draft", offline_at="")
    assert not PageChange.objects.filter(kind="offline").exists()


def test_required_pages_cannot_be_set_to_go_offline(editor, initial_content):
    form = change_form(editor, LegalPage.objects.get(kind="privacy"))
    assert form.find(attrs={"name": "publish_at"}) is not None
    assert form.find(attrs={"name": "offline_at"}) is None


def test_a_scheduled_draft_page_goes_live_at_its_time(client, editor, db):
    draft = TreatmentFactory(slug="new-idea", name="New idea therapy", is_published=False)
    at = timezone.now() + datetime.timedelta(hours=1)
    response = submit(editor, draft, "_schedule", is_published="on", publish_at=in_clinic_time(at))
    assert response.status_code == 302
    assert client.get("/treatments/new-idea/").status_code == 404
    services.apply_due_changes(now=at + datetime.timedelta(minutes=1))
    assert client.get("/treatments/new-idea/").status_code == 200


# --- clinical review ---------------------------------------------------------------------------------


def test_only_clinical_reviewers_mark_a_page_as_needing_review(editor, needs_review, initial_content):
    box = change_form(editor, needs_review).find("input", attrs={"name": "needs_clinical_review"})
    assert box.has_attr("disabled") and box.has_attr("checked")
    submit(editor, needs_review, "_draft", summary=NEW_SUMMARY, needs_clinical_review=None)
    assert needs_clinical_review(page=needs_review)
    spravato = Treatment.objects.get(slug="spravato")
    submit(editor, spravato, needs_clinical_review="on")  # a disabled box's value is ignored
    assert not needs_clinical_review(page=spravato)


def test_an_editor_cannot_publish_a_page_that_needs_review_but_can_prepare_a_draft(client, editor, needs_review):
    form = change_form(editor, needs_review)
    assert {button["name"] for button in form.select(".submit-row input")} == {"_draft", "_preview", "_submit"}
    assert "only a member of the Clinical reviewers group can publish it" in text(form)

    for button in (None, "_schedule"):
        at = in_clinic_time(timezone.now() + datetime.timedelta(hours=1))
        response = submit(editor, needs_review, button, summary=NEW_SUMMARY, publish_at=at)
        assert response.status_code == 200
        assert "This page needs a clinical review" in error_note(response)
    assert NEW_SUMMARY not in public_text(client, needs_review.get_absolute_url())
    assert not PageChange.objects.exists()

    assert submit(editor, needs_review, "_draft", summary=NEW_SUMMARY).status_code == 302
    assert PageChange.objects.get().state == "draft"


def test_a_reviewer_publishes_and_the_page_says_who_reviewed_it_and_when(client, editor, reviewer, needs_review):
    needs_review.last_reviewed = datetime.date(2020, 1, 2)
    needs_review.save()
    submit(editor, needs_review, "_draft", summary=NEW_SUMMARY)
    form = change_form(reviewer, needs_review)
    assert "_save" in {button["name"] for button in form.select(".submit-row input")}
    assert submit(reviewer, needs_review).status_code == 302

    page = soup(client.get(needs_review.get_absolute_url()))
    assert NEW_SUMMARY in text(page.main)
    today = timezone.localdate()
    notes = [text(note) for note in page.select(".review-note")]
    assert notes == [f"Reviewed by Dana Reyes on {today:%B} {today.day}, {today.year}."]  # one line, not two
    assert "Last reviewed" not in text(page)
    (schema,) = [block for block in json_ld(page) if block.get("@type") == "MedicalTherapy"]
    assert schema["lastReviewed"] == today.isoformat()

    change = PageChange.objects.get()
    assert change.reviewed_by.username == "reviewer" and change.prepared_by.username == "content"
    reason = needs_review.history.first().history_change_reason
    assert "prepared by content" in reason and "clinical review by Dana Reyes on" in reason

    history = text(soup(editor.get(reverse("admin:treatments_treatment_history", args=[needs_review.pk]))))
    assert "clinical review by Dana Reyes" in history and "Dana Reyes" in history


def test_a_change_scheduled_by_a_reviewer_carries_the_review(client, reviewer, needs_review):
    at = timezone.now() + datetime.timedelta(hours=3)
    submit(reviewer, needs_review, "_schedule", summary=NEW_SUMMARY, publish_at=in_clinic_time(at))
    change = PageChange.objects.get()
    assert change.reviewer_name == "Dana Reyes" and change.reviewed_at is not None
    services.apply_due_changes(now=at)
    assert "Reviewed by Dana Reyes on" in public_text(client, needs_review.get_absolute_url())


def test_a_scheduled_change_that_now_needs_review_waits_for_a_reviewer(editor, reviewer, iv):
    at = timezone.now() + datetime.timedelta(hours=1)
    submit(editor, iv, "_schedule", summary=NEW_SUMMARY, publish_at=in_clinic_time(at))
    submit(reviewer, iv, "_draft", needs_clinical_review="on")  # a reviewer marks it; the form showed the change
    PageChange.objects.filter(kind="edit").update(state="scheduled", publish_at=at)
    services.apply_due_changes(now=at)
    assert Treatment.objects.get(pk=iv.pk).summary != NEW_SUMMARY
    assert PageChange.objects.get(kind="edit").state == "draft"


def test_an_editors_revert_of_a_page_that_needs_review_is_only_a_draft(editor, needs_review):
    needs_review.summary = "Edited once."
    needs_review.save()
    first = needs_review.history.last()
    url = reverse("admin:treatments_treatment_simple_history", args=[needs_review.pk, first.history_id])
    page = editor.get(url)
    assert page.status_code == 200 and soup(page).find("input", attrs={"value": "Revert"})
    assert "make this version a draft change" in text(soup(page).select_one(".revert-summary"))
    assert editor.post(url, form_values(soup(page).find("form", id="historicaltreatment_form"))).status_code == 302
    assert Treatment.objects.get(pk=needs_review.pk).summary == "Edited once."
    assert PageChange.objects.get().values["summary"] == first.summary


def test_an_editor_cannot_publish_a_page_that_needs_review_from_the_list(editor, reviewer, initial_content):
    faq = FinancingFaq.objects.first()
    FinancingFaq.objects.filter(pk=faq.pk).update(is_published=False)
    submit(reviewer, FinancingFaq.objects.get(pk=faq.pk), "_save", needs_clinical_review="on")
    data = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(faq.pk), "form-0-is_published": "on", "form-0-ordering": str(faq.ordering), "_save": "Save",
    }  # fmt: skip
    response = editor.post(reverse("admin:financing_financingfaq_changelist"), data)
    refusal = "Changing this needs a clinical review because it is marked “Needs clinical review”"
    assert response.status_code == 200 and refusal in text(soup(response))
    assert not FinancingFaq.objects.get(pk=faq.pk).is_published


def test_the_list_of_changes_shows_what_waits_with_links_to_preview_and_page(editor, iv):
    submit(editor, iv, "_draft", summary=NEW_SUMMARY)
    listing = soup(editor.get(reverse("admin:publishing_pagechange_changelist")))
    links = {text(link): link["href"] for link in listing.select("#result_list a")}
    assert links["Treatment: IV ketamine infusion"] == change_url(iv)
    assert links["Preview"] == reverse("admin:publishing_pagechange_preview", args=[PageChange.objects.get().pk])


def test_discarding_a_waiting_change_leads_back_to_the_page(editor, iv):
    submit(editor, iv, "_draft", summary=NEW_SUMMARY)
    discard = change_form(editor, iv).find("a", string="Discard this change")["href"]
    response = editor.post(discard, {"post": "yes"})
    assert response.status_code == 302 and response["Location"] == change_url(iv)
    assert "The change was discarded" in text(soup(editor.get(response["Location"])))
    assert not PageChange.objects.exists()
    assert Treatment.objects.get(pk=iv.pk).summary == iv.summary


def test_a_deleted_page_takes_its_waiting_changes_and_review_rule_with_it(editor, reviewer, initial_content):
    faq = Faq.objects.filter(treatment__slug="spravato").first()
    submit(reviewer, faq, "_draft", answer="A new answer.", needs_clinical_review="on")
    submit(editor, faq, "_draft", offline_at=in_clinic_time(timezone.now() + datetime.timedelta(days=2)))
    assert PageChange.objects.count() == 2
    faq.delete()
    assert not PageChange.objects.exists() and not needs_clinical_review(page=faq)


def test_a_time_in_publish_at_needs_the_schedule_button(editor, iv):
    later = in_clinic_time(timezone.now() + datetime.timedelta(hours=1))
    for button in (None, "_draft"):
        response = submit(editor, iv, button, summary=NEW_SUMMARY, publish_at=later)
        assert response.status_code == 200 and "To publish at this time, press “Schedule”" in error_note(response)
    assert Treatment.objects.get(pk=iv.pk).summary != NEW_SUMMARY and not PageChange.objects.exists()


def test_editing_a_scheduled_change_as_a_draft_unschedules_it_and_says_so(editor, iv):
    later = in_clinic_time(timezone.now() + datetime.timedelta(hours=1))
    submit(editor, iv, "_schedule", summary=NEW_SUMMARY, publish_at=later)
    form = change_form(editor, iv)
    assert form.find("input", attrs={"name": "publish_at"})["value"] == later
    response = submit(editor, iv, "_draft", summary="Second thoughts.")
    assert "It is no longer scheduled" in text(soup(editor.get(response["Location"])))
    change = PageChange.objects.get()
    assert change.state == "draft" and change.publish_at is None


def test_a_reviewer_without_a_full_name_is_not_named_by_username(client, staff_client, iv):
    anonymous_reviewer = staff_client(CLINICAL_REVIEWERS, username="drx")
    submit(anonymous_reviewer, iv, "_draft", needs_clinical_review="on")
    submit(anonymous_reviewer, iv, summary=NEW_SUMMARY)
    note = text(soup(client.get(iv.get_absolute_url())).select_one(".review-note"))
    assert note.startswith("Reviewed by the clinic's clinical team on") and "drx" not in note


def test_due_changes_can_be_published_by_hand(iv, editor):
    later = in_clinic_time(timezone.now() + datetime.timedelta(hours=1))
    submit(editor, iv, "_schedule", summary=NEW_SUMMARY, publish_at=later)
    PageChange.objects.update(publish_at=timezone.now())
    output = io.StringIO()
    call_command("publish_due_changes", stdout=output)
    assert output.getvalue().strip() == "applied 1, sent back to draft 0"
    assert Treatment.objects.get(pk=iv.pk).summary == NEW_SUMMARY


def test_an_editor_may_unpublish_a_page_that_needs_review(client, editor, needs_review):
    response = submit(editor, needs_review, is_published=None)  # no review is needed to take a page down
    assert response.status_code == 302
    assert client.get(needs_review.get_absolute_url()).status_code == 404


# --- clinical review follows the page: everything a reviewed page shows ------------------------------

UNSAFE = "Yes, most people can drive home about an hour after Spravato."
SHOWN_ON_SPRAVATO = "because it is shown on the Spravato page"
SPRAVATO = "/treatments/spravato/"


@pytest.fixture
def reviewed_spravato(reviewer, initial_content):
    """Spravato marked as needing review and published by a reviewer: the page says "Reviewed by Dana Reyes"."""
    spravato = Treatment.objects.get(slug="spravato")
    response = submit(reviewer, spravato, needs_clinical_review="on", summary=f"{spravato.summary} Reviewed.")
    assert response.status_code == 302
    return spravato


@pytest.fixture
def spravato_faq(reviewed_spravato):
    return Faq.objects.filter(treatment=reviewed_spravato, is_published=True).first()


def review_notes(client, path=SPRAVATO):
    return [text(note) for note in soup(client.get(path)).select(".review-note")]


def assert_reviewed_page_unchanged(client, words=UNSAFE):
    page = public_text(client, SPRAVATO)
    assert words not in page
    assert [note.split(" on ")[0] for note in review_notes(client)] == ["Reviewed by Dana Reyes"]


def test_a_reviewer_publishing_a_page_unchanged_records_a_review_of_it_and_all_on_it(
    client, editor, reviewer, initial_content
):
    spravato = Treatment.objects.get(slug="spravato")
    faq = Faq.objects.filter(treatment=spravato).first()
    assert submit(editor, faq, answer="Words written before the page needed a review.").status_code == 302
    assert submit(reviewer, spravato, needs_clinical_review="on").status_code == 302  # nothing else changed
    assert review_notes(client) == [f"Reviewed by Dana Reyes on {date_text(timezone.localdate())}."]
    change = PageChange.objects.get(content_type__model="treatment")
    assert change.state == "published" and change.values == {} and change.reviewer_name == "Dana Reyes"
    assert "Words written before the page needed a review." in public_text(client, SPRAVATO)


def date_text(day):
    return f"{day:%B} {day.day}, {day.year}"


def test_the_review_line_names_the_latest_review_of_the_page(client, reviewed_spravato, staff_client):
    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    PageChange.objects.filter(reviewer_name="Dana Reyes").update(published_at=two_days_ago, reviewed_at=two_days_ago)
    sam = staff_client(CLINICAL_REVIEWERS, username="sam")
    User.objects.filter(username="sam").update(first_name="Sam", last_name="Lee")
    assert submit(sam, reviewed_spravato, summary=f"{reviewed_spravato.summary} Again.").status_code == 302
    assert review_notes(client) == [f"Reviewed by Sam Lee on {date_text(timezone.localdate())}."]


@pytest.mark.parametrize("changed", [False, True], ids=["unchanged", "changed"])
def test_a_new_review_reaches_a_review_line_already_drawn(client, reviewed_spravato, staff_client, changed):
    """The latest reviews are read with the page frame, which a publication makes new, whether or not it changes
    a word."""
    assert review_notes(client) == [f"Reviewed by Dana Reyes on {date_text(timezone.localdate())}."]
    sam = staff_client(CLINICAL_REVIEWERS, username="sam")
    User.objects.filter(username="sam").update(first_name="Sam", last_name="Lee")
    changes = {"summary": "A nasal spray you take at the clinic."} if changed else {}
    assert submit(sam, reviewed_spravato, **changes).status_code == 302
    assert PageChange.objects.latest("pk").values == changes
    assert review_notes(client) == [f"Reviewed by Sam Lee on {date_text(timezone.localdate())}."]


@pytest.mark.parametrize("field", ["answer", "answer_es", "question"])
def test_an_editor_cannot_publish_a_word_of_a_faq_shown_on_a_reviewed_page(client, editor, spravato_faq, field):
    for button in (None, "_schedule"):
        at = in_clinic_time(timezone.now() + datetime.timedelta(hours=1))
        response = submit(editor, spravato_faq, button, **{field: UNSAFE[:190]}, publish_at=at)
        assert response.status_code == 200
        assert f"Changing this needs a clinical review {SHOWN_ON_SPRAVATO}" in error_note(response)
    assert getattr(Faq.objects.get(pk=spravato_faq.pk), field) != UNSAFE[:190]
    assert_reviewed_page_unchanged(client, UNSAFE[:190])
    assert UNSAFE[:190] not in public_text(client, "/es" + SPRAVATO)
    assert not PageChange.objects.filter(object_id=spravato_faq.pk, content_type__model="faq").exists()


def test_the_faq_form_says_why_it_needs_a_review_and_offers_only_drafts(editor, spravato_faq):
    form = change_form(editor, spravato_faq)
    note = text(form.find(class_="publishing-review"))
    assert note.startswith(f"Changing this needs a clinical review {SHOWN_ON_SPRAVATO}: only a member")
    assert {button["name"] for button in form.select(".submit-row input")} == {"_draft", "_preview", "_submit"}
    box = form.find("input", attrs={"name": "needs_clinical_review"})
    assert not box.has_attr("checked"), "the FAQ itself is not marked: the rule comes from its page"


def test_an_editor_prepares_a_faq_draft_and_a_reviewer_publishes_it(client, editor, reviewer, spravato_faq):
    safe = "No. Someone else must drive you home, and you should not drive until the next day."
    assert submit(editor, spravato_faq, "_draft", answer=safe).status_code == 302
    assert safe not in public_text(client, SPRAVATO)
    assert submit(reviewer, spravato_faq).status_code == 302
    assert safe in public_text(client, SPRAVATO)
    change = PageChange.objects.get(content_type__model="faq", object_id=spravato_faq.pk)
    assert change.state == "published" and change.reviewer_name == "Dana Reyes"
    assert review_notes(client) == [f"Reviewed by Dana Reyes on {date_text(timezone.localdate())}."]


def test_an_editor_cannot_change_the_treatment_or_a_comparison_row_shown_on_its_page(client, editor, reviewed_spravato):
    for field, value in (("status", "available"), ("slug", "nasal-spray"), ("name_es", "Otro nombre")):
        response = submit(editor, reviewed_spravato, **{field: value})
        assert response.status_code == 200 and "This page needs a clinical review" in error_note(response)
    assert Treatment.objects.filter(slug="spravato", status="waitlist").exists()
    route = Route.objects.get(treatment=reviewed_spravato)
    response = submit(editor, route, onset="Instant")
    assert response.status_code == 200 and SHOWN_ON_SPRAVATO in error_note(response)
    assert Route.objects.get(pk=route.pk).onset != "Instant"
    assert "Instant" not in public_text(client, SPRAVATO)
    other = Route.objects.filter(treatment__isnull=True).first()  # on the comparison page only: no review needed
    assert submit(editor, other, onset="Slow start").status_code == 302


def test_an_editor_cannot_add_a_published_faq_to_a_reviewed_page(client, editor, reviewed_spravato):
    data = {"question": "Can I drive home?", "answer": UNSAFE, "treatment": str(reviewed_spravato.pk), "ordering": "5"}
    response = editor.post(reverse("admin:treatments_faq_add"), {**data, "is_published": "on"})
    assert response.status_code == 200 and SHOWN_ON_SPRAVATO in error_note(response)
    assert "Untick “published” to add it as a draft" in error_note(response)
    assert not Faq.objects.filter(answer=UNSAFE).exists()
    assert editor.post(reverse("admin:treatments_faq_add"), data).status_code == 302  # unpublished: a draft
    assert_reviewed_page_unchanged(client)


def test_moving_a_faq_counts_for_both_pages(client, editor, spravato_faq, iv):
    onto = Faq.objects.filter(treatment=iv, is_published=True).first()
    response = submit(editor, onto, treatment=str(spravato_faq.treatment_id))
    assert response.status_code == 200 and SHOWN_ON_SPRAVATO in error_note(response)
    response = submit(editor, spravato_faq, treatment=str(iv.pk))  # off the reviewed page
    assert response.status_code == 200 and SHOWN_ON_SPRAVATO in error_note(response)
    assert Faq.objects.get(pk=onto.pk).treatment == iv and Faq.objects.get(pk=spravato_faq.pk).treatment_id != iv.pk
    assert_reviewed_page_unchanged(client)


def test_an_editor_cannot_take_a_faq_off_a_reviewed_page_but_a_reviewer_who_edits_can(
    client, editor, reviewer, spravato_faq
):
    page_before = public_text(client, SPRAVATO)
    response = submit(editor, spravato_faq, is_published=None)
    assert response.status_code == 200 and "can take it off the site" in error_note(response)
    later = in_clinic_time(timezone.now() + datetime.timedelta(days=1))
    response = submit(editor, spravato_faq, "_draft", offline_at=later)
    assert response.status_code == 200 and SHOWN_ON_SPRAVATO in error_note(response)
    assert not PageChange.objects.filter(kind="offline").exists()
    for url in (
        reverse("admin:treatments_faq_delete", args=[spravato_faq.pk]),
        reverse("admin:treatments_faq_changelist"),
    ):
        data = (
            {"post": "yes"}
            if "delete" in url
            else {"action": "delete_selected", "_selected_action": [spravato_faq.pk], "post": "yes"}
        )
        response = editor.post(url, data)
        assert response.status_code == 200 and SHOWN_ON_SPRAVATO in text(soup(response))
    assert Faq.objects.filter(pk=spravato_faq.pk, is_published=True).exists()
    cache.clear()
    assert public_text(client, SPRAVATO) == page_before
    User.objects.get(username="reviewer").groups.add(Group.objects.get(name=CONTENT_EDITORS))  # may delete
    response = reviewer.post(reverse("admin:treatments_faq_delete", args=[spravato_faq.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Faq.objects.filter(pk=spravato_faq.pk).exists()


def test_an_editors_revert_of_a_faq_of_a_reviewed_page_waits_for_a_reviewer(client, editor, spravato_faq):
    Faq.objects.filter(pk=spravato_faq.pk).update(answer=UNSAFE)  # an old version with the unsafe words
    spravato_faq.refresh_from_db()
    spravato_faq.save()
    old = spravato_faq.history.first()
    Faq.objects.filter(pk=spravato_faq.pk).update(answer="Reviewed words.")
    spravato_faq.refresh_from_db()
    spravato_faq.save()
    url = reverse("admin:treatments_faq_simple_history", args=[spravato_faq.pk, old.history_id])
    form = soup(editor.get(url)).find("form", id="historicalfaq_form")
    assert editor.post(url, form_values(form)).status_code == 302
    assert Faq.objects.get(pk=spravato_faq.pk).answer == "Reviewed words."
    assert UNSAFE not in public_text(client, SPRAVATO)
    assert PageChange.objects.get(state="draft").values["answer"] == UNSAFE
    assert submit(editor, Faq.objects.get(pk=spravato_faq.pk), "_save").status_code == 200  # refused


def test_an_editor_cannot_change_a_page_text_of_a_reviewed_page(client, editor, reviewed_spravato):
    from sitetext.models import SiteText

    heading = SiteText.objects.get(key="treatment.faq_heading")  # "Common questions", on every treatment page
    url = reverse("admin:sitetext_sitetext_change", args=[heading.pk])
    note = text(soup(editor.get(url)).find(class_="field-clinical_review"))
    assert "it is shown on the Spravato page" in note  # beside "it carries safety information…"
    response = editor.post(url, {"text": "Driving is fine", "text_es": heading.text_es})
    assert response.status_code == 200 and "it is shown on the Spravato page" in error_note(response)
    response = editor.post(url, {"text": heading.text, "text_es": "Conducir está bien"})
    assert response.status_code == 200
    label = SiteText.objects.get(key="route.onset")  # listed with the comparison page, shown on treatment pages too
    response = editor.post(reverse("admin:sitetext_sitetext_change", args=[label.pk]), {"text": "X", "text_es": "X"})
    assert response.status_code == 200 and "it is shown on the Spravato page" in error_note(response)
    home = SiteText.objects.get(key="home.offer_heading")  # not on a reviewed page
    response = editor.post(
        reverse("admin:sitetext_sitetext_change", args=[home.pk]), {"text": "Our care", "text_es": "Su cuidado"}
    )
    assert response.status_code == 302
    page = public_text(client, SPRAVATO)
    assert "Driving is fine" not in page and "Common questions" in page
    assert_reviewed_page_unchanged(client)


def test_a_text_whose_model_declares_it_needs_review_needs_a_reviewer(editor, reviewer, initial_content, monkeypatch):
    from sitetext.models import SiteText

    monkeypatch.setattr(
        SiteText, "declares_clinical_review", lambda text: text.key == "home.offer_heading", raising=False
    )
    home = SiteText.objects.get(key="home.offer_heading")
    url = reverse("admin:sitetext_sitetext_change", args=[home.pk])
    response = editor.post(url, {"text": "Our care", "text_es": "Su cuidado"})
    assert response.status_code == 200 and "carries safety information" in error_note(response)
    assert reviewer.post(url, {"text": "Our care", "text_es": "Su cuidado"}).status_code == 302
    assert SiteText.objects.get(pk=home.pk).text == "Our care"


# --- the stamp: shown only while every word on the page is the reviewed version ----------------------


def test_the_stamp_goes_when_a_faq_is_changed_where_no_rule_can_stop_it_and_comes_back_after_a_review(
    client, editor, staff_client, spravato_faq
):
    data = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(spravato_faq.pk), "form-0-ordering": "999", "_save": "Save",
    }  # fmt: skip
    assert editor.post(reverse("admin:treatments_faq_changelist"), data).status_code == 302  # a new order: no words
    assert Faq.objects.get(pk=spravato_faq.pk).ordering == 999
    assert_reviewed_page_unchanged(client)

    spravato_faq.refresh_from_db()
    spravato_faq.answer = UNSAFE
    spravato_faq.save()  # a shell, or a data migration: no admin in the way
    page = soup(client.get(SPRAVATO))
    assert UNSAFE in text(page.main)
    assert not page.select(".review-note"), "no review line at all while an unreviewed word is live"
    (schema,) = [block for block in json_ld(page) if block.get("@type") == "MedicalTherapy"]
    assert "lastReviewed" not in schema

    second = staff_client(CLINICAL_REVIEWERS, username="sam")
    User.objects.filter(username="sam").update(first_name="Sam", last_name="Lee")
    assert submit(second, spravato_faq).status_code == 302  # reviewed as it stands: nothing to change
    assert review_notes(client) == [f"Reviewed by Sam Lee on {date_text(timezone.localdate())}."]


def test_the_stamp_goes_when_a_page_text_of_the_page_changes_unreviewed(client, reviewed_spravato):
    from sitetext.models import SiteText

    heading = SiteText.objects.get(key="treatment.faq_heading")
    heading.text = "Questions people ask"
    heading.save()
    assert review_notes(client) == []


def test_the_stamp_goes_when_a_comparison_row_of_the_page_changes_unreviewed(client, reviewed_spravato):
    other = Route.objects.filter(treatment__isnull=True).first()
    other.onset = "Slow"
    other.save()  # not on this page
    assert review_notes(client) != []
    route = Route.objects.get(treatment=reviewed_spravato)
    route.onset = "Instant"
    route.save()
    assert review_notes(client) == []


def test_shipped_spanish_for_a_reviewed_page_waits_for_a_reviewer_and_its_stamp_stays(
    client, reviewer, initial_content
):
    faq = Faq.objects.filter(treatment__slug="spravato").first()
    Faq.objects.filter(pk=faq.pk).update(answer_es="")  # not translated yet when the page was reviewed
    spravato = Treatment.objects.get(slug="spravato")
    submit(reviewer, spravato, needs_clinical_review="on")
    stamp = review_notes(client, "/es" + SPRAVATO)
    assert stamp != []
    call_command("load_initial_content", stdout=io.StringIO())
    assert Faq.objects.get(pk=faq.pk).answer_es == ""  # the live page is as reviewed, and says so
    assert review_notes(client, "/es" + SPRAVATO) == stamp
    change = changes_of(page=faq).get()
    assert change.state == "draft" and list(change.values) == ["answer_es"]

    assert submit(reviewer, faq, "_publish").status_code == 302
    assert Faq.objects.get(pk=faq.pk).answer_es == change.values["answer_es"]
    change.refresh_from_db()
    assert change.state == "published" and change.reviewer_name == "Dana Reyes"
    assert [note.split(" on ")[0] for note in review_notes(client)] == ["Reviewed by Dana Reyes"]


def test_a_reviewed_legal_page_covers_its_page_texts_too(client, editor, reviewer, initial_content):
    from sitetext.models import SiteText

    privacy = LegalPage.objects.get(kind="privacy")
    assert submit(reviewer, privacy, needs_clinical_review="on", body=f"{privacy.body}\n\nReviewed.").status_code == 302
    assert review_notes(client, privacy.get_absolute_url())[0].startswith("Reviewed by Dana Reyes on")
    legal_text = SiteText.objects.filter(key__startswith="legal.").first()
    url = reverse("admin:sitetext_sitetext_change", args=[legal_text.pk])
    response = editor.post(url, {"text": "New words", "text_es": "Palabras nuevas"})
    assert response.status_code == 200 and "because it is shown on the Privacy" in error_note(response)
    legal_text.text = "New words"
    legal_text.save()  # where no admin rule can stop it
    assert review_notes(client, privacy.get_absolute_url()) == []


# --- overdue scheduled changes: the worker is not running ---------------------------------------------

OVERDUE = "Overdue: the worker has not published it — is the worker running?"


def schedule_then_let_time_pass(editor, page, *, late_by, kind="edit"):
    """Schedule a change to `page` through its form, then move its time `late_by` into the past, as if no
    worker had run since."""
    later = in_clinic_time(timezone.now() + datetime.timedelta(hours=1))
    if kind == "edit":
        assert submit(editor, page, "_schedule", summary=NEW_SUMMARY, publish_at=later).status_code == 302
    else:
        assert submit(editor, page, "_draft", offline_at=later).status_code == 302
    change = changes_of(page=page).get(kind=kind, state="scheduled")
    PageChange.objects.filter(pk=change.pk).update(publish_at=timezone.now() - late_by)
    return change


def test_a_scheduled_change_more_than_a_few_minutes_late_is_overdue(editor, iv, initial_content):
    late = schedule_then_let_time_pass(editor, iv, late_by=datetime.timedelta(minutes=4))
    other = Treatment.objects.get(slug="intramuscular-ketamine")
    just_due = schedule_then_let_time_pass(editor, other, late_by=datetime.timedelta(seconds=30))
    now = timezone.now()
    assert list(overdue_changes(now=now)) == [late]  # the worker, every minute, may not have reached the other yet
    assert set(overdue_changes(now=now + datetime.timedelta(minutes=5))) == {late, just_due}
    services.apply_due_changes(now=now)
    assert list(overdue_changes(now=now + datetime.timedelta(minutes=5))) == []  # published: no longer waiting


def test_the_list_of_changes_flags_an_overdue_one_and_filters_to_them(editor, iv, initial_content):
    late = schedule_then_let_time_pass(editor, iv, late_by=datetime.timedelta(minutes=10))
    other = Treatment.objects.get(slug="intramuscular-ketamine")
    on_time = schedule_then_let_time_pass(editor, other, late_by=-datetime.timedelta(hours=1))  # still to come
    changelist = reverse("admin:publishing_pagechange_changelist")
    rows = {
        text(row.find(class_="field-page_link")): text(row.find("td", class_="field-overdue"))
        for row in soup(editor.get(changelist)).select("#result_list tbody tr")
    }
    assert rows == {f"Treatment: {late.page}": OVERDUE, f"Treatment: {on_time.page}": "—"}
    filtered = soup(editor.get(changelist + "?overdue=yes")).select("#result_list tbody tr")
    assert [text(row.find(class_="field-page_link")) for row in filtered] == [f"Treatment: {late.page}"]


@pytest.mark.parametrize("kind", ["edit", "offline"])
def test_the_pages_form_says_its_scheduled_change_is_overdue(editor, iv, kind):
    schedule_then_let_time_pass(editor, iv, late_by=-datetime.timedelta(minutes=30), kind=kind)
    status = change_form(editor, iv).find("section", class_="publishing-status")
    assert OVERDUE not in text(status)  # still to come
    PageChange.objects.filter(kind=kind).update(publish_at=timezone.now() - datetime.timedelta(minutes=5))
    status = change_form(editor, iv).find("section", class_="publishing-status")
    (note,) = status.find_all("p", class_="publishing-overdue")
    assert text(note).startswith(OVERDUE)


def test_the_admin_home_counts_overdue_changes_and_links_to_them(editor, staff_client, iv, initial_content):
    home = reverse("admin:index")
    assert soup(editor.get(home)).find("section", class_="overdue-changes") is None
    schedule_then_let_time_pass(editor, iv, late_by=datetime.timedelta(minutes=10))
    schedule_then_let_time_pass(
        editor, Treatment.objects.get(slug="intramuscular-ketamine"), late_by=datetime.timedelta(minutes=3)
    )
    section = soup(editor.get(home)).find("section", class_="overdue-changes")
    link = section.find("a")
    assert text(link) == "2 scheduled changes to live pages not published at their time"
    assert link["href"] == reverse("admin:publishing_pagechange_changelist") + "?overdue=yes"
    assert editor.get(link["href"]).status_code == 200
    coordinator = staff_client(INTAKE_COORDINATORS)  # who cannot see the changes is not told about them
    assert soup(coordinator.get(home)).find("section", class_="overdue-changes") is None
