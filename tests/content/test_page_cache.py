"""What the public page cache keeps: the canonical page per URL, never a page that asks not to be shared."""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from content import page_cache
from financing.models import FinancingPlan
from tests import urls_page_cache
from tests.markup import soup
from treatments.models import EducationSection

pytestmark = pytest.mark.django_db


@pytest.mark.urls("tests.urls_page_cache")
@pytest.mark.parametrize("path", ["/private/", "/no-store/", "/per-language/"])
def test_pages_marked_private_no_store_or_varying_on_other_headers_are_never_shared(path):
    urls_page_cache.served.clear()
    Client().get(path)
    Client().get(path)
    assert urls_page_cache.served == [path, path]  # rendered for each visitor


def test_query_strings_a_page_does_not_use_get_the_canonical_page(initial_content, django_assert_num_queries):
    canonical = Client().get("/treatments/compare/").content
    with django_assert_num_queries(0):
        tagged = Client().get("/treatments/compare/?utm_source=newsletter&fbclid=abc")
    assert tagged.content == canonical


def test_the_estimator_is_cached_per_amount_and_plan(initial_content, django_assert_num_queries):
    plan = FinancingPlan.objects.filter(apr__isnull=False).first() or FinancingPlan.objects.first()
    first = Client().get(f"/financing/?amount=1500&plan={plan.pk}")
    with django_assert_num_queries(0):
        again = Client().get(f"/financing/?plan={plan.pk}&amount=1500&utm=x")
    assert again.content == first.content
    other = Client().get(f"/financing/?amount=2500&plan={plan.pk}")
    assert other.content != first.content


def test_an_estimate_with_a_mistake_is_never_cached(initial_content):
    first = Client().get("/financing/?amount=lots&plan=")
    assert first.status_code == 200 and "no-store" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        Client().get("/financing/?amount=lots&plan=")
    assert len(queries) > 0  # rendered again: a mistake is one visitor's, never stored


def test_a_tracking_query_string_never_binds_the_estimator(initial_content):
    html = Client().get("/financing/?utm_source=newsletter").content.decode()
    assert "Please check the estimate form" not in html


def test_the_page_cache_is_off_when_its_lifetime_is_zero(client, initial_content, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # as in local debug work, where template edits must show at once
    client.get("/privacy/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/privacy/")  # the same process, where a per-process copy used to serve a stale page
    assert len(queries) > 0


def test_a_bulk_update_of_content_clears_the_cached_pages(initial_content):
    section = EducationSection.objects.published().first()
    assert soup(Client().get("/ketamine/")).find(id=section.slug) is not None  # now cached
    EducationSection.objects.filter(pk=section.pk).update(is_published=False)  # as a bulk admin action does
    assert soup(Client().get("/ketamine/")).find(id=section.slug) is None


def shared_cache_reads(monkeypatch):
    """The names of the shared cache's read calls, as they happen."""
    reads = []
    for name in ("get", "get_many"):
        real = getattr(cache, name)
        monkeypatch.setattr(
            cache, name, lambda *args, _real=real, _name=name, **kwargs: reads.append(_name) or _real(*args, **kwargs)
        )
    return reads


@pytest.mark.parametrize("path", ["/privacy/", "/es/waitlist/spravato/"])
def test_a_page_this_process_keeps_asks_the_shared_cache_nothing_between_version_checks(
    initial_content, settings, monkeypatch, path
):
    settings.CONTENT_VERSION_CHECK_SECONDS = 60  # however slow the machine, the next requests fall within it
    server = Client()  # one handler, as in one server process
    server.get(path)
    reads = shared_cache_reads(monkeypatch)
    for _ in range(3):
        assert server.get(path).status_code == 200
    assert reads == []  # not even the content version: a round trip to Redis was most of a cached page's cost


def test_a_save_on_another_server_is_seen_here_at_the_next_version_check(initial_content, settings):
    settings.CONTENT_VERSION_CHECK_SECONDS = 0.5
    Client().get("/privacy/")  # drawn and kept
    page_cache.forget_seen_version()
    Client().get("/privacy/")  # this process checks the version now
    cache.set(page_cache.VERSION_KEY, "saved-on-another-server", timeout=None)  # what a save there leaves
    with CaptureQueriesContext(connection) as before_the_check:
        Client().get("/privacy/")
    assert len(before_the_check) == 0  # still the page this process keeps
    time.sleep(0.5)
    with CaptureQueriesContext(connection) as after_the_check:
        Client().get("/privacy/")
    assert len(after_the_check) > 0  # drawn again under the other server's version


def test_a_save_in_this_process_is_seen_here_at_once(initial_content, settings):
    settings.CONTENT_VERSION_CHECK_SECONDS = 60
    section = EducationSection.objects.published().first()
    assert soup(Client().get("/ketamine/")).find(id=section.slug) is not None  # now cached, the version seen
    section.is_published = False
    section.save()
    assert soup(Client().get("/ketamine/")).find(id=section.slug) is None
