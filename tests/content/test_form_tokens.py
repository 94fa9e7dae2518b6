"""The cached form pages' CSRF tokens (content.form_tokens) are Django's: Django's own middleware accepts them, for a
visitor's secret or a new one, and their random characters favour none of the 62."""

from collections import Counter

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CSRF_TOKEN_LENGTH, CsrfViewMiddleware

from content import form_tokens


def post_with(*, cookie: str, token: str) -> HttpRequest:
    request = HttpRequest()
    request.method = "POST"
    request.META.update(SERVER_NAME="testserver", SERVER_PORT="80", HTTP_X_CSRFTOKEN=token)
    request.COOKIES["csrftoken"] = cookie
    return request


def refused(request: HttpRequest, reason: str = "") -> HttpResponse:
    return HttpResponse(status=403)


def django_accepts(request: HttpRequest) -> bool:
    middleware = CsrfViewMiddleware(lambda request: HttpResponse())
    middleware.process_request(request)
    return middleware.process_view(request, lambda request: HttpResponse(), (), {}) is None


def test_a_visitor_s_secret_masked_afresh_passes_django_s_check_and_no_other(settings):
    settings.CSRF_FAILURE_VIEW = "tests.content.test_form_tokens.refused"  # not the branded page, which reads content
    secret = form_tokens.random_csrf_string()
    get = HttpRequest()
    get.META["CSRF_COOKIE"] = secret  # as CsrfViewMiddleware.process_request leaves it
    tokens = {form_tokens.get_token(get) for _ in range(20)}
    assert len(tokens) == 20 and all(len(token) == CSRF_TOKEN_LENGTH for token in tokens)
    assert get.META["CSRF_COOKIE"] == secret and get.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert all(django_accepts(post_with(cookie=secret, token=token)) for token in tokens)
    other_secret = form_tokens.random_csrf_string()
    assert not any(django_accepts(post_with(cookie=other_secret, token=token)) for token in tokens)


def test_a_visitor_without_the_cookie_gets_a_new_secret_for_the_response_s_cookie():
    get = HttpRequest()
    token = form_tokens.get_token(get)
    secret = get.META["CSRF_COOKIE"]
    assert len(secret) == CSRF_SECRET_LENGTH and set(secret) <= set(CSRF_ALLOWED_CHARS)
    assert get.META["CSRF_COOKIE_NEEDS_UPDATE"] is True  # CsrfViewMiddleware.process_response sets the cookie
    assert django_accepts(post_with(cookie=secret, token=token))


def test_every_character_is_equally_likely():
    counts = Counter("".join(form_tokens.random_csrf_string() for _ in range(10_000)))
    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    # 320,000 characters: about 5,161 each, give or take 72. Taking bytes modulo 62 without dropping 248-255 would
    # make the first eight characters a quarter more likely (5 bytes name them, 4 the others).
    assert max(counts.values()) / min(counts.values()) < 1.12
