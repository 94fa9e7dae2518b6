"""Every draft previews in Spanish: the preview's language switch stays in the preview, and a draft that changes
only Spanish words opens in Spanish."""

import pytest
from django.urls import reverse

from publishing.models import PageChange
from tests.markup import soup, text
from tests.publishing.test_publishing import NEW_SUMMARY, submit

pytestmark = pytest.mark.django_db

NEW_SUMMARY_ES = "Un resumen nuevo y tranquilo, todavía en borrador."


def preview_url(language=None):
    url = reverse("admin:publishing_pagechange_preview", args=[PageChange.objects.get().pk])
    return f"{url}?language={language}" if language else url


def language_switch(page):
    (link,) = page.select(".language-switch")
    return link


def test_an_english_draft_previews_in_spanish_and_its_language_links_stay_in_the_preview(editor, spravato):
    response = submit(editor, spravato, "_preview", summary=NEW_SUMMARY)
    assert response["Location"] == preview_url()
    english = soup(editor.get(response["Location"]))
    assert english.html["lang"] == "en" and NEW_SUMMARY in text(english.main)
    assert language_switch(english)["href"] == preview_url("es")

    spanish = soup(editor.get(language_switch(english)["href"]))
    assert spanish.html["lang"] == "es"
    assert "Preview of a change that is not published yet" in text(spanish)
    assert spravato.summary_es in text(spanish.main) and NEW_SUMMARY not in text(spanish.main)
    assert language_switch(spanish)["href"] == preview_url("en")
    assert soup(editor.get(language_switch(spanish)["href"])).html["lang"] == "en"


def test_a_draft_that_changes_only_spanish_previews_in_spanish(client, editor, spravato):
    response = submit(editor, spravato, "_preview", summary_es=NEW_SUMMARY_ES)
    assert response.status_code == 302
    preview = soup(editor.get(response["Location"]))
    assert preview.html["lang"] == "es"
    assert NEW_SUMMARY_ES in text(preview.main)
    assert language_switch(preview)["href"] == preview_url("en")
    english = soup(editor.get(preview_url("en")))
    assert english.html["lang"] == "en" and spravato.summary in text(english.main)
    assert NEW_SUMMARY_ES not in text(soup(client.get(f"/es{spravato.get_absolute_url()}")).main), "still a draft"


def test_a_page_text_changed_only_in_spanish_previews_in_spanish(editor, initial_content):
    from sitetext.models import SiteText

    row = SiteText.objects.get(key="header.call_short")
    response = submit(editor, row, "_preview", text_es="Llame hoy")
    preview = soup(editor.get(response["Location"]))
    assert preview.html["lang"] == "es" and "Llame hoy" in text(preview.header)
    assert language_switch(preview)["href"] == preview_url("en")
