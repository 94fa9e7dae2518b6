"""The CSRF token of a cached form page, drawn and served: Django's `get_token`, with cheaper random characters.

Django draws each of a token's 32 random characters with a system call of its own (`get_random_string`: about 60 µs
a token on the CI machine), and a visitor without the CSRF cookie needs two such strings, the new secret and the mask:
most of the time of serving a cached form page. Here the characters come from one read of the system's random
source, each of the 62 equally likely (bytes from 248 up are dropped, so none is favoured), and the secret is masked
as Django masks it, so Django's CsrfViewMiddleware checks the form sent back exactly as any other
(tests/content/test_form_tokens.py holds the two to each other).
"""

import secrets

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

_BASE = len(CSRF_ALLOWED_CHARS)
_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}
_FAIR_BELOW = 256 - 256 % _BASE  # 248: a byte below it names each character four times


def random_csrf_string() -> str:
    """A secret or a mask: CSRF_SECRET_LENGTH characters of CSRF_ALLOWED_CHARS, uniformly at random."""
    chars: list[str] = []
    while len(chars) < CSRF_SECRET_LENGTH:
        random_bytes = secrets.token_bytes(CSRF_SECRET_LENGTH + 8)  # about 3 % are dropped
        chars += [CSRF_ALLOWED_CHARS[byte % _BASE] for byte in random_bytes if byte < _FAIR_BELOW]
    return "".join(chars[:CSRF_SECRET_LENGTH])


def masked(secret: str) -> str:
    """`secret` behind a fresh mask, as Django's `get_token` returns it: the mask, then each character of the secret
    shifted by the mask's character at the same place."""
    mask = random_csrf_string()
    shifted = (CSRF_ALLOWED_CHARS[(_INDEX[a] + _INDEX[b]) % _BASE] for a, b in zip(secret, mask, strict=True))
    return mask + "".join(shifted)


def get_token(request: HttpRequest) -> str:
    """Django's `get_token`, after CsrfViewMiddleware.process_request has read the visitor's cookie: their secret, or
    a new one the response's cookie will carry (CsrfViewMiddleware.process_response sets it), masked afresh."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = request.META["CSRF_COOKIE"] = random_csrf_string()
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return masked(secret)
