"""The cache is an accelerator, never a dependency: Redis down, hung or full, and the site still serves.

Each fault is real: a port where nothing listens, a server that accepts and never answers, and a
Redis server of our own filled to its memory limit.
"""

import secrets
import shutil

import pytest
import redis
from django.test import Client

from clinic_site.cache import resilient_redis_settings
from intake.models import IntakeRequest
from tests.factories import waitlist_form_data
from tests.faults import closed_port, redis_address, redis_server, silent_server
from treatments.models import Treatment

PUBLIC_PAGES = [
    "/",
    "/treatments/",
    "/treatments/iv-ketamine-infusion/",
    "/treatments/compare/",
    "/ketamine/",
    "/costs/",
    "/financing/",
    "/waitlist/spravato/",
    "/privacy/",
    "/accessibility/",
    "/medical-disclaimer/",
    "/robots.txt",
    "/sitemap.xml",
]
needs_redis_server = pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")


def use_redis_at(settings, url, *, pause=30.0):
    """Point the site's cache at `url`, configured exactly as production configures a Redis URL."""
    settings.CACHES = {
        "default": resilient_redis_settings({"LOCATION": url, "KEY_PREFIX": "test"}, timeout=0.2, pause=pause)
    }


def assert_the_site_works(*, cache_state, staff_client):
    visitor = Client()
    for path in PUBLIC_PAGES:
        assert visitor.get(path).status_code == 200, path
    health = visitor.get("/healthz/")
    assert health.status_code == 200 and health.json() == {"status": "ok", "database": "ok", "cache": cache_state}

    assert visitor.post("/waitlist/spravato/", waitlist_form_data(email="still-works@example.com")).status_code == 302
    assert IntakeRequest.objects.with_email("still-works@example.com").exists()

    staff = staff_client(superuser=True, username="cache-outage-admin")
    assert staff.get("/admin/").status_code == 200
    assert staff.get("/admin/waitlist/intakerequest/").status_code == 200


@pytest.mark.django_db
def test_with_redis_refusing_connections_every_page_sign_up_and_admin_work(initial_content, settings, staff_client):
    use_redis_at(settings, f"redis://127.0.0.1:{closed_port()}/0")
    assert_the_site_works(cache_state="down", staff_client=staff_client)


@pytest.mark.django_db
def test_with_redis_hung_every_page_works_and_the_dead_server_is_not_asked_again(
    initial_content, settings, staff_client, caplog
):
    with silent_server() as hung_redis:
        use_redis_at(settings, f"redis://127.0.0.1:{hung_redis.port}/0")
        assert Client().get("/ketamine/").status_code == 200
        asked = hung_redis.received
        assert asked > 0  # the first request did try, and waited at most one socket timeout
        assert_the_site_works(cache_state="down", staff_client=staff_client)
        # Within the breaker's pause no request sends Redis another byte, so none waits for it.
        assert hung_redis.received == asked
    warnings = [record.getMessage() for record in caplog.records if record.name == "clinic_site.cache"]
    assert len(warnings) == 1 and "not answering" in warnings[0]  # said once, not per request


@pytest.mark.django_db
def test_a_request_ending_while_redis_is_down_does_not_call_it_back(initial_content, settings, caplog):
    # Django closes the cache after every request, a call that never reaches Redis: its returning must not count as
    # Redis answering. With no pause every request tries Redis again, and each finds it still down.
    use_redis_at(settings, f"redis://127.0.0.1:{closed_port()}/0", pause=0.0)
    visitor = Client()
    for path in ["/ketamine/", "/costs/", "/ketamine/"]:
        assert visitor.get(path).status_code == 200
    assert visitor.get("/healthz/").json()["cache"] == "down"
    said = [record.getMessage() for record in caplog.records if record.name == "clinic_site.cache"]
    assert len(said) == 1 and "not answering" in said[0]


@needs_redis_server
@pytest.mark.django_db
def test_after_the_pause_the_cache_is_tried_again_and_used_once_it_is_back(initial_content, settings, caplog):
    with redis_address() as address:
        use_redis_at(settings, address.url, pause=0.0)
        assert Client().get("/ketamine/").status_code == 200
        assert Client().get("/healthz/").json()["cache"] == "down"
        with redis_server(address=address):
            assert Client().get("/healthz/").json()["cache"] == "ok"
            assert Client().get("/ketamine/").status_code == 200
            assert any(key.startswith(b"test:1:page:") for key in redis.Redis.from_url(address.url).keys("*"))
    assert "answering again" in caplog.text


@needs_redis_server
@pytest.mark.django_db
def test_tracking_query_strings_cannot_flood_the_page_cache(initial_content, settings):
    with redis_server() as address:
        use_redis_at(settings, address.url)
        visitor = Client()
        canonical = visitor.get("/ketamine/").content
        for _ in range(200):
            response = visitor.get(f"/ketamine/?utm={secrets.token_hex(8)}")
            assert response.status_code == 200 and response.content == canonical
        page_keys = [key for key in redis.Redis.from_url(address.url).keys("test:1:page:*")]
        assert len(page_keys) == 1


@needs_redis_server
@pytest.mark.django_db
def test_with_redis_full_every_page_sign_up_and_admin_work(initial_content, settings, staff_client):
    with redis_server("--maxmemory", "2mb", "--maxmemory-policy", "noeviction") as address:
        raw = redis.Redis.from_url(address.url)
        with pytest.raises(redis.exceptions.OutOfMemoryError):
            for number in range(10_000):
                raw.set(f"filler:{number}", b"x" * 4096)
        use_redis_at(settings, address.url)
        assert_the_site_works(
            cache_state="ok", staff_client=staff_client
        )  # Redis answers reads; only its writes are refused


@pytest.mark.django_db
def test_rate_limit_fails_open_while_the_cache_is_down(initial_content, settings):
    use_redis_at(settings, f"redis://127.0.0.1:{closed_port()}/0")
    settings.WAITLIST_RATE_LIMIT = "1/h"
    visitor = Client()
    for number in range(3):
        response = visitor.post("/waitlist/spravato/", waitlist_form_data(email=f"person{number}@example.com"))
        assert response.status_code == 302
    assert IntakeRequest.objects.count() == 3
    assert Treatment.objects.filter(slug="spravato").exists()
