"""The blank waitlist and call-back forms come from the page cache, each answer with a CSRF token masked afresh for
its visitor, gzipped like every cached page; CSRF protection stays whole, and personal pages are never kept."""

import gzip
import pickle

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from booking import services as booking_services
from clinic_site.cache import resilient_redis_settings
from intake.models import IntakeRequest
from tests.booking.conftest import team_hours  # noqa: F401 - a fixture: times a patient can book
from tests.factories import CallBackRequestFactory, call_back_form_data, waitlist_form_data
from tests.faults import closed_port
from tests.intake.test_status_page import signed_up
from tests.markup import soup

pytestmark = pytest.mark.django_db

WAITLIST = "/waitlist/spravato/"
CALL_BACK = "/treatments/iv-ketamine-infusion/request-a-call/"
FORMS = [
    (WAITLIST, waitlist_form_data, IntakeRequest.Kind.WAITLIST),
    (CALL_BACK, call_back_form_data, IntakeRequest.Kind.CALL_BACK),
    ("/es" + WAITLIST, waitlist_form_data, IntakeRequest.Kind.WAITLIST),
    ("/es" + CALL_BACK, call_back_form_data, IntakeRequest.Kind.CALL_BACK),
]
FORM_PATHS = [path for path, *_ in FORMS]


def token_of(response):
    html = gzip.decompress(response.content) if response.get("Content-Encoding") == "gzip" else response.content
    tokens = [field["value"] for field in soup(html.decode()).select("form input[name=csrfmiddlewaretoken]")]
    assert len(tokens) == 1
    return tokens[0]


def without_token(response):
    return response.content.replace(token_of(response).encode(), b"")


def strict_visitor():
    """A browser as a real server sees it: CSRF checked, its cookie kept between requests."""
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


def sign_up(client, path, form_data, token, **overrides):
    data = form_data(**overrides)
    if token is not None:
        data["csrfmiddlewaretoken"] = token
    return client.post(path, data, headers={"referer": f"http://testserver{path}"})


def requests_of(kind):
    return IntakeRequest.objects.filter(kind=kind).count()


@pytest.mark.parametrize("path", FORM_PATHS)
def test_a_blank_form_comes_from_the_page_cache_with_a_token_of_its_own(spravato, path):
    first = Client().get(path)
    with CaptureQueriesContext(connection) as captured:
        answers = [Client().get(path) for _ in range(3)]
    assert len(captured) == 0  # the whole page from the cache
    tokens = {token_of(response) for response in [first, *answers]}
    assert len(tokens) == 4  # masked afresh for each answer
    assert {without_token(response) for response in [first, *answers]} == {without_token(first)}
    for response in [first, *answers]:
        assert response.status_code == 200 and b"csrf-token-slot" not in response.content
        assert set(response.cookies) == {settings.CSRF_COOKIE_NAME}  # each visitor's own secret
        assert "Cookie" in response["Vary"]
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"no-store", "private"} <= cache_control  # what the browser gets holds its token: never stored
        assert int(response["Content-Length"]) == len(response.content)


@pytest.mark.parametrize(("path", "form_data", "kind"), FORMS)
def test_the_token_of_a_cached_form_signs_its_visitor_up(spravato, path, form_data, kind):
    Client().get(path)  # another visitor drew the page
    visitor = strict_visitor()
    page = visitor.get(path)
    response = sign_up(visitor, path, form_data, token_of(page), email="cached@example.com")
    assert response.status_code == 302 and response["Location"].endswith("/thanks/")
    assert requests_of(kind) == 1


@pytest.mark.parametrize(("path", "form_data", "kind"), FORMS)
def test_a_post_without_a_token_or_with_another_visitor_s_is_refused(spravato, path, form_data, kind):
    other = strict_visitor()
    their_token = token_of(other.get(path))
    visitor = strict_visitor()
    own_token = token_of(visitor.get(path))
    assert sign_up(visitor, path, form_data, None).status_code == 403
    assert sign_up(visitor, path, form_data, their_token).status_code == 403
    altered = own_token[:-1] + ("y" if own_token.endswith("x") else "x")
    assert sign_up(visitor, path, form_data, altered).status_code == 403
    no_cookie = strict_visitor()
    assert sign_up(no_cookie, path, form_data, own_token).status_code == 403  # a token alone is not enough
    assert requests_of(kind) == 0
    assert sign_up(other, path, form_data, their_token).status_code == 302  # each token works for its own visitor


@pytest.mark.parametrize("cookie", ["not-a-secret!", "x" * 31, "A" * 32])
def test_a_visitor_with_a_bad_or_unknown_cookie_still_gets_a_working_form(spravato, cookie):
    Client().get(WAITLIST)
    visitor = strict_visitor()
    visitor.cookies[settings.CSRF_COOKIE_NAME] = cookie
    page = visitor.get(WAITLIST)
    # A malformed cookie is replaced with a new secret; a well-formed one is kept (and sent again, as Django does).
    assert (page.cookies[settings.CSRF_COOKIE_NAME].value == cookie) == (cookie == "A" * 32)
    assert sign_up(visitor, WAITLIST, waitlist_form_data, token_of(page)).status_code == 302
    assert requests_of(IntakeRequest.Kind.WAITLIST) == 1


def test_the_page_kept_in_the_cache_holds_no_visitor_s_token_or_secret(spravato):
    served = [Client().get(WAITLIST), Client().get(WAITLIST, HTTP_ACCEPT_ENCODING="gzip")]
    entry = cache.get(f"page:testserver:{WAITLIST}?")
    before, after = entry.content  # the page around its token, which is filled in for each visitor
    assert before.endswith(b'name="csrfmiddlewaretoken" value="') and after.startswith(b'">')
    stored = pickle.dumps(entry)
    for response in served:
        assert token_of(response).encode() not in stored
        assert response.cookies[settings.CSRF_COOKIE_NAME].value.encode() not in stored


@pytest.mark.parametrize("path", FORM_PATHS)
def test_form_pages_are_sent_gzipped_to_browsers_that_accept_it(spravato, path):
    drawn = Client().get(path, HTTP_ACCEPT_ENCODING="gzip, br")  # rendered now, gzipped on its way out
    kept = Client().get(path, HTTP_ACCEPT_ENCODING="gzip, br")  # from the cache, its token put into the gzip
    plain = Client().get(path)
    for response in (drawn, kept):
        assert response["Content-Encoding"] == "gzip" and "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content)
        html = gzip.decompress(response.content)
        assert html.replace(token_of(response).encode(), b"") == without_token(plain)
    assert len(kept.content) < len(gzip.compress(plain.content, 6)) * 1.05  # as small as the page in one piece
    assert "Content-Encoding" not in plain


def test_a_form_sent_back_with_errors_is_never_kept_or_shown_to_the_next_visitor(spravato):
    Client().get(WAITLIST)
    for typed in ("not-an-email", "still@not"):
        shown_again = Client().post(WAITLIST, waitlist_form_data(email=typed), HTTP_ACCEPT_ENCODING="gzip")
        assert shown_again.status_code == 200 and shown_again["Content-Encoding"] == "gzip"
        assert typed.encode() in gzip.decompress(shown_again.content)  # drawn for this visitor, never the kept page
        next_visitor = Client().get(WAITLIST).content
        assert typed.encode() not in next_visitor and b"is-invalid" not in next_visitor


@pytest.mark.usefixtures("team_hours")
def test_personal_pages_are_never_kept_and_stay_no_store(spravato, client):
    _, status = signed_up(client)
    booking = booking_services.booking_path(request=CallBackRequestFactory())
    for path in (status, booking):
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = Client().get(path, HTTP_ACCEPT_ENCODING="gzip")
            assert response.status_code == 200 and len(captured) > 0, path  # drawn from the database each time
            assert "no-store" in response["Cache-Control"], path
            assert response["Content-Encoding"] == "gzip", path  # compressed with Django's BREACH mitigation:
            assert response.content[3] & gzip.FNAME, path  # random bytes in the gzip header
            assert gzip.decompress(response.content).startswith(b"<!doctype html>"), path
        assert cache.get(f"page:testserver:{path}?") is None, path


def test_the_forms_are_served_and_sign_ups_stored_with_the_cache_down(spravato, settings):
    # A real fault: the cache configured as production configures Redis, at a port where nothing listens.
    settings.CACHES = {
        "default": resilient_redis_settings(
            {"LOCATION": f"redis://127.0.0.1:{closed_port()}/0", "KEY_PREFIX": "test"}, timeout=0.2, pause=30.0
        )
    }
    for path, form_data, _ in FORMS:
        visitor = strict_visitor()
        page = visitor.get(path, HTTP_ACCEPT_ENCODING="gzip")
        assert page.status_code == 200 and page["Content-Encoding"] == "gzip"
        number = len(path)  # a different person on each form
        response = sign_up(
            visitor, path, form_data, token_of(page), email=f"p{number}@example.com", phone=f"(619) 555-01{number}"
        )
        assert response.status_code == 302, path
    assert requests_of(IntakeRequest.Kind.WAITLIST) == requests_of(IntakeRequest.Kind.CALL_BACK) == 2
