"""A page text stores only staff's words: empty means the shipped words (texts.py and the catalogue), so a reworded
default reaches every untouched site with no migration, and stored words that break their declaration never show."""

import dataclasses
import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from content.go_live import go_live_issues
from content.page_cache import forget_seen_version
from sitetext import selectors
from sitetext.models import SiteText
from sitetext.registry import all_texts
from staff.roles import CONTENT_EDITORS
from tests.markup import soup, text
from translation import catalogues

pytestmark = pytest.mark.django_db

NEW_HEADING = {
    "en": "Care when other treatments have not helped",
    "es": "Atención cuando otros tratamientos no ayudaron",
}
NEW_OFFER = {"en": "What we offer now", "es": "Lo que ofrecemos ahora"}
STALE_ASK_US = "Ask us: [{phone}](tel:{phone_link})"  # a placeholder renamed since: {phone_link} → {phone_e164}


@pytest.fixture
def release(monkeypatch):
    """`release(key, en, es)`: a release declares new default words for the text `key`, translated in its catalogue."""
    shipped = dict(catalogues._shipped_catalogue())
    monkeypatch.setattr(catalogues, "_shipped_catalogue", lambda: shipped)

    def ship(key, *, en, es):
        monkeypatch.setitem(all_texts(), key, dataclasses.replace(all_texts()[key], default=en))
        shipped[(key, en)] = es
        selectors._shipped.cache_clear()  # a new release is a new process

    yield ship
    selectors._shipped.cache_clear()


def heading(client, path):
    return text(soup(client.get(path)).h1)


def test_a_changed_default_reaches_an_untouched_text_and_staff_words_stay_in_both_languages(
    client, initial_content, release
):
    offer = SiteText.objects.get(key="home.offer_heading")
    offer.text, offer.text_es = "Our care", "Nuestra atención"
    offer.save()
    release("home.heading", **NEW_HEADING)
    release("home.offer_heading", **NEW_OFFER)

    assert heading(client, "/") == NEW_HEADING["en"] and heading(client, "/es/") == NEW_HEADING["es"]
    for path, words in (("/", "Our care"), ("/es/", "Nuestra atención")):
        assert words in [text(h2) for h2 in soup(client.get(path)).find_all("h2")]
    assert SiteText.objects.get(key="home.heading").text == ""  # nothing was migrated or loaded


def test_an_english_edit_keeps_the_shipped_spanish_which_follows_the_release(client, initial_content, release):
    heading_text = SiteText.objects.get(key="home.heading")
    heading_text.text = "Our own heading"
    heading_text.save()
    release("home.heading", **NEW_HEADING)
    assert heading(client, "/") == "Our own heading" and heading(client, "/es/") == NEW_HEADING["es"]


def test_words_that_are_the_shipped_ones_are_stored_empty_and_emptying_a_text_goes_back_to_them(
    client, initial_content, staff_client
):
    editor = staff_client(CONTENT_EDITORS)
    skip = SiteText.objects.get(key="site.skip_link")
    url = reverse("admin:sitetext_sitetext_change", args=[skip.pk])
    form = soup(editor.get(url))
    assert form.find("input", attrs={"name": "text"})["placeholder"] == "Skip to main content"
    assert "Empty it to go back to them" in text(form.select_one(".field-text"))

    assert editor.post(url, {"text": "Jump to the page", "text_es": "", "_publish": "1"}).status_code == 302
    assert text(soup(client.get("/")).select_one(".skip-link")) == "Jump to the page"
    assert editor.post(url, {"text": "", "text_es": "", "_publish": "1"}).status_code == 302
    assert text(soup(client.get("/")).select_one(".skip-link")) == "Skip to main content"
    assert editor.post(url, {"text": "Skip to main content", "text_es": "", "_publish": "1"}).status_code == 302
    assert SiteText.objects.get(pk=skip.pk).text == ""


MIGRATION = importlib.import_module("sitetext.migrations.0003_empty_text_means_the_shipped_words")


def test_the_migration_empties_stored_words_that_are_the_shipped_ones_and_keeps_staff_words(initial_content):
    spec = all_texts()["home.heading"]
    spanish = catalogues.shipped_spanish(spec.default, "home.heading")
    SiteText.objects.filter(key="home.heading").update(text=spec.default + "\n", text_es=spanish)
    SiteText.objects.filter(key="site.skip_link").update(text="Jump to the page", text_es="Ir al contenido")
    editor = SimpleNamespace(connection=connection)

    MIGRATION.empty_the_shipped_words(apps, editor)
    rows = dict((key, (en, es)) for key, en, es in SiteText.objects.values_list("key", "text", "text_es"))
    assert rows["home.heading"] == ("", "")
    assert rows["site.skip_link"] == ("Jump to the page", "Ir al contenido")

    MIGRATION.store_the_shipped_words(apps, editor)
    assert SiteText.objects.get(key="home.heading").text == spec.default


def stale_ask_us():
    ask_us = SiteText.objects.get(key="financing.plans.ask_us")
    SiteText.objects.filter(pk=ask_us.pk).update(text=STALE_ASK_US)  # saved before the placeholder was renamed
    ask_us.save(update_fields=["updated_at"])  # clears the cached pages and texts
    return ask_us


def test_a_stored_text_with_a_stale_placeholder_never_renders_broken_but_as_the_shipped_words(client, initial_content):
    stale_ask_us()
    main = soup(client.get("/financing/")).main
    phone_links = [link["href"] for link in main.find_all("a") if link["href"].startswith("tel:")]
    assert phone_links and all(href == "tel:+16195550100" for href in phone_links)
    assert "{phone_link}" not in str(main)


def test_manage_py_check_and_the_go_live_list_report_a_stored_text_that_breaks_its_declaration(initial_content):
    ask_us = stale_ask_us()
    output = io.StringIO()
    call_command("check", stdout=output, stderr=output)
    assert "sitetext.W001" in output.getvalue() and "{phone_link}" in output.getvalue()
    (issue,) = [issue for issue in go_live_issues() if issue.id == "sitetext.W001"]
    assert issue.obj == ask_us and "cannot use {phone_link}" in issue.msg

    SiteText.objects.filter(pk=ask_us.pk).update(text="")
    assert [issue for issue in go_live_issues() if issue.id == "sitetext.W001"] == []


def test_the_admin_says_which_texts_are_not_shown_because_they_break_their_rules(initial_content, staff_client):
    ask_us = stale_ask_us()
    editor = staff_client(CONTENT_EDITORS)
    listed = soup(editor.get(reverse("admin:sitetext_sitetext_changelist"), {"words": "broken"}))
    rows = listed.select("#result_list tbody tr")
    assert len(rows) == 1 and "Not shown" in text(rows[0].select_one(".field-whose_words"))
    form = soup(editor.get(reverse("admin:sitetext_sitetext_change", args=[ask_us.pk])))
    assert "cannot use {phone_link}" in text(form.select_one(".field-not_shown"))


def test_a_release_rewording_a_text_on_a_reviewed_page_takes_the_review_line_away_until_a_reviewer_publishes(
    client, reviewer, initial_content, release
):
    from tests.publishing.test_publishing import review_notes, submit
    from treatments.models import Treatment

    spravato = Treatment.objects.get(slug="spravato")
    assert submit(reviewer, spravato, needs_clinical_review="on").status_code == 302
    assert [note.split(" on ")[0] for note in review_notes(client)] == ["Reviewed by Dana Reyes"]
    stamped = SiteText.objects.get(key="treatment.waitlist.heading").updated_at

    new_words = {"en": "Join the list for this treatment", "es": "Únase a la lista de este tratamiento"}
    release("treatment.waitlist.heading", **new_words)
    cache.clear()  # the new release's pages, once the cached ones of the last have gone
    forget_seen_version()  # and its new server processes
    assert new_words["en"] in text(soup(client.get("/treatments/spravato/")).main)  # no migration, no load
    assert review_notes(client) == [], "a review line must not vouch for words no reviewer has seen"

    call_command("load_initial_content", stdout=io.StringIO())  # as every deploy runs it
    assert SiteText.objects.get(key="treatment.waitlist.heading").updated_at > stamped
    assert review_notes(client) == []
    call_command("load_initial_content", stdout=io.StringIO())  # nothing new: nothing moves
    assert review_notes(client) == []

    assert submit(reviewer, spravato, needs_clinical_review="on").status_code == 302  # the reviewer reads it
    assert [note.split(" on ")[0] for note in review_notes(client)] == ["Reviewed by Dana Reyes"]
