"""The publishing admin's views, one per step (publishing.admin): who may use each, how each answers GET and
POST, and the clinical review rule on every path."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from content.history import is_revert
from publishing.models import PageChange
from staff.roles import INTAKE_COORDINATORS
from tests.factories import TreatmentFactory
from tests.markup import form_values, soup, text
from tests.publishing.test_publishing import (
    NEW_SUMMARY,
    change_form,
    change_url,
    error_note,
    in_clinic_time,
    public_text,
    submit,
)
from treatments.models import Treatment

pytestmark = pytest.mark.django_db

BUTTONS = ["_draft", "_preview", "_schedule", "_save"]


def in_an_hour():
    return in_clinic_time(timezone.now() + datetime.timedelta(hours=1))


def pressed(client, page, button, **changes):
    """`submit`, with a time for Schedule."""
    if button == "_schedule":
        changes.setdefault("publish_at", in_an_hour())
    return submit(client, page, button, **changes)


def messages_after(client, response):
    return text(soup(client.get(response["Location"])).select_one(".messagelist"))


# --- the change form and its buttons -----------------------------------------------------------------


@pytest.mark.parametrize("button", BUTTONS)
def test_staff_who_may_not_change_pages_can_press_no_button(editor, staff_client, iv, button):
    data = form_values(change_form(editor, iv)) | {"summary": NEW_SUMMARY, button: "pressed"}
    if button == "_schedule":
        data["publish_at"] = in_an_hour()
    coordinator = staff_client(INTAKE_COORDINATORS)
    assert coordinator.get(change_url(iv)).status_code == 403
    assert coordinator.post(change_url(iv), data).status_code == 403
    assert not PageChange.objects.exists()
    assert Treatment.objects.get(pk=iv.pk).summary == iv.summary


@pytest.mark.parametrize(
    ("who", "button", "outcome"),
    [
        ("editor", "_draft", "draft"),
        ("editor", "_preview", "draft"),
        ("editor", "_schedule", "refused"),
        ("editor", "_save", "refused"),
        ("reviewer", "_draft", "draft"),
        ("reviewer", "_preview", "draft"),
        ("reviewer", "_schedule", "scheduled"),
        ("reviewer", "_save", "published"),
    ],
)
def test_the_review_rule_on_each_button(request, client, needs_review, who, button, outcome):
    live_summary = needs_review.summary
    response = pressed(request.getfixturevalue(who), needs_review, button, summary=NEW_SUMMARY)
    live = Treatment.objects.get(pk=needs_review.pk)
    if outcome == "refused":
        assert response.status_code == 200 and "This page needs a clinical review" in error_note(response)
        assert not PageChange.objects.exists() and live.summary == live_summary
        return
    assert response.status_code == 302
    change = PageChange.objects.get()
    assert change.state == outcome
    assert live.summary == (NEW_SUMMARY if outcome == "published" else live_summary)
    reviewed = outcome in ("scheduled", "published")
    assert change.reviewer_name == ("Dana Reyes" if reviewed else "") and bool(change.reviewed_at) == reviewed
    if button == "_preview":
        assert response["Location"] == reverse("admin:publishing_pagechange_preview", args=[change.pk])


def test_each_button_says_what_it_did(editor, iv):
    messages = messages_after(editor, pressed(editor, iv, "_schedule", summary=NEW_SUMMARY))
    assert "Scheduled: your change goes live on" in messages
    messages = messages_after(editor, pressed(editor, iv, "_draft", summary=NEW_SUMMARY))
    assert "Saved as a draft change. The live page has not changed." in messages
    assert "It is no longer scheduled" in messages
    messages = messages_after(editor, pressed(editor, iv, "_draft", summary="Another thought."))
    assert "Saved as a draft change" in messages and "no longer scheduled" not in messages
    for button in ("_draft", "_preview", "_schedule"):
        response = pressed(editor, Treatment.objects.get(slug="spravato"), button)
        assert response.status_code == 302 and "Nothing to save" in messages_after(editor, response)
    response = pressed(editor, iv, "_continue")
    assert response["Location"] == change_url(iv) and "was changed successfully" in messages_after(editor, response)


def test_a_draft_reports_its_reading_level_as_publishing_does(editor, iv):
    response = pressed(editor, iv, "_draft", summary="You rest. We watch you. You go home.")
    assert "Reading level checked" in messages_after(editor, response)


def test_a_page_that_does_not_exist_gets_admins_answer(editor, db):
    url = reverse("admin:treatments_treatment_change", args=[987654])
    for response in (editor.get(url), editor.post(url, {"_draft": "pressed"})):
        assert response.status_code == 302 and response["Location"] == reverse("admin:index")


def test_the_change_form_answers_get_and_post_only(editor, iv):
    assert editor.generic("PUT", change_url(iv), "summary=x").status_code == 405
    assert Treatment.objects.get(pk=iv.pk).summary == iv.summary


# --- preview ---------------------------------------------------------------------------------------------


def test_the_preview_is_for_staff_who_may_edit_the_page_and_answers_get_only(editor, staff_client, iv):
    pressed(editor, iv, "_draft", summary=NEW_SUMMARY)
    url = reverse("admin:publishing_pagechange_preview", args=[PageChange.objects.get().pk])
    response = editor.get(url)
    assert response.status_code == 200 and NEW_SUMMARY in text(soup(response).main)
    assert editor.get(url, {"language": "fr"}).status_code == 404
    assert editor.post(url).status_code == 405
    assert staff_client(INTAKE_COORDINATORS).get(url).status_code == 403
    pressed(editor, iv, "_save")  # published: nothing waits to be previewed
    assert editor.get(url).status_code == 404


# --- discard -------------------------------------------------------------------------------------------


def test_discarding_asks_first_and_only_a_waiting_change_is_discarded(editor, staff_client, iv):
    pressed(editor, iv, "_draft", summary=NEW_SUMMARY)
    change = PageChange.objects.get()
    url = reverse("admin:publishing_pagechange_delete", args=[change.pk])
    confirm = soup(editor.get(url))
    assert confirm.find("input", attrs={"name": "post", "value": "yes"}) is not None
    assert staff_client(INTAKE_COORDINATORS).post(url, {"post": "yes"}).status_code == 403
    assert PageChange.objects.filter(pk=change.pk, state="draft").exists()
    pressed(editor, iv, "_save")  # published: the record of who published what stays
    assert PageChange.objects.get(pk=change.pk).state == "published"
    assert editor.post(url, {"post": "yes"}).status_code == 403
    assert PageChange.objects.filter(pk=change.pk).exists()


def test_discarding_a_change_already_gone_gets_admins_answer(editor, iv):
    pressed(editor, iv, "_draft", summary=NEW_SUMMARY)
    url = reverse("admin:publishing_pagechange_delete", args=[PageChange.objects.get().pk])
    assert editor.post(url, {"post": "yes"}).status_code == 302
    response = editor.post(url, {"post": "yes"})
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")


# --- revert ----------------------------------------------------------------------------------------------


def edit_since(page):
    page.summary = "Edited since."
    page.save()


def revert(client, page, version):
    url = reverse("admin:treatments_treatment_simple_history", args=[page.pk, version.history_id])
    form = soup(client.get(url)).find("form", id="historicaltreatment_form")
    return client.post(url, form_values(form))


def test_a_revert_makes_a_draft_that_replaces_a_waiting_one_and_publishes_as_a_revert(client, editor, iv):
    old = iv.history.first()
    edit_since(iv)
    pressed(editor, iv, "_draft", summary=NEW_SUMMARY)
    history_url = reverse("admin:treatments_treatment_simple_history", args=[iv.pk, old.history_id])
    warning = text(soup(editor.get(history_url)).select_one(".revert-summary"))
    assert "A draft change is already waiting" in warning and "Reverting replaces it" in warning

    response = revert(editor, iv, old)
    assert response.status_code == 302 and response["Location"] == change_url(iv)
    said = messages_after(editor, response)
    assert "is now a draft change. Patients still see the page as it was." in said
    assert "changed successfully" not in said
    assert Treatment.objects.get(pk=iv.pk).summary == "Edited since."  # nothing live yet
    change = PageChange.objects.get()
    assert change.state == "draft" and change.values == {"summary": old.summary}
    assert change.reason.startswith("Reverted to the version of")
    assert [step.action for step in change.steps.all()] == ["saved", "reverted"]

    assert pressed(editor, iv, "_save").status_code == 302
    reverted = Treatment.objects.get(pk=iv.pk)
    assert reverted.summary == old.summary and is_revert(reverted.history.first())
    assert old.summary in public_text(client, iv.get_absolute_url())


def test_a_revert_to_what_is_live_changes_nothing_and_keeps_the_waiting_draft(editor, iv):
    pressed(editor, iv, "_draft", summary=NEW_SUMMARY)
    response = revert(editor, iv, iv.history.first())
    assert "nothing to revert" in messages_after(editor, response)
    assert PageChange.objects.get().values == {"summary": NEW_SUMMARY}


def test_a_revert_of_a_page_that_needs_review_is_a_draft_for_a_reviewer(editor, reviewer, needs_review):
    old = needs_review.history.first()
    edit_since(needs_review)
    response = revert(editor, needs_review, old)
    assert response.status_code == 302 and "press “Save and submit for review”" in messages_after(editor, response)
    assert Treatment.objects.get(pk=needs_review.pk).summary == "Edited since."
    assert pressed(editor, needs_review, "_save").status_code == 200  # an editor still cannot publish it
    assert pressed(editor, needs_review, "_submit").status_code == 302
    assert PageChange.objects.get().review == "waiting"
    assert pressed(reviewer, needs_review, "_save").status_code == 302
    reverted = Treatment.objects.get(pk=needs_review.pk)
    assert reverted.summary == old.summary and is_revert(reverted.history.first())
    published = PageChange.objects.get(state="published")
    assert published.reviewer_name == "Dana Reyes" and published.prepared_by.username == "content"


def test_a_revert_with_a_mistake_comes_back_with_it_marked(editor, iv):
    old = iv.history.first()
    Treatment.objects.filter(pk=iv.pk).update(slug="iv-moved")
    TreatmentFactory(slug=old.slug, name="Another page")
    response = revert(editor, Treatment.objects.get(pk=iv.pk), old)
    assert response.status_code == 200 and error_note(response)
    assert Treatment.objects.get(pk=iv.pk).slug == "iv-moved"
