"""Per-client rate limits on sign-ups: a friendly 429 page, counted per client address.

Only accepted sign-ups and spam count towards the sign-up limit; forms sent back with errors count only
towards a much looser limit on all posts.
"""

import pytest
from bs4 import BeautifulSoup

from intake.models import IntakeRequest
from tests.factories import waitlist_form_data

pytestmark = pytest.mark.django_db
URL = "/waitlist/spravato/"


def form_errors(response):
    return BeautifulSoup(response.content, "html.parser").select(".invalid-feedback")


def test_too_many_sign_ups_from_one_address_get_a_friendly_429(client, spravato, settings):
    settings.WAITLIST_RATE_LIMIT = "3/10m"
    for number in range(3):
        assert client.post(URL, waitlist_form_data(email=f"p{number}@example.com")).status_code == 302
    response = client.post(URL, waitlist_form_data(email="p4@example.com"))
    assert response.status_code == 429
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Please try again later"
    assert soup.select_one('a[href="tel:988"]') and soup.select_one('a[href="tel:+16195550100"]')
    assert not IntakeRequest.objects.with_email("p4@example.com").exists()
    assert "no-store" in response["Cache-Control"]
    assert client.get(URL).status_code == 200  # reading the form is never limited
    other = client.post(URL, waitlist_form_data(email="p5@example.com"), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


def test_fixing_typos_never_uses_up_the_sign_up_limit(client, spravato, settings):
    settings.WAITLIST_RATE_LIMIT = "2/10m"
    for _ in range(10):
        response = client.post(URL, waitlist_form_data(email="not-an-email"))
        assert response.status_code == 200 and form_errors(response)  # the form again, with its errors
    assert client.post(URL, waitlist_form_data(email="first@example.com")).status_code == 302
    assert client.post(URL, waitlist_form_data(email="second@example.com")).status_code == 302
    assert client.post(URL, waitlist_form_data(email="third@example.com")).status_code == 429
    assert set(IntakeRequest.objects.values_list("email", flat=True)) == {"first@example.com", "second@example.com"}


def test_honeypot_posts_count_towards_the_sign_up_limit(client, spravato, settings):
    settings.WAITLIST_RATE_LIMIT = "2/10m"
    assert client.post(URL, waitlist_form_data(website="spam")).status_code == 302
    assert client.post(URL, waitlist_form_data(website="spam")).status_code == 302
    assert client.post(URL, waitlist_form_data()).status_code == 429
    assert IntakeRequest.objects.count() == 0


def test_a_looser_limit_holds_for_all_posts_valid_or_not(client, spravato, settings):
    settings.WAITLIST_RATE_LIMIT = "5/10m"
    settings.WAITLIST_POST_RATE_LIMIT = "4/10m"
    for _ in range(3):
        assert client.post(URL, waitlist_form_data(email="bad")).status_code == 200
    assert client.post(URL, waitlist_form_data(email="ok@example.com")).status_code == 302
    assert client.post(URL, waitlist_form_data(email="bad")).status_code == 429
    assert client.post(URL, waitlist_form_data(email="late@example.com")).status_code == 429
    assert list(IntakeRequest.objects.values_list("email", flat=True)) == ["ok@example.com"]


def test_empty_settings_lift_the_limits(client, spravato, settings):
    settings.WAITLIST_RATE_LIMIT = ""
    settings.WAITLIST_POST_RATE_LIMIT = ""
    for number in range(8):
        assert client.post(URL, waitlist_form_data(email=f"p{number}@example.com")).status_code == 302
    assert IntakeRequest.objects.count() == 8


def test_behind_a_proxy_the_limit_follows_the_forwarded_client_address(client, spravato, settings):
    settings.WAITLIST_RATE_LIMIT = "1/10m"
    settings.PROXY_COUNT = 1
    first = {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert client.post(URL, waitlist_form_data(email="a@example.com"), **first).status_code == 302
    assert client.post(URL, waitlist_form_data(email="b@example.com"), **first).status_code == 429
    spoofed = {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.7"}
    assert client.post(URL, waitlist_form_data(email="c@example.com"), **spoofed).status_code == 429
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.8"}
    assert client.post(URL, waitlist_form_data(email="d@example.com"), **other).status_code == 302


def test_without_a_proxy_a_forwarded_header_is_ignored(client, spravato, settings):
    settings.WAITLIST_RATE_LIMIT = "1/10m"
    settings.PROXY_COUNT = 0
    assert (
        client.post(URL, waitlist_form_data(email="a@example.com"), HTTP_X_FORWARDED_FOR="198.51.100.1").status_code
        == 302
    )
    assert (
        client.post(URL, waitlist_form_data(email="b@example.com"), HTTP_X_FORWARDED_FOR="198.51.100.2").status_code
        == 429
    )


def test_one_ipv6_client_cannot_rotate_addresses_within_its_64(client, spravato, settings):
    settings.WAITLIST_RATE_LIMIT = "1/10m"
    settings.PROXY_COUNT = 1
    assert (
        client.post(URL, waitlist_form_data(email="a@example.com"), HTTP_X_FORWARDED_FOR="2001:db8:5:6::1").status_code
        == 302
    )
    rotated = {"HTTP_X_FORWARDED_FOR": "2001:db8:5:6:ffff:1234:abcd:9"}
    assert client.post(URL, waitlist_form_data(email="b@example.com"), **rotated).status_code == 429
    neighbour = {"HTTP_X_FORWARDED_FOR": "2001:db8:5:7::1"}  # another /64: another subscriber
    assert client.post(URL, waitlist_form_data(email="c@example.com"), **neighbour).status_code == 302


@pytest.mark.parametrize("ignore_exceptions", [True, False], ids=["cache-answers-nothing", "cache-raises"])
def test_sign_ups_go_through_when_the_rate_limit_cache_is_down(client, spravato, settings, ignore_exceptions):
    settings.WAITLIST_RATE_LIMIT = "1/10m"
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"IGNORE_EXCEPTIONS": ignore_exceptions, "SOCKET_CONNECT_TIMEOUT": 0.5},
        },
    }
    settings.RATELIMIT_USE_CACHE = "ratelimit"
    for number in range(3):
        assert client.post(URL, waitlist_form_data(email=f"p{number}@example.com")).status_code == 302
    assert IntakeRequest.objects.count() == 3


def test_ratelimit_check_passes_with_the_shared_redis_cache(settings):
    from django_ratelimit.checks import check_caches

    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/1"}}
    assert check_caches(None) == []
