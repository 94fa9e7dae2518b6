"""In a real browser: the language link leads to the same page in the other language, and a browser set to
Spanish is offered (never sent to) the Spanish page."""

import pytest

from tests.browser import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def offer(tab):
    return tab.get_by_role("complementary", name="Versión en español")


@pytest.fixture
def spanish_browser(browser):
    context = browser.new_context(viewport=PHONE, locale="es-MX")
    yield context
    context.close()


def test_a_browser_set_to_spanish_is_offered_the_spanish_page_and_can_say_no(
    initial_content, spanish_browser, live_server
):
    tab = spanish_browser.new_page()
    tab.goto(live_server.url + "/financing/")
    assert tab.url == live_server.url + "/financing/"  # offered, not redirected
    assert tab.locator("html").get_attribute("lang") == "en"
    offer(tab).wait_for()
    assert offer(tab).get_by_role("link").get_attribute("href") == "/es/financing/"

    offer(tab).get_by_role("button").click()
    offer(tab).wait_for(state="hidden")
    tab.goto(live_server.url + "/treatments/")
    assert offer(tab).is_hidden()  # once dismissed, not offered again

    tab.get_by_role("link", name="Español").click()
    tab.wait_for_url(live_server.url + "/es/treatments/")
    assert tab.locator("html").get_attribute("lang") == "es"


def test_other_browsers_are_not_offered_spanish_and_spanish_pages_offer_nothing(initial_content, page, live_server):
    page.goto(live_server.url + "/")
    hidden_offer = page.get_by_role("complementary", name="Versión en español", include_hidden=True)
    assert hidden_offer.count() == 1 and hidden_offer.is_hidden()  # in the page for everyone, shown to few
    page.goto(live_server.url + "/es/")
    assert page.locator("#language-offer").count() == 0


def test_the_language_link_leads_to_the_same_page_in_the_other_language_and_back(initial_content, page, live_server):
    page.goto(live_server.url + "/treatments/spravato/")
    page.get_by_role("link", name="Español").click()
    page.wait_for_url(live_server.url + "/es/treatments/spravato/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(live_server.url + "/treatments/spravato/")
