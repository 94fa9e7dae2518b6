"""A content editor finds content in Chromium (issue 22, point 7): from the admin home and from a page's header,
in English and in Spanish, opens a result's edit page; axe finds nothing at 390 and 1280 px, with results and
without."""

import pytest
from django.conf import settings
from django.db import transaction
from playwright.sync_api import expect

from publishing import services as publishing
from sitetext.models import SiteText
from staff.roles import CONTENT_EDITORS
from tests.browser import check_at_both_widths
from tests.staff.second_factor import sign_in_through_the_login_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_searches_in_english_and_spanish_and_opens_a_result(initial_content, page, live_server):
    console = []
    page.on("console", lambda message: console.append(f"{page.url} {message.text}"))
    editor = sign_in_through_the_login_page(page, live_server, username="finder", group=CONTENT_EDITORS)
    heading = SiteText.objects.get(key="financing.heading")  # nobody edited it: the shipped words are found
    teaser = SiteText.objects.get(key="home.financing_heading")
    teaser.text = "Paying for care, step by step"
    with transaction.atomic():  # as the admin's requests are: PostgreSQL locks the page's open change only in one
        publishing.save_draft(page=teaser, user=editor)  # a draft waits on another text with the same words

    # English, from the home page's box: a page text by its shipped words.
    home = page.locator("#content form[role=search]")
    home.get_by_label("Words to find").fill("paying for care")
    home.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Find content", level=1)).to_be_visible()
    result = page.locator("li.content-search-result").filter(has=page.get_by_role("link", name="Main heading"))
    expect(result.locator("dt", has_text="Text · English")).to_be_visible()
    expect(result.locator("mark")).to_have_text("Paying for care")
    drafted = page.locator("li.content-search-result").filter(has=page.get_by_text("A draft change is waiting"))
    expect(drafted.locator("dt", has_text="Text · English (waiting change)")).to_be_visible()
    check_at_both_widths(page, "admin-content-search-results")

    # Spanish without accents, from a change list's header: the same text by its shipped Spanish.
    page.goto(f"{live_server.url}/{settings.ADMIN_URL}treatments/faq/")
    header = page.locator("#header form[role=search]")
    header.get_by_role("searchbox", name="Find content").fill("como pagar su tratamiento")
    header.get_by_role("button", name="Search").click()
    # exact: "Text under the main heading" (the costs page's, "… cada tratamiento … y cómo pagar …") is found too
    main_heading = page.get_by_role("link", name="Main heading", exact=True)
    result = page.locator("li.content-search-result").filter(has=main_heading)
    spanish = result.locator("dd[lang=es]")
    expect(spanish.locator("mark")).to_have_text("Cómo pagar su tratamiento")
    expect(result.locator("dt", has_text="Text · Español")).to_be_visible()

    result.get_by_role("link", name="Main heading", exact=True).click()
    page.wait_for_url(f"{live_server.url}/{settings.ADMIN_URL}sitetext/sitetext/{heading.pk}/change/")
    expect(page.get_by_label("English")).to_be_visible()

    # Nothing found, and what the editor called a headline.
    page.locator("#header form[role=search]").get_by_role("searchbox", name="Find content").fill("zzyzx")
    page.locator("#header form[role=search]").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Nothing found for “zzyzx”")).to_be_visible()
    check_at_both_widths(page, "admin-content-search-nothing")

    page.get_by_label("Words to find").fill("headline")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("“headline” also finds “heading”")).to_be_visible()
    expect(page.get_by_role("link", name="Main heading").first).to_be_visible()

    page.goto(f"{live_server.url}/{settings.ADMIN_URL}")
    check_at_both_widths(page, "admin-home-with-search")
    assert not [text for text in console if "Content Security Policy" in text], console

    # Any other admin page has the box in its header (axe-core itself sets a style on this one: no console check).
    page.goto(f"{live_server.url}/{settings.ADMIN_URL}sitetext/sitetext/{heading.pk}/change/")
    check_at_both_widths(page, "admin-header-search")
