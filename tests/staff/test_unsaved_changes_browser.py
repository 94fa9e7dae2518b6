"""No edit is lost, in Chromium (static/js/admin-unsaved-changes.js): leaving a changed admin form asks first and
saving it does not; a content form's unsaved input is offered back after an idle sign-out and signing in again;
what a coordinator types on a patient's request never goes into the browser's storage.

Staff sign in on the login page with a second factor. The idle sign-out is the real one: the session's last
activity is set back on the server, and the page's warning script, asked to check, finds the session ended."""

import re
import time
from importlib import import_module

import pytest
from django.conf import settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from publishing.models import PageChange
from staff import idle_sign_out
from staff.roles import CONTENT_EDITORS, INTAKE_COORDINATORS
from tests.browser import DESKTOP, PHONE, assert_in_viewport, check_at_both_widths, screenshot
from tests.factories import IntakeRequestFactory
from tests.staff.second_factor import sign_in_through_the_login_page
from treatments.models import Treatment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ADMIN = f"/{settings.ADMIN_URL}"
UNSAVED = "A summary typed and never saved."
# Every key and value in the tab's storage, but for the colour theme Django's admin keeps there.
KEPT_IN_BROWSER = """[sessionStorage, localStorage].flatMap((storage) =>
    Object.entries(storage).filter(([key]) => key !== "theme").map((entry) => entry.join("="))
)"""


def answer_dialogs(page, *answers):
    """Record every dialog's type, answering them in turn: "stay" dismisses "Leave site?", "leave" accepts it."""
    seen = []

    def answer(dialog):
        seen.append(dialog.type)
        if answers[len(seen) - 1] == "leave":
            dialog.accept()
        else:
            dialog.dismiss()

    page.on("dialog", answer)
    return seen


def preview_settled(page):
    """The change form's live preview has answered the last edit. Its request saves the form in a transaction it
    rolls back; the tests' live server shares its SQLite connection with the test, which waits for it to end
    before touching the database."""
    preview = page.locator(".live-preview-viewport")
    if preview.count():
        expect(preview).to_have_attribute("aria-busy", "false")


def idle_for(page, *, seconds_left):
    """Set the session's last activity back on the server, so that `seconds_left` are left before the idle limit,
    and have the page's warning script check (as it does when its timer comes, or when the tab is shown again).
    The live preview's requests after typing are activity too: they are over first."""
    preview_settled(page)
    cookie = next(cookie for cookie in page.context.cookies() if cookie["name"] == settings.SESSION_COOKIE_NAME)
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookie["value"])
    session[idle_sign_out.LAST_ACTIVITY_SESSION_KEY] = (
        int(time.time()) - idle_sign_out.idle_limit_seconds() + seconds_left
    )
    session.save()
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")


def warned_then_signed_out_for_idleness(page, live_server, *, unsaved_changes):
    """The idle warning, saying what becomes of the unsaved changes; unanswered, the login page, saying why."""
    idle_for(page, seconds_left=60)
    warning = page.get_by_role("alertdialog", name="Are you still there?")
    expect(warning).to_be_visible()
    expect(warning.locator("p:visible").filter(has_text="unsaved")).to_have_text(unsaved_changes)
    idle_for(page, seconds_left=-5)
    page.wait_for_url(f"{live_server.url}{ADMIN}login/?next=*")
    expect(page.locator(".messagelist")).to_contain_text("You were signed out after 15 minutes without activity.")


def sign_in_again(page, user):
    """The login page again, with the authenticator app's next code (each code works once)."""
    device = TOTPDevice.objects.get(user=user)
    app = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    app.time = time.time() + device.step
    page.fill("#id_username", user.username)
    page.fill("#id_password", "a-long-test-password")
    page.fill("#id_otp_token", f"{app.token():0{device.digits}d}")
    page.click("input[type=submit]")


def test_leaving_a_changed_form_asks_first_and_saving_does_not(initial_content, page, live_server):
    console = []
    page.on("console", lambda message: console.append(message.text))
    sign_in_through_the_login_page(page, live_server, username="editor", group=CONTENT_EDITORS)
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    form_url = f"{live_server.url}{ADMIN}treatments/treatment/{iv.pk}/change/"
    dialogs = answer_dialogs(page, "stay", "leave")
    summary = page.get_by_label("Summary:", exact=True)

    page.goto(form_url)
    page.get_by_role("link", name="History").click()  # nothing changed: nothing to ask
    page.wait_for_url("**/history/")
    page.go_back()
    summary.fill(UNSAVED)
    with page.expect_event("dialog"):
        page.get_by_role("link", name="History").click()
    assert dialogs == ["beforeunload"]
    assert page.url == form_url and summary.input_value() == UNSAVED  # stayed: nothing lost
    page.get_by_role("link", name="History").click()
    page.wait_for_url("**/history/")  # chose to leave
    assert dialogs == ["beforeunload", "beforeunload"]

    # The form opened again offers the input left behind; discarded, it is gone for good.
    page.goto(form_url)
    offer = page.get_by_role("region", name=re.compile(r"^You have unsaved changes from \d{1,2}:\d{2} [AP]M$"))
    expect(offer).to_be_visible()
    expect(offer).to_be_focused()
    assert summary.input_value() == iv.summary
    offer.get_by_role("button", name="Discard them").click()
    expect(page.locator("#unsaved-input-said")).to_have_text("Your unsaved changes were discarded.")
    expect(offer).to_be_hidden()
    assert summary.input_value() == iv.summary and page.evaluate(KEPT_IN_BROWSER) == []
    page.reload()
    expect(page.get_by_role("heading", name="This page is live")).to_be_visible()
    expect(offer).to_be_hidden()

    # Saved: leaving asks nothing, on the way to the answer or after it.
    summary.fill("A summary saved as a draft.")
    page.get_by_role("button", name="Save as a draft change").click()
    expect(page.get_by_text("A draft change is waiting")).to_be_visible()
    page.get_by_role("link", name="History").click()
    page.wait_for_url("**/history/")
    assert dialogs == ["beforeunload", "beforeunload"]
    assert page.evaluate(KEPT_IN_BROWSER) == []  # the save went through: nothing kept
    assert not [text for text in console if "Content Security Policy" in text], console


def test_a_content_form_offers_its_unsaved_input_back_after_an_idle_sign_out(initial_content, page, live_server):
    console = []
    page.on("console", lambda message: console.append(message.text))
    editor = sign_in_through_the_login_page(page, live_server, username="editor", group=CONTENT_EDITORS)
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    form_url = f"{live_server.url}{ADMIN}treatments/treatment/{iv.pk}/change/"
    dialogs = answer_dialogs(page)
    page.goto(form_url)
    summary = page.get_by_label("Summary:", exact=True)
    summary.fill(UNSAVED)

    kept = "Your unsaved changes are kept in this browser tab, to restore when you sign in again."
    warned_then_signed_out_for_idleness(page, live_server, unsaved_changes=kept)
    assert dialogs == []  # the sign-out is never held up by "Leave site?"
    sign_in_again(page, editor)
    page.wait_for_url(form_url)  # back to the form, as it is saved: the edit is not in it
    preview_settled(page)
    assert summary.input_value() == iv.summary

    offer = page.get_by_role("region", name=re.compile(r"^You have unsaved changes from \d{1,2}:\d{2} [AP]M$"))
    expect(offer).to_be_visible()
    expect(offer).to_be_focused()
    expect(offer).to_contain_text("It is not saved yet.")
    assert not [text for text in console if "Content Security Policy" in text], console
    check_at_both_widths(page, "admin-unsaved-input-offer")
    console.clear()  # axe-core's own injected styles break the CSP; nothing after it is axe's
    for viewport in (PHONE, DESKTOP):  # on the first screen, at any width
        page.set_viewport_size(viewport)
        page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
        assert_in_viewport(page, offer)
        screenshot(page, f"admin-unsaved-input-offer-first-screen-{viewport['width']}", full_page=False)
    expect(offer).to_be_focused()
    page.keyboard.press("Tab")  # keyboard only
    expect(offer.get_by_role("button", name="Restore them")).to_be_focused()
    page.keyboard.press("Enter")
    assert summary.input_value() == UNSAVED
    said = page.locator("#unsaved-input-said")
    expect(said).to_have_text("Your changes are back in the form. They are not saved yet: save the form to keep them.")
    expect(said).to_be_focused()
    expect(offer).to_be_hidden()
    check_at_both_widths(page, "admin-unsaved-input-restored")
    console.clear()
    preview_settled(page)

    page.get_by_role("button", name="Save as a draft change").click()  # the usual way: a draft, never published
    expect(page.get_by_text("A draft change is waiting")).to_be_visible()
    preview_settled(page)
    assert PageChange.objects.get(state="draft").values["summary"] == UNSAVED
    assert Treatment.objects.get(pk=iv.pk).summary == iv.summary  # live page unchanged
    expect(offer).to_be_hidden()
    assert page.evaluate(KEPT_IN_BROWSER) == []
    assert dialogs == []
    assert not [text for text in console if "Content Security Policy" in text], console


def test_signing_out_removes_what_the_tab_kept(initial_content, page, live_server):
    sign_in_through_the_login_page(page, live_server, username="editor", group=CONTENT_EDITORS)
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    dialogs = answer_dialogs(page, "leave")
    page.goto(f"{live_server.url}{ADMIN}treatments/treatment/{iv.pk}/change/")
    page.get_by_label("Summary:", exact=True).fill(UNSAVED)
    assert len(page.evaluate(KEPT_IN_BROWSER)) == 1
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/logout/")
    assert dialogs == ["beforeunload"]  # signing out loses the edit too: asked first
    assert page.evaluate(KEPT_IN_BROWSER) == []


def test_a_patient_s_request_warns_but_is_never_kept_in_the_browser(page, live_server):
    request = IntakeRequestFactory()
    coordinator = sign_in_through_the_login_page(page, live_server, username="maria", group=INTAKE_COORDINATORS)
    form_url = f"{live_server.url}{ADMIN}waitlist/intakerequest/{request.pk}/change/"
    dialogs = answer_dialogs(page, "stay")
    page.goto(form_url)
    assert page.locator("#unsaved-input").count() == 0
    log = page.get_by_role("group", name=re.compile("contact log", re.IGNORECASE))
    log.get_by_role("button", name="Add another Contact attempt or note").click()
    note = log.get_by_label("Note").filter(visible=True).first
    note.fill("Left a voicemail about Tuesday")
    log.get_by_label("Outcome").filter(visible=True).first.select_option("spoke")
    with page.expect_event("dialog"):
        page.get_by_role("link", name="History").click()
    assert dialogs == ["beforeunload"]  # the warning, as on every form
    assert page.url == form_url
    assert page.evaluate(KEPT_IN_BROWSER) == []

    lost = "Your unsaved changes will be lost."  # the warning says so: nothing of a patient's is kept
    warned_then_signed_out_for_idleness(page, live_server, unsaved_changes=lost)
    assert page.evaluate(KEPT_IN_BROWSER) == []
    sign_in_again(page, coordinator)
    page.wait_for_url(form_url)
    assert page.locator("#unsaved-input").count() == 0
    assert page.get_by_role("region", name=re.compile("unsaved changes")).count() == 0
    assert page.evaluate(KEPT_IN_BROWSER) == []
    assert dialogs == ["beforeunload"]


@pytest.mark.parametrize(
    "model_name", ["clinic.LegalPage", "sitetext.SiteText", "financing.FinancingProgram", "treatments.Faq"]
)
def test_the_offer_reads_well_on_each_app_s_content_forms(initial_content, page, live_server, model_name):
    from django.apps import apps

    model = apps.get_model(model_name)
    record = model._default_manager.first()
    user = sign_in_through_the_login_page(page, live_server, username="editor", group=CONTENT_EDITORS)
    path = f"{ADMIN}{model._meta.app_label}/{model._meta.model_name}/{record.pk}/change/"
    page.goto(f"{live_server.url}{path}")
    field = page.locator(
        f"#{model._meta.model_name}_form textarea:visible, #{model._meta.model_name}_form input[type=text]:visible"
    ).first
    field.fill("Words typed and left.")
    page.reload()  # as after an idle sign-out: the form as saved, the words kept in the tab
    offer = page.get_by_role("region", name=re.compile(r"^You have unsaved changes from"))
    expect(offer).to_be_visible()
    check_at_both_widths(page, f"admin-unsaved-input-offer-{model._meta.model_name}")
    offer.get_by_role("button", name="Restore them").click()
    assert field.input_value() == "Words typed and left."
    assert f"clinic-unsaved-input:{user.pk}:{path}" in page.evaluate("Object.keys(sessionStorage)")


def test_a_save_pressed_after_the_session_ended_is_offered_back_too(initial_content, page, live_server):
    # A computer that slept past the idle limit: the page never warned, and the save goes to a session that is over.
    from django.contrib.sessions.models import Session

    editor = sign_in_through_the_login_page(page, live_server, username="editor", group=CONTENT_EDITORS)
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    form_url = f"{live_server.url}{ADMIN}treatments/treatment/{iv.pk}/change/"
    dialogs = answer_dialogs(page)
    page.goto(form_url)
    page.get_by_label("Summary:", exact=True).fill(UNSAVED)
    preview_settled(page)
    Session.objects.all().delete()
    page.get_by_role("button", name="Save as a draft change").click()
    page.wait_for_url(f"{live_server.url}{ADMIN}login/?next=**")
    assert not PageChange.objects.exists()
    sign_in_again(page, editor)
    page.wait_for_url(form_url)
    offer = page.get_by_role("region", name=re.compile(r"^You have unsaved changes from"))
    expect(offer).to_be_visible()
    offer.get_by_role("button", name="Restore them").click()
    assert page.get_by_label("Summary:", exact=True).input_value() == UNSAVED
    assert dialogs == []
