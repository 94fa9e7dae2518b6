"""In Chromium, a content editor finds Spanish left behind by an English edit: the mark under the Spanish field,
the change-list filter, "Spanish still matches", and a Spanish draft previewed in Spanish. axe finds nothing at
390 and 1280 px."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from financing.models import FinancingFaq
from staff.roles import CONTENT_EDITORS
from tests.browser import check_at_both_widths
from tests.staff.second_factor import sign_in_through_the_login_page
from translation.freshness import outdated_spanish
from treatments.models import Treatment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTDATED = "Spanish may be out of date"
NEW_SUMMARY_ES = "Un resumen nuevo: le explicamos cada paso antes de empezar."


def test_an_editor_finds_checks_and_clears_spanish_left_behind(initial_content, page, live_server):
    faq = FinancingFaq.objects.order_by("pk").first()
    faq.answer = f"{faq.answer} We added a sentence in English."
    faq.save()
    admin = f"{live_server.url}/{settings.ADMIN_URL}"

    sign_in_through_the_login_page(page, live_server, username="editor", group=CONTENT_EDITORS)
    page.get_by_role("link", name="1 financing FAQ has Spanish that may be out of date").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    page.goto(f"{admin}financing/financingfaq/")
    page.locator("#changelist-filter").get_by_role("link", name=OUTDATED).click()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(OUTDATED)
    check_at_both_widths(page, "spanish-outdated-list")

    rows.first.get_by_role("link", name=faq.question).click()
    spanish = page.locator("#id_answer_es")
    assert OUTDATED in page.locator(f"#{spanish.get_attribute('aria-describedby').split()[0]}").inner_text()
    expect(page.locator("#id_question_es_helptext")).not_to_contain_text(OUTDATED)
    expect(page.locator("[name=answer_es_still_matches]")).to_have_count(1)
    check_at_both_widths(page, "spanish-outdated-change-form")

    page.get_by_label("Spanish still matches the English").check()
    page.get_by_role("button", name="Publish now").click()
    expect(page.get_by_text("Marked the Spanish of “Answer” as still matching the English.")).to_be_visible()
    assert outdated_spanish(faq) == {}
    page.goto(f"{admin}financing/financingfaq/{faq.pk}/change/")
    expect(page.get_by_text(OUTDATED)).to_have_count(0)


def test_a_spanish_only_draft_previews_in_spanish_and_its_language_link_stays_in_the_preview(
    initial_content, page, live_server
):
    spravato = Treatment.objects.get(slug="spravato")
    sign_in_through_the_login_page(page, live_server, username="editor", group=CONTENT_EDITORS)
    page.goto(f"{live_server.url}/{settings.ADMIN_URL}treatments/treatment/{spravato.pk}/change/")
    page.locator("#id_summary_es").fill(NEW_SUMMARY_ES)
    page.get_by_role("button", name="Save draft and preview").click()

    expect(page.get_by_text("Preview of a change that is not published yet")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.locator("main")).to_contain_text(NEW_SUMMARY_ES)
    check_at_both_widths(page, "spanish-draft-preview")
    page.locator(".language-switch").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "/publishing/pagechange/" in page.url and "language=en" in page.url
    expect(page.get_by_text("Preview of a change that is not published yet")).to_be_visible()


def test_page_texts_show_and_filter_spanish_left_behind(initial_content, page, live_server):
    from sitetext.models import SiteText

    row = SiteText.objects.get(key="header.call_short")
    row.text = "Call us"
    row.save()
    sign_in_through_the_login_page(page, live_server, username="editor", group=CONTENT_EDITORS)
    page.goto(f"{live_server.url}/{settings.ADMIN_URL}sitetext/sitetext/")
    page.locator("#changelist-filter").get_by_role("link", name=OUTDATED).click()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(f"{OUTDATED}: Llamar")
    check_at_both_widths(page, "spanish-outdated-page-texts")
    rows.first.get_by_role("link").first.click()
    expect(page.locator("#id_text_es_helptext")).to_contain_text(OUTDATED)
    check_at_both_widths(page, "spanish-outdated-page-text-form")
