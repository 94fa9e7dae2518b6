import pytest

from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEGAL_PAGES = ["/privacy/", "/accessibility/", "/medical-disclaimer/"]


@pytest.mark.parametrize("path", LEGAL_PAGES)
def test_legal_pages_are_accessible(initial_content, page, live_server, path):
    page.goto(live_server.url + path)
    assert page.locator("h1").inner_text()
    assert_accessible(page)
