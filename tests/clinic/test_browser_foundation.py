import pytest

from clinic.models import LegalPage
from tests.browser import PHONE, assert_accessible, save_screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEGAL_PAGES = ["/privacy/", "/accessibility/", "/medical-disclaimer/"]


@pytest.mark.parametrize("path", [*LEGAL_PAGES, "/no-such-page/"])
def test_foundation_pages_have_no_accessibility_violations(initial_content, page, live_server, path):
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_phone_visitor_can_open_the_menu_by_keyboard_and_call_in_one_tap(initial_content, page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/privacy/")
    call = page.get_by_role("banner").get_by_role("link", name="Call the clinic at (619) 555-0100")
    assert call.is_visible()
    assert call.get_attribute("href") == "tel:+16195550100"
    menu = page.get_by_role("button", name="Menu")
    financing = page.get_by_role("navigation", name="Main").get_by_role("link", name="Financing")
    assert not financing.is_visible()
    menu.focus()
    page.keyboard.press("Enter")
    financing.wait_for(state="visible")
    assert menu.get_attribute("aria-expanded") == "true"


def test_skip_link_moves_focus_to_the_main_content(initial_content, page, live_server):
    page.goto(live_server.url + "/accessibility/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_screenshots_of_the_foundation_pages(initial_content, page, live_server):
    save_screenshots(page, live_server.url + "/privacy/", "privacy")
    assert page.get_by_role("heading", level=1).inner_text() == LegalPage.objects.get(kind="privacy").title
    assert page.locator("footer").is_visible()
    privacy_title = LegalPage.objects.get(kind="privacy").title  # the footer links each legal page by its title
    assert page.locator("footer").get_by_role("link", name=privacy_title, exact=True).is_visible()
    save_screenshots(page, live_server.url + "/no-such-page/", "not-found", status=404)
    assert page.locator("footer").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == "We couldn’t find that page"
    assert page.get_by_role("main").get_by_role("link", name="988").is_visible(), "crisis help on the 404 page"
