"""Readable change history in the admin: full diffs, no phantom changes, reverts named, no links to a 403."""

from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from clinic.models import LegalPage
from content.registry import content_models
from intake.models import ContactAttempt, IntakeRequest
from publishing.models import PageChange
from staff.roles import CONTENT_EDITORS, INTAKE_COORDINATORS
from tests.factories import IntakeRequestFactory
from tests.markup import diff_sides, form_values, soup, text
from tests.media_library.admin_forms import upload
from tests.media_library.pictures import camera_jpeg
from treatments.models import Treatment

pytestmark = pytest.mark.django_db

HISTORY_MODELS = [model for model in content_models() if model in admin.site._registry and hasattr(model, "history")]


@pytest.fixture
def editor(staff_client):
    client = staff_client(CONTENT_EDITORS, username="sam")
    User.objects.filter(username="sam").update(first_name="Sam", last_name="Lee")
    return client


@pytest.fixture
def one_of_each(editor, initial_content, media_root):
    """A record of every model with a history: the initial content, and an image in the library, uploaded as staff
    upload one."""
    assert upload(editor, camera_jpeg()).status_code == 302


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def save_through_the_form(client, page, **changes):
    """Open the change form, change fields, and press the admin's Save ("Publish now" on a live page)."""
    form = soup(client.get(admin_url(type(page), "change", page.pk))).find("form", id=f"{page._meta.model_name}_form")
    response = client.post(admin_url(type(page), "change", page.pk), {**form_values(form), **changes})
    assert response.status_code == 302, text(soup(response).select_one(".errornote") or soup(response))
    return response


def history_rows(client, page):
    """The history list's rows, newest first, as {column: cell}."""
    table = soup(client.get(admin_url(type(page), "history", page.pk))).find("table", id="change-history")
    headings = [text(th) for th in table.thead.find_all("th")]
    return [dict(zip(headings, row.find_all(["th", "td"]), strict=True)) for row in table.tbody.find_all("tr")]


def changes_in(cell):
    """{field label: the <dd> showing its change} of a history row's Changes cell."""
    return {text(term): term.find_next_sibling("dd") for term in cell.find_all("dt")}


def test_every_changed_field_is_shown_in_full_long_texts_word_by_word(editor, initial_content):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    old_body, old_name = iv.body, iv.name
    new_body = old_body.replace("also use it for pain", "also use it for long-lasting pain") + "\n\nA new last line."
    save_through_the_form(editor, iv, body=new_body, name="IV ketamine")

    newest = history_rows(editor, iv)[0]
    assert text(newest["Who"]) == "Sam Lee" and text(newest["What"]) == "Changed"
    changes = changes_in(newest["Changes"])
    assert set(changes) == {"Body", "Name"}
    assert diff_sides(changes["Body"]) == (" ".join(old_body.split()), " ".join(new_body.split()))
    added = [text(tag) for tag in changes["Body"].find_all("ins")]
    assert added == ["[added: long-lasting ]", "[added: A new last line. ]"]
    assert not changes["Body"].find("del")
    assert diff_sides(changes["Name"]) == (old_name, "IV ketamine")
    assert "chars]" not in text(newest["Changes"])


def test_a_rewritten_text_is_shown_whole_old_then_new(editor, initial_content):
    page = LegalPage.objects.get(kind="accessibility")
    old_body, new_body = page.body, "We rewrote this statement from scratch.\n\nIt is short now."
    save_through_the_form(editor, page, body=new_body)
    body = changes_in(history_rows(editor, page)[0]["Changes"])["Body"]
    marks = [tag.name for tag in body.find_all(["del", "ins"])]
    assert marks == ["del"] * marks.count("del") + ["ins", "ins"]  # every old paragraph struck, then the new ones
    assert [text(tag) for tag in body.find_all("ins")] == [
        "[added: We rewrote this statement from scratch. ]",
        "[added: It is short now. ]",
    ]
    assert diff_sides(body) == (" ".join(old_body.split()), " ".join(new_body.split()))


def test_history_shows_staff_text_as_text(editor, initial_content):
    page = LegalPage.objects.get(kind="privacy")
    save_through_the_form(editor, page, body=page.body + '\n\n<script>alert("x")</script> & <b>bold</b>')
    cell = history_rows(editor, page)[0]["Changes"]
    assert cell.find("script") is None and cell.find("b") is None
    assert '<script>alert("x")</script> & <b>bold</b>' in cell.find("ins").get_text()


@pytest.mark.parametrize("model", HISTORY_MODELS, ids=lambda model: model._meta.label)
def test_a_browser_save_without_changes_records_nothing(editor, one_of_each, model):
    page = model.objects.first()
    before = (page.history.count(), page.updated_at)
    save_through_the_form(editor, page)  # text areas come back with \r\n, and without trailing newlines
    page.refresh_from_db()
    assert (page.history.count(), page.updated_at) == before
    assert not PageChange.objects.exists()


def test_a_revert_is_recorded_as_a_revert_with_the_users_name(client, editor, initial_content):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    original = iv.summary
    save_through_the_form(editor, iv, summary="A short-lived summary.")
    first = iv.history.last()
    revert_url = admin_url(Treatment, "simple_history", iv.pk, first.history_id)
    page = soup(editor.get(revert_url))
    summary = {text(term): term.find_next_sibling("dd") for term in page.select(".revert-summary dt")}
    assert diff_sides(summary["Summary"]) == ("A short-lived summary.", original)

    response = editor.post(revert_url, form_values(page.find("form", id="historicaltreatment_form")))
    assert response.status_code == 302  # a draft change of the old version, published from the form as any other
    assert original not in client.get(iv.get_absolute_url()).content.decode()
    save_through_the_form(editor, Treatment.objects.get(pk=iv.pk))
    assert original in client.get(iv.get_absolute_url()).content.decode()
    newest = history_rows(editor, iv)[0]
    assert text(newest["Who"]) == "Sam Lee"
    assert text(newest["What"]).startswith("Reverted Reverted to the version of")
    assert text(newest["What"]).endswith("by Sam Lee")
    assert diff_sides(changes_in(newest["Changes"])["Summary"]) == ("A short-lived summary.", original)


def internal_links(page, base):
    """Every link on the page that stays on the site, resolved against `base`."""
    links = set()
    for link in page.find_all("a", href=True):
        url = urljoin(base, link["href"])
        if not urlsplit(url).netloc and not urlsplit(link["href"]).scheme:
            links.add(url.split("#")[0])
    return links


def assert_no_link_answers_403(client, urls):
    checked = set()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = soup(response)
        for link in internal_links(page, url) - checked:
            checked.add(link)
            assert client.get(link).status_code != 403, f"{url} links to {link}, which answers 403"
    return checked


def test_no_link_on_the_history_pages_leads_a_content_editor_to_a_403(editor, one_of_each):
    save_through_the_form(editor, Treatment.objects.get(slug="spravato"), summary="An edit for the history.")
    urls = []
    for model in HISTORY_MODELS:
        page = model.objects.first()
        urls.append(admin_url(model, "history", page.pk))
        if oldest := page.history.last():  # page texts come without a first record
            urls.append(admin_url(model, "simple_history", page.pk, oldest.history_id))
    checked = assert_no_link_answers_403(editor, urls)
    assert any(urlsplit(link).path.startswith(reverse("admin:index")) for link in checked)
    rows = history_rows(editor, Treatment.objects.get(slug="spravato"))
    assert text(rows[0]["Who"]) == "Sam Lee" and rows[0]["Who"].find("a") is None  # no link to the user admin


def test_no_link_on_the_live_page_forms_leads_a_content_editor_to_a_403(editor, initial_content):
    spravato = Treatment.objects.get(slug="spravato")
    form = soup(editor.get(admin_url(Treatment, "change", spravato.pk))).find("form", id="treatment_form")
    editor.post(admin_url(Treatment, "change", spravato.pk), {**form_values(form), "summary": "New.", "_draft": "1"})
    change = PageChange.objects.get()
    urls = [admin_url(Treatment, "change", spravato.pk), reverse("admin:publishing_pagechange_changelist")]
    urls.append(reverse("admin:publishing_pagechange_change", args=[change.pk]))
    assert_no_link_answers_403(editor, urls)


def test_no_link_on_a_waitlist_entrys_history_leads_a_coordinator_to_a_403(staff_client, spravato):
    coordinator = staff_client(INTAKE_COORDINATORS)
    entry = IntakeRequestFactory(treatment=spravato)
    entry.status = "contacted"
    entry.save()
    ContactAttempt.objects.create(request=entry, outcome="voicemail", note="Called, left a message.")
    urls = [admin_url(IntakeRequest, "history", entry.pk)]
    urls.append(admin_url(IntakeRequest, "simple_history", entry.pk, entry.history.last().history_id))
    assert_no_link_answers_403(coordinator, urls)
