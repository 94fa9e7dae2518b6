"""Per-client rate limit on sign-ups: a friendly 429 page, counted per client address."""

import pytest

from tests.factories import TreatmentFactory, waitlist_form_data
from waitlist.models import WaitlistEntry

pytestmark = pytest.mark.django_db
URL = "/waitlist/spravato/"


@pytest.fixture
def spravato(db):
    return TreatmentFactory(slug="spravato", name="Spravato", status="waitlist")


def test_too_many_posts_from_one_address_get_a_friendly_429(client, spravato, settings):
    settings.WAITLIST_RATE_LIMIT = "3/10m"
    for number in range(3):
        assert client.post(URL, waitlist_form_data(email=f"p{number}@example.com")).status_code == 302
    response = client.post(URL, waitlist_form_data(email="p4@example.com"))
    html = response.content.decode()
    assert response.status_code == 429
    assert "Please try again later" in html
    assert 'href="tel:988"' in html and 'href="tel:+16195550100"' in html
    assert not WaitlistEntry.objects.filter(email="p4@example.com").exists()
    assert "no-store" in response["Cache-Control"]
    assert client.get(URL).status_code == 200  # reading the form is never limited
    other = client.post(URL, waitlist_form_data(email="p5@example.com"), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


def test_bad_posts_and_honeypot_posts_count_too(client, spravato, settings):
    settings.WAITLIST_RATE_LIMIT = "2/10m"
    client.post(URL, waitlist_form_data(email="bad"))
    client.post(URL, waitlist_form_data(website="spam"))
    assert client.post(URL, waitlist_form_data()).status_code == 429
    assert WaitlistEntry.objects.count() == 0


def test_empty_setting_lifts_the_limit(client, spravato, settings):
    settings.WAITLIST_RATE_LIMIT = ""
    for number in range(8):
        assert client.post(URL, waitlist_form_data(email=f"p{number}@example.com")).status_code == 302
    assert WaitlistEntry.objects.count() == 8


def test_behind_a_proxy_the_limit_follows_the_forwarded_client_address(client, spravato, settings):
    settings.WAITLIST_RATE_LIMIT = "1/10m"
    settings.WAITLIST_PROXY_COUNT = 1
    first = {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert client.post(URL, waitlist_form_data(email="a@example.com"), **first).status_code == 302
    assert client.post(URL, waitlist_form_data(email="b@example.com"), **first).status_code == 429
    spoofed = {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.7"}
    assert client.post(URL, waitlist_form_data(email="c@example.com"), **spoofed).status_code == 429
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.8"}
    assert client.post(URL, waitlist_form_data(email="d@example.com"), **other).status_code == 302


def test_ratelimit_check_passes_with_the_shared_redis_cache(settings):
    from django_ratelimit.checks import check_caches

    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/1"}}
    assert check_caches(None) == []
