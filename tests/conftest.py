import io
import os
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.staff.second_factor import login_with_second_factor

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
    """Each test starts with an empty cache, so a cached page never leaks between tests (nor the content version
    this process last saw in it)."""
    from content.page_cache import forget_seen_version

    cache.clear()
    forget_seen_version()
    yield
    cache.clear()
    forget_seen_version()


@pytest.fixture(autouse=True)
def _live_server_requests_over():
    """A test's tab may leave a request under way (a change form's live preview, which saves in a transaction it
    rolls back): the live server answers it before pytest-django empties the shared in-memory SQLite database, or
    the emptying would run inside that transaction and be rolled back with it (tests/support/one_at_a_time.py).
    On in-memory SQLite the live server shares the test's connection, so the test's queries wait for that request
    too, as the requests wait for each other."""
    from tests.support.one_at_a_time import take_turns, wait_for_requests

    take_turns()  # once the test database is the in-memory one; a no-op after that
    yield
    wait_for_requests()


@pytest.fixture(autouse=True)
def _own_database_only(request, django_db_blocker):
    """A test marked `own_database` runs the site in processes of its own, on SQLite files of its own or on
    none, so `.ci/run` runs it on the SQLite pass only. The suite's database is closed to it: a test that read
    it after all would fail here rather than be left out of the PostgreSQL pass unnoticed."""
    if request.node.get_closest_marker("own_database") is None:
        yield
        return
    with django_db_blocker.block():
        yield


@pytest.fixture
def staff_client(db):
    """`staff_client(group=None, *, superuser=False, username=None, client=None)`: a new staff member, signed in.

    Creates a staff user (in `group`, or a superuser), logs it in on `client` (a fresh `Client()` by
    default) with a verified second factor, and returns that client. The username defaults to the
    group's first word in lower case ("intake", "content") or "boss" for a superuser.
    """
    from django.contrib.auth.models import Group, User
    from django.test import Client

    def make(group=None, *, superuser=False, username=None, client=None):
        username = username or ("boss" if superuser else group.split()[0].lower())
        if User.objects.filter(username=username).exists():
            username = f"{username}-{User.objects.count()}"
        user = User.objects.create_user(
            username=username, password="a-long-test-password", is_staff=True, is_superuser=superuser
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return login_with_second_factor(client or Client(), user)

    return make


def load_initial_content():
    """The content a fresh site ships with, loaded by the same command `make run` uses."""
    call_command("load_initial_content", stdout=io.StringIO())


@pytest.fixture
def without_shipped_spanish(monkeypatch):
    """`without_shipped_spanish(key)`: the catalogues no longer translate the page text `key`, as when a release
    rewords its English and nobody has translated the new words yet; returns a way to put the entry back."""
    from content.page_cache import clear_public_pages
    from sitetext import selectors
    from translation import catalogues

    shipped, left_out = catalogues._shipped_catalogue(), set()
    monkeypatch.setattr(
        catalogues,
        "_shipped_catalogue",
        lambda: {entry: words for entry, words in shipped.items() if entry[0] not in left_out},
    )

    def changed():
        selectors._shipped.cache_clear()  # the shipped words are read once per process
        clear_public_pages()

    def leave_out(key):
        left_out.add(key)
        changed()
        return lambda: (left_out.discard(key), changed())

    yield leave_out
    selectors._shipped.cache_clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database (one per pytest-xdist worker), migrated, then given the initial content once.

    Every database test starts from the site as `make run` leaves it; its own changes are rolled back, or, in a
    transactional test, replaced by the rows copied here.
    Loading the content in each test instead cost a few hundred queries per test, ~250 times a run.
    """
    from tests.support import snapshot

    with django_db_blocker.unblock():
        load_initial_content()
        snapshot.take()  # a transactional test ends by putting these rows back (tests/support/snapshot.py)
    snapshot.install()


@pytest.fixture
def initial_content(db):
    """The content a fresh site ships with: loaded once per session (`django_db_setup`) and put back after every
    transactional test (tests/support/snapshot.py); loaded again here if a test emptied the database after all."""
    from clinic.models import ClinicDetails

    if not ClinicDetails.objects.exists():
        load_initial_content()


@pytest.fixture
def empty_site(db):
    """The site as migrations leave it, before `load_initial_content`: for tests of a site with nothing in it
    yet. The content loaded for the session is deleted inside this test's transaction, which rolls back."""
    from content.page_cache import clear_public_pages
    from content.registry import content_apps

    for config in content_apps():
        if config.initial_content:
            for model in config.get_models():  # their change-history copies too
                model._base_manager.all()._raw_delete(model._base_manager.db)  # no signals: none is "deleted"
    clear_public_pages()


@pytest.fixture
def media_root(settings, tmp_path):
    """The filesystem storage (uploaded images) in a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def spravato(initial_content):
    """The shipped Spravato treatment, made sure to be published with its waitlist open, at /waitlist/spravato/."""
    from treatments.models import Treatment

    shipped = Treatment.objects.filter(slug="spravato")
    shipped.update(status=Treatment.Status.WAITLIST, is_published=True)
    return shipped.get()


@pytest.fixture(scope="session")
def sqlite_sites(tmp_path_factory):
    """`sqlite_sites.copy(path, content=True)`: a migrated SQLite file (with the initial content, or not) for
    tests that run the site in processes of its own; migrated once per suite run (see SqliteSites).
    The folder is the run's, shared by its pytest-xdist workers."""
    from tests.support.server import SqliteSites, worker_id

    run_folder = tmp_path_factory.getbasetemp().parent if worker_id() != "main" else tmp_path_factory.getbasetemp()
    return SqliteSites(run_folder / "sqlite-sites")


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Browser tests need Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def _site_tabs(browser, live_server):
    """One browser profile per pytest-xdist worker, with a tab kept open on the site: each test's new tab then
    reuses a warm renderer process. A new profile per test started a new process, in which axe-core and the
    page compiled cold: the browser tests cost a fifth more.

    Every request asks the live server to close its connection after answering: a kept-alive connection of a
    profile that outlives the test would keep a server thread waiting on it, and that thread closes the test
    database's connection when the next test no longer shares it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, extra_http_headers={"Connection": "close"})
    keeper = context.new_page()
    keeper.goto(f"{live_server.url}/healthz/")
    yield context, keeper
    context.close()


@contextmanager
def _new_tab(context, live_server):
    """A new tab in `context`, closed afterwards; fails the test if the page asked any other host for anything."""
    tab = context.new_page()
    foreign = []
    tab.on(
        "request",
        lambda request: foreign.append(request.url) if not request.url.startswith((live_server.url, "data:")) else None,
    )
    yield tab
    tab.close()
    assert not foreign, f"Requests left the site: {foreign}"


@pytest.fixture
def page(_site_tabs, live_server):
    """A new browser tab with no cookies or stored values from earlier tests. Its profile is shared with other
    tests: a test that changes the profile itself (a mocked clock) takes `page_of_its_own`."""
    context, keeper = _site_tabs
    context.clear_cookies()
    context.clear_permissions()
    keeper.evaluate("localStorage.clear()")
    with _new_tab(context, live_server) as tab:
        yield tab


@pytest.fixture
def page_of_its_own(browser, live_server):
    """A tab in a new browser profile of its own, for a test that changes the profile (`page.clock` mocks
    time for every tab of a profile)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    with _new_tab(context, live_server) as tab:
        yield tab
    context.close()


@pytest.fixture
def run_worker(db):
    """Run the tasks that are due, as `manage.py worker` does, in the test's own transaction.

    The real command's loop closes "old" database connections, which would end the test's
    transaction; this runs the same Worker.run_task on each due task instead. Returns how many ran.
    """
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )  # fmt: skip

    def run(*, limit=100):
        ran = 0
        while ran < limit and (due := DBTaskResult.objects.ready().first()) is not None:
            due.claim(worker.worker_id)
            worker.run_task(due)
            ran += 1
        return ran

    return run


@pytest.fixture
def editor(staff_client):
    """A content editor, signed in."""
    from staff.roles import CONTENT_EDITORS

    return staff_client(CONTENT_EDITORS)


@pytest.fixture
def reviewer(staff_client):
    """A clinical reviewer named Dana Reyes (the name a reviewed page shows), signed in."""
    from django.contrib.auth.models import User

    from staff.roles import CLINICAL_REVIEWERS

    client = staff_client(CLINICAL_REVIEWERS, username="reviewer")
    User.objects.filter(username="reviewer").update(first_name="Dana", last_name="Reyes")
    return client
