"""The live preview beside a change form (publishing.admin.live_preview): the form's unsaved input rendered by the
page's own view, in English or Spanish, in a transaction rolled back: nothing stored, nothing cached."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse

from clinic.models import LegalPage
from content.page_cache import content_version
from financing.models import FinancingFaq, FinancingPlan, FinancingProgram
from outbox.models import OutgoingEmail
from publishing.models import PageChange
from sitetext.models import SiteText
from staff.roles import CONTENT_EDITORS, INTAKE_COORDINATORS
from tests.markup import form_values, soup, text
from tests.publishing.test_publishing import NEW_SUMMARY, change_form, change_url, submit
from treatments.models import Faq, Treatment

pytestmark = pytest.mark.django_db

NEW_SUMMARY_ES = "Un resumen nuevo y tranquilo, todavía sin guardar."


@pytest.fixture
def iv(initial_content):
    return Treatment.objects.get(slug="iv-ketamine-infusion")


def live_preview_url(page, language=None):
    url = reverse(f"admin:{page._meta.app_label}_{page._meta.model_name}_live_preview", args=[page.pk])
    return f"{url}?language={language}" if language else url


def preview(client, page, language=None, **changes):
    """Post the page's change form as it stands, with `changes`, to its live preview, as the panel's script does."""
    data = form_values(change_form(client, page)) | changes
    return client.post(live_preview_url(page, language), data)


def stored_rows(page):
    """Counts of everything an edit could leave behind."""
    history = type(page).history.model.objects
    return {
        "pages": type(page)._default_manager.count(),
        "history": history.count(),
        "changes": PageChange.objects.count(),
        "outbox": OutgoingEmail.objects.count(),
        "admin log": page._meta.apps.get_model("admin", "LogEntry").objects.count(),
    }


# --- what it shows ---------------------------------------------------------------------------------------------


def test_the_preview_shows_the_edited_words_in_english_and_in_spanish(editor, iv):
    live = iv.summary
    english = preview(editor, iv, summary=NEW_SUMMARY, summary_es=NEW_SUMMARY_ES)
    assert english.status_code == 200 and english["X-Live-Preview"] == "page"
    page = soup(english)
    assert page.html["lang"] == "en"
    assert NEW_SUMMARY in text(page.main) and live not in text(page.main)

    spanish = soup(preview(editor, iv, "es", summary=NEW_SUMMARY, summary_es=NEW_SUMMARY_ES))
    assert spanish.html["lang"] == "es"
    assert NEW_SUMMARY_ES in text(spanish.main) and NEW_SUMMARY not in text(spanish.main)


def test_the_preview_stores_nothing(editor, iv):
    before = stored_rows(iv)
    assert preview(editor, iv, summary=NEW_SUMMARY, summary_es=NEW_SUMMARY_ES).status_code == 200
    assert preview(editor, iv, "es", summary=NEW_SUMMARY).status_code == 200
    assert stored_rows(iv) == before
    iv.refresh_from_db()
    assert iv.summary != NEW_SUMMARY


def page_cache_entry(path):
    return cache.get(f"page:testserver:{path}?")  # content.page_cache's key of a public page


def test_the_preview_is_never_cached_and_leaves_the_page_cache_as_it_was(client, editor, iv):
    live = iv.summary
    english_path = iv.get_absolute_url()
    spanish_path = f"/es{english_path}"
    assert live in text(soup(client.get(english_path)).main)  # a patient's visit fills the cache
    stored = page_cache_entry(english_path)
    version = content_version()
    assert stored is not None and page_cache_entry(spanish_path) is None

    for language in ("en", "es"):
        response = preview(editor, iv, language, summary=NEW_SUMMARY, summary_es=NEW_SUMMARY_ES)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert content_version() == version  # nothing cleared: the saves inside the preview were rolled back
    assert page_cache_entry(english_path) == stored and page_cache_entry(spanish_path) is None
    for _ in range(2):  # from the cache, then rendered afresh: patients see the live words
        page = text(soup(client.get(english_path)).main)
        assert live in page and NEW_SUMMARY not in page
        cache.clear()


def test_the_preview_shows_the_waiting_change_under_the_edits_and_keeps_it(editor, iv):
    submit(editor, iv, "_draft", summary=NEW_SUMMARY)
    change = PageChange.objects.get()
    page = soup(preview(editor, iv, what_to_expect="Edited just now."))  # the form shows the waiting change
    assert NEW_SUMMARY in text(page.main) and "Edited just now." in text(page.main)
    assert PageChange.objects.get() == change and change.values == PageChange.objects.get().values


# --- who may see it ----------------------------------------------------------------------------------------------


def test_the_preview_is_for_staff_who_may_change_the_page(client, editor, staff_client, iv):
    data = form_values(change_form(editor, iv)) | {"summary": NEW_SUMMARY}
    anonymous = client.post(live_preview_url(iv), data)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    coordinator = staff_client(INTAKE_COORDINATORS)
    assert coordinator.post(live_preview_url(iv), data).status_code == 403

    viewer = staff_client(CONTENT_EDITORS, username="viewer")
    group = Group.objects.get(name=CONTENT_EDITORS)
    viewer_user = group.user_set.get(username="viewer")
    viewer_user.groups.clear()
    viewer_user.user_permissions.add(*group.permissions.filter(codename="view_treatment"))
    assert viewer.get(change_url(iv)).status_code == 200
    assert soup(viewer.get(change_url(iv))).find(id="live-preview") is None
    assert viewer.post(live_preview_url(iv), data).status_code == 403
    assert editor.get(live_preview_url(iv)).status_code == 405  # the form's data comes by POST only


def test_the_preview_needs_the_forms_csrf_token(editor, iv):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.cookies = editor.cookies
    data = form_values(change_form(editor, iv)) | {"summary": NEW_SUMMARY}
    assert strict.post(live_preview_url(iv), {**data, "csrfmiddlewaretoken": "wrong"}).status_code == 403
    assert strict.post(live_preview_url(iv), data).status_code == 200


def test_an_unknown_language_or_page_is_not_found(editor, iv):
    assert preview(editor, iv, "fr").status_code == 404
    url = reverse("admin:treatments_treatment_live_preview", args=[987654])
    assert editor.post(url, {}).status_code == 404


# --- when it cannot show the page ---------------------------------------------------------------------------------


def test_a_form_with_a_mistake_asks_for_it_to_be_fixed(editor, iv):
    before = stored_rows(iv)
    response = preview(editor, iv, name="", summary=NEW_SUMMARY)
    assert response.status_code == 422 and response["X-Live-Preview"] == "message"
    assert "no-store" in response["Cache-Control"]
    page = soup(response)
    assert text(page.h1) == "Fix the errors to see the preview"
    assert [text(item) for item in page.select("main li")] == ["Name"]
    assert stored_rows(iv) == before


def test_a_text_no_page_can_show_says_so(editor, initial_content):
    row = SiteText.objects.get(key="waitlist.leave.heading")  # shown only through a patient's own link
    response = preview(editor, row, text="Leave the {treatment} list?")
    assert response.status_code == 200 and response["X-Live-Preview"] == "message"
    assert text(soup(response).h1) == "Nothing to preview"
    assert "a patient's own link" in text(soup(response).main)


# --- every page with a public address ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "field", "where"),
    [
        (Faq, "answer", "a treatment's question"),
        (LegalPage, "body", "the privacy notice"),
        (FinancingFaq, "answer", "a financing question"),
        (FinancingProgram, "summary", "the financing program"),
    ],
)
def test_every_page_form_has_the_live_preview(editor, initial_content, model, field, where):
    record = model._default_manager.filter(treatment__isnull=False).first() if model is Faq else model.objects.first()
    assert record is not None, where
    form = soup(editor.get(change_url(record)))
    panel = form.find(id="live-preview")
    assert panel is not None and panel["data-url"] == live_preview_url(record)
    words = f"Edited words for {where}, not saved."
    before = stored_rows(record)
    assert words in text(soup(preview(editor, record, **{field: words})).main)
    assert stored_rows(record) == before


def test_the_financing_program_preview_follows_its_plans_and_stores_none(editor, initial_content):
    program = FinancingProgram.objects.first()
    data = form_values(change_form(editor, program))
    plans = FinancingPlan.objects.count()
    prefix = next(name for name in data if name.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    data[f"{prefix}-0-months"] = "abc"  # a mistake in a plan's row
    response = editor.post(live_preview_url(program), data)
    assert response.status_code == 422 and [text(item) for item in soup(response).select("main li")] == ["Months"]
    assert FinancingPlan.objects.count() == plans


def test_a_page_text_previews_where_it_shows_in_both_languages(editor, initial_content):
    row = SiteText.objects.get(key="treatments.heading")
    english = soup(preview(editor, row, text="Our treatments, edited", text_es="Nuestros tratamientos, editado"))
    assert text(english.h1) == "Our treatments, edited"
    spanish = soup(preview(editor, row, "es", text="Our treatments, edited", text_es="Nuestros tratamientos, editado"))
    assert text(spanish.h1) == "Nuestros tratamientos, editado"
    assert SiteText.objects.get(pk=row.pk).text == row.text


# --- without JavaScript -----------------------------------------------------------------------------------------


def test_without_javascript_save_draft_and_preview_shows_the_draft_in_both_languages(editor, iv):
    response = submit(editor, iv, "_preview", summary=NEW_SUMMARY, summary_es=NEW_SUMMARY_ES)
    change = PageChange.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:publishing_pagechange_preview", args=[change.pk])
    form = soup(editor.get(change_url(iv)))
    links = {text(link): link["href"] for link in form.select(".waiting-change a")}
    english = soup(editor.get(response["Location"]))
    assert english.html["lang"] == "en" and NEW_SUMMARY in text(english.main)
    spanish_link = next(href for label, href in links.items() if "Spanish" in label)
    spanish = soup(editor.get(spanish_link))
    assert spanish.html["lang"] == "es" and NEW_SUMMARY_ES in text(spanish.main)
    panel = form.find(id="live-preview")
    assert panel.has_attr("hidden")  # shown by its script only
