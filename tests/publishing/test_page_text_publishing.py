"""Page texts change like pages: drafts, previews (English and Spanish) and scheduling through publishing; the texts
that carry safety (crisis help, "not for emergencies", the words on treatment pages) only a reviewer publishes."""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from publishing import services
from publishing.models import PageChange
from publishing.selectors import needs_clinical_review
from sitetext.models import SiteText
from sitetext.registry import all_texts, pages
from sitetext.selectors import current_texts
from tests.markup import form_values, soup, text
from tests.publishing.test_publishing import change_form, change_url, error_note, in_clinic_time, submit

pytestmark = pytest.mark.django_db

LANGUAGES = pytest.mark.parametrize(("language", "prefix"), [("en", ""), ("es", "/es")], ids=["en", "es"])
NEW_HEADING = {"en": "A calmer heading, still a draft", "es": "Un título más tranquilo, todavía borrador"}
NEW_CRISIS = {
    "en": "Need help now? Call or text [988](tel:988), day or night. Emergency: [911](tel:911).",
    "es": "¿Necesita ayuda ahora? Llame o envíe un texto al [988](tel:988). Emergencia: [911](tel:911).",
}


def page_text(key):
    return SiteText.objects.get(key=key)


def draft(client, key, button="_draft", *, en=None, es=None, **fields):
    """Edit a page text in its change form (English `en`, Spanish `es`, other `fields`) and press `button`."""
    words = {name: value for name, value in (("text", en), ("text_es", es)) if value}
    return submit(client, page_text(key), button, **words, **fields)


def heading(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return text(soup(response).h1)


def crisis_strip(client, path):
    return soup(client.get(path)).select_one(".crisis-banner .crisis-text").get_text()


def edited_twice(key):
    """The text saved as shipped and then with new words, so its history has a version to revert to."""
    row = page_text(key)
    row.save()
    row.text = NEW_CRISIS["en"]
    row.save()
    return row


def preview_url(change, language=None):
    url = reverse("admin:publishing_pagechange_preview", args=[change.pk])
    return f"{url}?language={language}" if language else url


# --- drafts and previews -----------------------------------------------------------------------------


def test_an_editors_draft_of_a_page_text_leaves_the_live_page_as_it_is(client, editor, initial_content):
    live = heading(client, "/")  # now in the page cache
    response = draft(editor, "home.heading", en=NEW_HEADING["en"], es=NEW_HEADING["es"])
    assert response.status_code == 302 and response["Location"] == change_url(page_text("home.heading"))
    assert "The live page has not changed" in text(soup(editor.get(response["Location"])))

    for _ in range(2):
        assert heading(client, "/") == live and heading(client, "/es/") != NEW_HEADING["es"]
        cache.clear()  # the second time round, rendered from the database
    assert page_text("home.heading").text == "" and current_texts("en")["home.heading"] == live  # the shipped words
    change = PageChange.objects.get()
    assert change.state == "draft" and change.prepared_by.username == "content"
    assert change.values == {"text": NEW_HEADING["en"], "text_es": NEW_HEADING["es"]}

    form = change_form(editor, page_text("home.heading"))  # the form shows the waiting change
    assert form.find("input", attrs={"name": "text"})["value"] == NEW_HEADING["en"]
    assert "A draft change is waiting" in text(form.find("section", class_="publishing-status"))


@LANGUAGES
def test_the_preview_shows_the_draft_on_the_page_that_shows_the_text(client, editor, initial_content, language, prefix):
    live = heading(client, f"{prefix}/")
    response = draft(editor, "home.heading", "_preview", en=NEW_HEADING["en"], es=NEW_HEADING["es"])
    assert response.status_code == 302
    change = PageChange.objects.get()
    links = {
        text(link): link["href"] for link in change_form(editor, page_text("home.heading")).select(".waiting-change a")
    }
    assert links["Preview it in Spanish"] == preview_url(change, "es")
    url = response["Location"] if language == "en" else links["Preview it in Spanish"]

    preview = editor.get(url)
    assert preview.status_code == 200
    page = soup(preview)
    assert page.html["lang"] == language
    assert text(page.h1) == NEW_HEADING[language]
    assert "Preview of a change that is not published yet" in text(page)
    assert page.find("a", string="Back to editing")["href"] == change_url(page_text("home.heading"))
    assert {"no-store", "private"} <= {part.strip() for part in preview["Cache-Control"].split(",")}
    assert heading(client, f"{prefix}/") == live
    assert page_text("home.heading").text != NEW_HEADING["en"]


def test_a_preview_of_a_form_label_never_reaches_the_public_form(client, editor, initial_content):
    form_page = "/waitlist/spravato/"
    label = current_texts()["intake.form.first_name"]
    assert client.get(form_page).status_code == 200  # the blank form is drawn once and kept for everyone
    draft(editor, "intake.form.first_name", "_preview", en="Given name (draft)")
    preview = editor.get(preview_url(PageChange.objects.get()))
    assert soup(preview).find("label", attrs={"for": "id_first_name"}).get_text(strip=True).startswith("Given name")
    for _ in range(2):
        public = soup(client.get(form_page)).find("label", attrs={"for": "id_first_name"})
        assert public.get_text(strip=True).startswith(label) and "draft" not in text(public)


PREVIEWED_ELSEWHERE = [
    # a text, new words for it, the words the preview must show, where on the preview
    ("email.waitlist.body", "Hello,\n\nYou are on the list. Leave:\n{removal_link}", "You are on the list.", "pre"),
    ("email.waitlist.subject", "On the {treatment} list", "On the {treatment} list", "pre"),
    ("error.404.heading", "That page is not here", "That page is not here", "h1"),
    ("treatment.waitlist.heading", "Start with the waitlist", "Start with the waitlist", "#action-heading"),
    (
        "waitlist.thanks.not_emergency",
        "**Not for emergencies.** Call [988](tel:988).",
        "Not for emergencies.",
        "strong",
    ),
    ("route.onset", "How soon it works", "How soon it works", ".route-facts dt"),
]


@pytest.mark.parametrize(
    ("key", "words", "shown", "where"), PREVIEWED_ELSEWHERE, ids=[t[0] for t in PREVIEWED_ELSEWHERE]
)
def test_texts_outside_the_home_page_are_previewed_where_they_show(editor, initial_content, key, words, shown, where):
    response = draft(editor, key, "_preview", en=words)
    assert response.status_code == 302
    preview = editor.get(response["Location"])
    assert preview.status_code == 200 and "Preview of a change" in text(soup(preview))
    assert any(shown in text(element) for element in soup(preview).select(where))


def test_a_text_no_preview_can_open_says_so_clearly(editor, initial_content):
    response = draft(editor, "waitlist.leave.heading", "_preview", en="Leave the {treatment} list?")
    preview = editor.get(response["Location"])
    assert preview.status_code == 302 and preview["Location"] == change_url(page_text("waitlist.leave.heading"))
    assert "There is nothing to preview" in text(soup(editor.get(preview["Location"])))
    assert PageChange.objects.get().state == "draft"


@pytest.mark.parametrize("page", pages())
def test_every_page_texts_preview_renders_or_says_there_is_nothing_to_preview(editor, initial_content, page):
    keys = [key for key, spec in all_texts().items() if spec.page == page]
    for key in {keys[0], keys[-1]}:
        row = page_text(key)
        row.text, row.text_es = row.text + " (draft)", row.text_es + " (borrador)"
        change = services.save_draft(page=row, user=User.objects.get(username="content"))
        for language in ("en", "es"):
            response = editor.get(preview_url(change, language))
            assert response.status_code == 200 or response["Location"] == change_url(row), (key, language)
            if response.status_code == 200:
                assert soup(response).html["lang"] == language
        change.delete()


# --- scheduled publishing ----------------------------------------------------------------------------


def test_a_scheduled_page_text_goes_live_at_its_time_and_the_cached_texts_show_it(client, editor, initial_content):
    live = heading(client, "/")  # the page and the texts are now cached
    assert current_texts("es")["home.heading"] != NEW_HEADING["es"]
    at = timezone.now() + datetime.timedelta(hours=2)
    response = draft(editor, "home.heading", "_schedule", publish_at=in_clinic_time(at), **NEW_HEADING)
    assert response.status_code == 302
    assert "Scheduled: your change goes live on" in text(soup(editor.get(response["Location"])))
    assert services.apply_due_changes(now=at - datetime.timedelta(minutes=1)).startswith("applied 0")
    assert heading(client, "/") == live

    assert services.apply_due_changes(now=at + datetime.timedelta(seconds=30)).startswith("applied 1")
    assert heading(client, "/") == NEW_HEADING["en"] and heading(client, "/es/") == NEW_HEADING["es"]
    assert current_texts("en")["home.heading"] == NEW_HEADING["en"]
    change = PageChange.objects.get()
    assert change.state == "published" and change.published_by.username == "content"
    record = page_text("home.heading").history.first()
    assert record.history_change_reason == "Published as scheduled" and record.history_user.username == "content"


# --- safety texts need a clinical reviewer -----------------------------------------------------------

SAFETY_TEXTS = [
    ("site.crisis", NEW_CRISIS["en"]),
    ("treatment.faq_heading", "Questions people ask"),
    ("route.onset", "How soon it works"),
    ("waitlist.thanks.not_emergency", "This list is for later. In a crisis call or text [988](tel:988)."),
    ("callback.thanks.not_emergency", "This request is not urgent care. Call [911](tel:911) in an emergency."),
    ("email.call_back.body", "We will call you.\n\nCancel: {removal_link}"),
]


@pytest.mark.parametrize(("key", "words"), SAFETY_TEXTS, ids=[key for key, _ in SAFETY_TEXTS])
def test_an_editor_cannot_publish_a_safety_text_from_the_change_form(client, editor, initial_content, key, words):
    live = page_text(key).text
    form = change_form(editor, page_text(key))
    assert {button["name"] for button in form.select(".submit-row input")} == {"_draft", "_preview", "_submit"}
    notice = text(form.find("section", class_="publishing-status"))
    assert "carries safety information" in notice and "only a member of the Clinical reviewers group" in notice
    assert form.find("input", attrs={"name": "needs_clinical_review"}).has_attr("disabled")

    at = in_clinic_time(timezone.now() + datetime.timedelta(hours=1))
    for button, extra in ((None, {}), ("_save", {}), ("_schedule", {"publish_at": at})):
        response = draft(editor, key, button, en=words, **extra)
        refusal = error_note(response)
        assert response.status_code == 200 and "Changing this needs a clinical review because" in refusal
        assert "carries safety information" in refusal
    assert page_text(key).text == live and not PageChange.objects.exists()

    assert draft(editor, key, "_draft", en=words).status_code == 302
    assert PageChange.objects.get().state == "draft" and page_text(key).text == live


def test_an_editor_cannot_put_a_safety_text_live_by_revert_or_from_the_list(editor, reviewer, initial_content):
    crisis = edited_twice("site.crisis")
    first = crisis.history.last()
    url = reverse("admin:sitetext_sitetext_simple_history", args=[crisis.pk, first.history_id])
    page = editor.get(url)
    assert page.status_code == 200
    assert editor.post(url, form_values(soup(page).find("form", id="historicalsitetext_form"))).status_code == 302
    assert page_text("site.crisis").text == NEW_CRISIS["en"]  # a draft only
    assert PageChange.objects.get(state="draft").values["text"] == first.text

    listing = editor.get(reverse("admin:sitetext_sitetext_changelist"))
    assert soup(listing).find("select", attrs={"name": "action"}) is None  # no bulk action at all
    post = {"action": "delete_selected", "_selected_action": [crisis.pk], "index": "0"}
    editor.post(reverse("admin:sitetext_sitetext_changelist"), post)
    assert page_text("site.crisis").text == NEW_CRISIS["en"] and SiteText.objects.filter(pk=crisis.pk).exists()
    assert not PageChange.objects.filter(state="published").exists()

    response = reviewer.post(url, form_values(soup(reviewer.get(url)).find("form", id="historicalsitetext_form")))
    assert response.status_code == 302 and page_text("site.crisis").text == NEW_CRISIS["en"]  # a reviewer's too
    assert draft(reviewer, "site.crisis", "_save", en=first.text).status_code == 302
    assert page_text("site.crisis").text == first.text
    assert page_text("site.crisis").history.first().history_user.username == "reviewer"


@LANGUAGES
def test_a_reviewer_publishes_a_safety_text_and_is_recorded(
    client, editor, reviewer, initial_content, language, prefix
):
    draft(editor, "site.crisis", **NEW_CRISIS)
    form = change_form(reviewer, page_text("site.crisis"))
    assert "_save" in {button["name"] for button in form.select(".submit-row input")}
    assert submit(reviewer, page_text("site.crisis")).status_code == 302  # "Publish now"

    expected = {"en": "Need help now? Call or text 988, day or night. Emergency: 911."}
    expected["es"] = "¿Necesita ayuda ahora? Llame o envíe un texto al 988. Emergencia: 911."
    assert crisis_strip(client, f"{prefix}/") == expected[language]
    change = PageChange.objects.get()
    assert change.state == "published" and change.prepared_by.username == "content"
    assert change.reviewed_by.username == "reviewer" and change.reviewer_name == "Dana Reyes"
    reason = page_text("site.crisis").history.first().history_change_reason
    assert "prepared by content" in reason and "clinical review by Dana Reyes on" in reason
    history_url = reverse("admin:sitetext_sitetext_history", args=[page_text("site.crisis").pk])
    history = text(soup(editor.get(history_url)))
    assert "Dana Reyes Changed Published; prepared by content; clinical review by Dana Reyes on" in history


def test_the_texts_that_carry_safety_are_declared_so(initial_content):
    on_treatment_pages = set()
    for name in (
        "treatments/treatment_detail.html",
        "includes/status_badge.html",
        "intake/includes/callback_button.html",
        "publishing/review_note.html",
    ):
        source = open(get_template(name).origin.name, encoding="utf-8").read()
        on_treatment_pages |= set(re.findall(r'{% text "([\w.]+)"', source))
    emergencies = {key for key, spec in all_texts().items() if "not for emergencies" in spec.default}
    crisis = {"site.crisis", "site.crisis_label", "help.crisis", "help.crisis_heading"}
    assert len(on_treatment_pages) > 20 and len(emergencies) >= 6
    clinical = {key for key, spec in all_texts().items() if spec.clinical}
    assert on_treatment_pages | emergencies | crisis <= clinical
    assert all(needs_clinical_review(page=page_text(key)) for key in crisis | emergencies)
    assert not needs_clinical_review(page=page_text("site.skip_link"))  # editors still publish the plain words


# --- rules that hold for drafts too, and the lists -----------------------------------------------------


def test_a_draft_that_drops_a_required_placeholder_is_refused_at_save(editor, initial_content):
    form = change_form(editor, page_text("email.waitlist.body"))
    assert {button["name"] for button in form.select(".submit-row input")} == {"_draft", "_preview", "_submit"}
    for button in ("_draft", "_preview", "_submit"):
        response = draft(editor, "email.waitlist.body", button, en="Thank you. Write to us to leave the list.")
        assert response.status_code == 200
        errors = soup(response).select(".field-text .errorlist li")
        assert errors and "must keep {removal_link}" in text(errors[0])
    response = draft(editor, "site.skip_link", "_draft", en="Skip\nto the page")
    assert response.status_code == 200 and "Keep this text on one line." in error_note(response)
    assert not PageChange.objects.exists()


def test_the_page_texts_list_shows_which_texts_have_a_waiting_change(editor, initial_content):
    draft(editor, "home.heading", en=NEW_HEADING["en"])
    at = in_clinic_time(timezone.now() + datetime.timedelta(hours=1))
    draft(editor, "home.lead", "_schedule", en="A shorter lead.", publish_at=at)
    listing = reverse("admin:sitetext_sitetext_changelist")
    rows = soup(editor.get(listing, {"waiting": "yes"})).select("#result_list tbody tr")
    states = {text(row.select_one(".field-label")): text(row.select_one(".field-waiting_change")) for row in rows}
    assert states == {"Main heading": "Draft", "Text under the main heading": "Scheduled"}
    others = soup(editor.get(listing, {"waiting": "no", "page": "Home page"})).select("#result_list tbody tr")
    assert others and {text(row.select_one(".field-waiting_change")) for row in others} == {"—"}


def test_changes_to_live_pages_lists_page_text_changes(editor, initial_content):
    draft(editor, "site.crisis", en=NEW_CRISIS["en"])
    listing = soup(editor.get(reverse("admin:publishing_pagechange_changelist")))
    links = {text(link): link["href"] for link in listing.select("#result_list a")}
    assert links["Page text: Crisis help strip (top of every page)"] == change_url(page_text("site.crisis"))
    assert links["Preview"] == preview_url(PageChange.objects.get())
