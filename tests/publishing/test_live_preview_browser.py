"""The live preview beside a change form in Chromium: it follows the editor's typing, switches language and
width, works under the strict CSP, and stays out of the way without JavaScript."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from clinic.models import LegalPage
from financing.models import FinancingProgram
from publishing.models import PageChange
from sitetext.models import SiteText
from staff.roles import CONTENT_EDITORS
from tests.browser import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_fits_the_width,
    check_at_both_widths,
    screenshot,
)
from tests.staff.second_factor import sign_in_through_the_login_page
from treatments.models import Treatment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = "Typed just now: a calm summary for the preview."
TYPED_ES = "Escrito ahora mismo: un resumen tranquilo."


def change_form_url(live_server, treatment):
    return f"{live_server.url}/{settings.ADMIN_URL}treatments/treatment/{treatment.pk}/change/"


def test_the_preview_follows_the_editor_in_both_languages_and_widths(initial_content, page, live_server):
    console = []
    page.on("console", lambda message: console.append(f"{message.text} @ {message.location}"))
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    sign_in_through_the_login_page(page, live_server, username="editor", group=CONTENT_EDITORS)
    page.goto(change_form_url(live_server, iv))

    panel = page.get_by_role("region", name="Live preview")
    frame = page.frame_locator(".live-preview-frame")
    expect(panel).to_be_visible()
    expect(frame.locator("main")).to_contain_text(iv.summary)  # the page as it is, on opening
    assert panel.bounding_box()["x"] > page.locator("#treatment_form").bounding_box()["x"] + 300, "beside the form"

    page.get_by_label("Summary:", exact=True).fill(TYPED)
    expect(frame.locator("main")).to_contain_text(TYPED)
    expect(panel.get_by_role("status")).to_have_text("Preview up to date.")
    expect(page.locator(".live-preview-viewport")).to_have_attribute("aria-busy", "false")
    page.locator("#id_summary_es").fill(TYPED_ES)

    spanish = panel.get_by_role("button", name="Español")
    spanish.click()
    expect(spanish).to_have_attribute("aria-pressed", "true")
    expect(panel.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "false")
    expect(frame.locator("html")).to_have_attribute("lang", "es")
    expect(frame.locator("main")).to_contain_text(TYPED_ES)

    desktop = panel.get_by_role("button", name="Desktop")
    desktop.click()
    expect(desktop).to_have_attribute("aria-pressed", "true")
    assert page.locator(".live-preview-frame").evaluate("frame => frame.offsetWidth") == 1280
    box = page.locator(".live-preview-frame").bounding_box()
    assert box["width"] <= panel.bounding_box()["width"], "scaled to fit the panel"
    screenshot(page, "live-preview-desktop-1280")
    panel.get_by_role("button", name="Phone").click()
    assert page.locator(".live-preview-frame").evaluate("frame => frame.offsetWidth") == 390

    # A link in the preview leads nowhere: the editor stays with the form.
    frame.locator("main a:visible").first.click()
    expect(frame.locator("main")).to_contain_text(TYPED_ES)
    assert page.url == change_form_url(live_server, iv)

    # A mistake in the form: the preview asks for it to be fixed.
    page.get_by_label("Name:", exact=True).fill("")
    expect(frame.get_by_role("heading", name="Fix the errors to see the preview")).to_be_visible()
    expect(frame.locator("main li")).to_have_text(["Name"])
    page.get_by_label("Name:", exact=True).fill(iv.name)
    expect(frame.locator("main")).to_contain_text(TYPED_ES)

    assert not [text for text in console if "Content Security Policy" in text or "sandboxed" in text], console
    assert_accessible(page)  # (axe-core itself trips the CSP when it looks into the frame)
    screenshot(page, "live-preview-1280")
    page.set_viewport_size(PHONE)
    assert_fits_the_width(page)
    assert_accessible(page)
    screenshot(page, "live-preview-390")
    assert not PageChange.objects.exists() and Treatment.objects.get(pk=iv.pk).summary == iv.summary


def test_on_a_phone_the_panel_is_below_the_form_and_opens_when_asked(initial_content, page, live_server):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    sign_in_through_the_login_page(page, live_server, username="editor", group=CONTENT_EDITORS)
    page.set_viewport_size(PHONE)
    page.goto(change_form_url(live_server, iv))
    panel = page.get_by_role("region", name="Live preview")
    frame = page.frame_locator(".live-preview-frame")
    expect(panel).to_be_visible()
    form = page.locator("#treatment_form").bounding_box()
    assert panel.bounding_box()["y"] >= form["y"] + form["height"], "below the form"
    assert not page.locator(".live-preview-box").evaluate("box => box.open"), "closed on a phone"
    assert_fits_the_width(page)
    assert_accessible(page)

    page.get_by_label("Summary:", exact=True).fill(TYPED)
    panel.locator("summary").click()
    expect(frame.locator("main")).to_contain_text(TYPED)
    assert_fits_the_width(page)
    assert_accessible(page)
    screenshot(page, "live-preview-phone-open-390")
    screenshot(panel, "live-preview-phone-panel-390")
    page.set_viewport_size(DESKTOP)


@pytest.mark.parametrize(
    ("app", "model", "find"),
    [
        ("sitetext", "sitetext", lambda: SiteText.objects.get(key="treatments.heading")),
        ("financing", "financingprogram", lambda: FinancingProgram.objects.first()),
        ("clinic", "legalpage", lambda: LegalPage.objects.first()),
    ],
)
def test_other_page_forms_show_the_preview_and_pass_axe_at_both_widths(
    initial_content, page, live_server, app, model, find
):
    record = find()
    sign_in_through_the_login_page(page, live_server, username="editor", group=CONTENT_EDITORS)
    page.goto(f"{live_server.url}/{settings.ADMIN_URL}{app}/{model}/{record.pk}/change/")
    expect(page.locator(".live-preview-frame")).to_be_visible()
    expect(page.frame_locator(".live-preview-frame").locator("main")).to_be_visible()
    expect(page.locator(".live-preview-viewport")).to_have_attribute("aria-busy", "false")
    check_at_both_widths(page, f"live-preview-{model}")


def test_without_javascript_the_panel_stays_hidden_and_save_draft_and_preview_works(
    initial_content, browser, live_server
):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    sign_in_through_the_login_page(page, live_server, username="editor", group=CONTENT_EDITORS)
    page.goto(change_form_url(live_server, iv))
    expect(page.locator("#live-preview")).to_be_hidden()
    page.get_by_label("Summary:", exact=True).fill(TYPED)
    page.locator("#id_summary_es").fill(TYPED_ES)
    page.get_by_role("button", name="Save draft and preview").click()
    expect(page.get_by_text("Preview of a change that is not published yet")).to_be_visible()
    expect(page.locator("main")).to_contain_text(TYPED)
    page.goto(change_form_url(live_server, iv))
    page.get_by_role("link", name="Preview it in Spanish").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("main")).to_contain_text(TYPED_ES)
    context.close()
