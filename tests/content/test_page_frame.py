"""The page frame every page shares (header, menu, footer, crisis strip, language links): one cached value, read
once per request, cleared with the rest of the content cache, read from the database while the cache is down."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinic.models import ClinicDetails, MenuLink
from clinic_site.cache import resilient_redis_settings
from content import page_cache
from staff.roles import CONTENT_EDITORS
from tests.clinic.test_phones import clinic_form_data
from tests.faults import closed_port
from tests.markup import form_values, hrefs, soup, text

pytestmark = pytest.mark.django_db

# Every public page, in both languages.
PAGES = [
    "/",
    "/treatments/",
    "/treatments/iv-ketamine-infusion/",
    "/treatments/spravato/",
    "/questions/",
    "/questions/?topic=spravato",
    "/treatments/compare/",
    "/treatments/spravato/first-visit/",
    "/ketamine/",
    "/costs/",
    "/financing/",
    "/team/",
    "/visit/",
    "/privacy/",
    "/language-assistance/",
    "/waitlist/spravato/",
    "/treatments/iv-ketamine-infusion/request-a-call/",
]
# What the frame reads from the database: the clinic record with its opening hours and closed days, the menu links,
# the legal pages, the page texts, the open waitlists, the financing teaser (the program, when it has no plan), the
# comparison routes, which treatments have a first-visit page and every record's latest clinical review.
FRAME_QUERIES = 11


def queries(path, client=None):
    with CaptureQueriesContext(connection) as captured:
        assert (client or Client()).get(path).status_code == 200, path
    return len(captured)


def menu_labels(response):
    return [text(link) for link in soup(response).select("#site-nav a")]


@pytest.mark.parametrize("path", [*PAGES, *("/es" + path for path in PAGES)])
def test_a_cold_public_page_needs_at_most_4_queries(spravato, path):
    Client().get("/accessibility/")  # any page read the frame into the cache
    # What a server process reads once in its life: the content types a review line asks for. Django keeps them in
    # memory; this test's process may be new, or a test before it migrated or flushed the database (which empties it).
    ContentType.objects.get_for_models(*apps.get_models())
    assert queries(path) <= 4
    assert queries(path) == 0  # then kept whole


def frame_reads(monkeypatch):
    """The frame's reads from the shared cache, counted as they happen."""
    reads = []
    real_get = cache.get
    frame_key = page_cache._value_key(page_cache.FRAME)
    monkeypatch.setattr(
        cache, "get", lambda key, *args, **kwargs: reads.append(key == frame_key) or real_get(key, *args, **kwargs)
    )
    return reads


def test_the_frame_is_read_once_per_request_from_one_cached_value(spravato, monkeypatch):
    reads = frame_reads(monkeypatch)
    # A page whose header, footer, form and texts each ask for a part of the frame.
    assert queries("/waitlist/spravato/") == FRAME_QUERIES + 2  # from an empty cache: the frame, once
    assert reads.count(True) == 1
    page_cache._process_frame = None  # as in another server process
    reads.clear()
    assert queries("/es/treatments/iv-ketamine-infusion/request-a-call/") == 2  # the frame from the cache
    assert reads.count(True) == 1


def test_a_process_keeps_the_frame_it_read_while_its_version_is_current(spravato, monkeypatch):
    Client().get("/privacy/")
    reads = frame_reads(monkeypatch)
    cache.delete(page_cache._value_key(page_cache.FRAME))  # the process's copy alone could draw the frame now
    assert queries("/es/treatments/iv-ketamine-infusion/request-a-call/") == 2
    assert reads.count(True) == 0
    page_cache.bump_content_version()  # content saved, by this process or another
    assert queries("/ketamine/") == FRAME_QUERIES + 2  # the frame read afresh (and the page's own two)


def test_a_process_keeps_the_frame_no_longer_than_the_shared_cache_would(spravato, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # as in development: nothing kept
    ContentType.objects.get_for_models(*apps.get_models())  # read once in a server process's life (see above)
    for _ in range(2):
        assert queries("/privacy/") == FRAME_QUERIES + 1


def test_a_staff_change_to_a_menu_link_shows_on_the_next_request(spravato, staff_client):
    for path in ("/privacy/", "/waitlist/spravato/"):
        assert "Financing" in menu_labels(Client().get(path))  # the frame and both pages now cached
    editor = staff_client(CONTENT_EDITORS)
    link = MenuLink.objects.get(page=MenuLink.Page.FINANCING)
    url = reverse("admin:clinic_menulink_change", args=[link.pk])
    data = form_values(soup(editor.get(url)).find("form", id="menulink_form"))
    assert editor.post(url, {**data, "label": "Paying for care"}).status_code == 302
    for path in ("/privacy/", "/waitlist/spravato/", "/ketamine/"):
        labels = menu_labels(Client().get(path))
        assert "Paying for care" in labels and "Financing" not in labels, path


def test_a_staff_change_to_the_phone_number_shows_on_the_next_request(spravato, staff_client):
    for path in ("/privacy/", "/waitlist/spravato/"):
        assert "tel:+16195550100" in hrefs(soup(Client().get(path)))
    editor = staff_client(CONTENT_EDITORS)
    clinic = ClinicDetails.objects.get()
    url = reverse("admin:clinic_clinicdetails_change", args=[clinic.pk])
    assert editor.post(url, clinic_form_data(clinic, phone="858.555.2368")).status_code == 302
    for path in ("/privacy/", "/waitlist/spravato/", "/ketamine/"):
        page = soup(Client().get(path))
        assert "tel:+18585552368" in hrefs(page.header) and "tel:+18585552368" in hrefs(page.footer), path
        assert "tel:+16195550100" not in hrefs(page), path


def test_the_frame_is_read_from_the_database_while_the_cache_is_down(spravato, settings):
    MenuLink.objects.filter(page=MenuLink.Page.FINANCING).update(label="Paying for care")
    # A real fault: the cache configured as production configures Redis, at a port where nothing listens.
    settings.CACHES = {
        "default": resilient_redis_settings(
            {"LOCATION": f"redis://127.0.0.1:{closed_port()}/0", "KEY_PREFIX": "test"}, timeout=0.2, pause=30.0
        )
    }
    ContentType.objects.get_for_models(*apps.get_models())  # read once in a server process's life (see above)
    for _ in range(2):  # nothing kept: each request reads the frame from the database, once, and its legal page
        assert queries("/privacy/") == FRAME_QUERIES + 1
    assert "Paying for care" in menu_labels(Client().get("/waitlist/spravato/"))


def test_a_frame_without_a_part_a_newer_release_declares_is_read_again(spravato):
    Client().get("/privacy/")
    version, frame = cache.get(page_cache._value_key(page_cache.FRAME))
    del frame["open-waitlists"]  # as stored by a release before intake declared it
    cache.set(page_cache._value_key(page_cache.FRAME), (version, frame))
    page_cache._process_frame = None  # a server process of the newer release, started since
    menu = menu_labels(Client().get("/ketamine/"))
    assert menu[-1] == "Spravato waitlist"
