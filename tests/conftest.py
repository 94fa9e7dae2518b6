import io
import os

import pytest
from django.core.cache import cache
from django.core.management import call_command

# pytest-django's live_server runs in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so a cached page never leaks between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def initial_content(db):
    """The content a fresh site ships with, loaded by the same command `make run` uses."""
    call_command("load_initial_content", stdout=io.StringIO())


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Browser tests need Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab; fails the test if the page asks any other host for anything."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    foreign = []
    tab.on("request", lambda request: foreign.append(request.url) if not request.url.startswith((live_server.url, "data:")) else None)
    yield tab
    context.close()
    assert not foreign, f"Requests left the site: {foreign}"
