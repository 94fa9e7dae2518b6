"""Cache of rendered public pages, cleared as a whole whenever staff change content.

Every entry carries the content version it was made under; a new version (set
after any save or delete of a content model) makes every older entry stale at
once, on every app server that shares the cache. Versions are random tokens, not
counters, so a flushed or restarted cache can never bring an old version back.
"""

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache, wraps
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.db import transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import cc_delim_re, patch_vary_headers
from django.utils.text import compress_string

VERSION_KEY = "content-version"
T = TypeVar("T")
_bypassed = ContextVar("content_cache_bypassed", default=False)


@contextmanager
def bypassed() -> Iterator[None]:
    """Render from the database alone: nothing is read from or written to the cache, and content saves
    clear nothing. For pages rendered from changes that are rolled back (staff previews), which must
    never reach the shared cache nor empty it."""
    token = _bypassed.set(True)
    try:
        yield
    finally:
        _bypassed.reset(token)


def content_version() -> str | None:
    """The current content version, or None while the cache is unreachable (then nothing is cached).

    Under bypassed() it is a token of its own, so a template fragment cached by version (a blank form) is
    drawn afresh from the previewed words and never read by anyone else."""
    if _bypassed.get():
        return secrets.token_hex(8)
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version() -> None:
    cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)


def clear_public_pages(*, using: str | None = None) -> None:
    """After a content change: a new version now, so no old page is served from here on, and again once
    the change commits, because a visitor's request in between reads the old rows and may cache them."""
    if _bypassed.get():
        return
    bump_content_version()
    transaction.on_commit(bump_content_version, using=using)


def cached_value(name: str, compute: Callable[[], T], timeout: int | None = None) -> T:
    """Return `compute()` cached under `name` for the current content version.

    The value is stored with the version it was computed under, so a single round trip
    to the shared cache fetches both the current version and the value.
    """
    value: T = cached_values({name: compute}, timeout)[name]
    return value


def cached_values(computes: dict[str, Callable[[], Any]], timeout: int | None = None) -> dict[str, Any]:
    """`cached_value` for several names at once: one round trip to the shared cache fetches them all."""
    if _bypassed.get():
        return {name: compute() for name, compute in computes.items()}
    version, values = _current_values(list(computes))
    missing = {name: compute() for name, compute in computes.items() if values[name] is _MISSING}
    if missing and version is not None:
        stored = {_value_key(name): (version, value) for name, value in missing.items()}
        cache.set_many(stored, timeout or settings.PUBLIC_PAGE_CACHE_SECONDS)
    return {**values, **missing}


def peek_value(name: str) -> Any:
    """The cached value for `name`, or None; never computes, so never touches the database."""
    _, values = _current_values([name])
    return None if values[name] is _MISSING else values[name]


_MISSING = object()  # a computed None is a cached value too


def _value_key(name):
    return f"value:{name}"


def _current_values(names):
    """The content version, and the value stored for each name under it (or _MISSING), in one round trip."""
    found = cache.get_many([VERSION_KEY, *map(_value_key, names)])
    version = found.get(VERSION_KEY) or content_version()
    return version, {name: _if_current(found.get(_value_key(name)), version) for name in names}


def _if_current(stored, version):
    return stored[1] if version is not None and stored is not None and stored[0] == version else _MISSING


def public_page(view=None, *, query_params=()):
    """Mark a view's responses as the same for every anonymous visitor, so they may be cached.

    Only the query parameters named in `query_params` make a different page; any other query string
    (tracking tags, cache-busters) is served the canonical page, so the cache cannot be flooded.
    A response the view marks private, no-cache or no-store (for instance a form with errors) is not kept.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.is_public_page = True
            return response

        wrapper.public_page_query_params = tuple(sorted(query_params))
        return wrapper

    return decorate(view) if view is not None else decorate


class PublicPageCacheMiddleware:
    """Serve cached public pages, with the headers they were first sent with, before any other work.

    It sits right below SecurityMiddleware (HTTPS redirect, HSTS), so a stored page has passed
    through every other middleware (CSP, framing, permissions) once. Each request asks the shared
    cache for the current content version; a page already held in this process under that version
    is served from memory, otherwise from the shared cache, otherwise rendered. While the cache is
    unreachable there is no version, and every page is rendered.
    """

    LOCAL_PAGES = 256  # per process; about 30 KB each

    def __init__(self, get_response):
        if not settings.PUBLIC_PAGE_CACHE_SECONDS:
            raise MiddlewareNotUsed("Public page cache is off (PUBLIC_PAGE_CACHE_SECONDS=0)")
        self.get_response = get_response
        self.local = {}

    def __call__(self, request):
        key = _page_key(request)
        if key is None:
            return self.get_response(request)
        version = content_version()
        if version is None:
            return self.get_response(request)
        accepts_gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
        stored = self.local.get(key)
        if stored is None or stored[0] != version:
            stored = cache.get(key)
        if stored is not None and stored[0] == version:
            self._keep(key, stored)
            return _rebuild(stored, accepts_gzip=accepts_gzip)
        response = self.get_response(request)
        if _is_shareable(response):
            patch_vary_headers(response, ["Accept-Encoding"])
            headers = [(name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS]
            # Compressed once here, not per request. Safe from BREACH: public pages hold no secrets.
            entry = (version, response.content, compress_string(response.content), headers)
            cache.set(key, entry, settings.PUBLIC_PAGE_CACHE_SECONDS)
            self._keep(key, entry)
        return response

    def _keep(self, key, entry):
        if len(self.local) >= self.LOCAL_PAGES and key not in self.local:
            self.local.clear()
        self.local[key] = entry


SKIPPED_HEADERS = {"set-cookie", "content-length"}
# Headers a stored page may vary on. Accept-Encoding: gzip or plain is chosen here per request.
# Cookie: only requests without a session cookie use the cache, and the session is the only cookie
# that changes a page (a view that reads request.user makes Django add "Vary: Cookie").
SHAREABLE_VARY = {"accept-encoding", "cookie"}
PRIVATE_DIRECTIVES = {"private", "no-cache", "no-store"}


def _page_key(request):
    """The cache key of a request for a public page, or None when it must not come from the cache."""
    if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None  # staff with a session see drafts and admin links, so only cookie-less GETs share pages
    params = _public_page_query_params(request.path_info)
    if params is None:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # refused further down, where the 400 still gets the security headers
    query = urlencode([(name, request.GET[name]) for name in params if name in request.GET])
    return f"page:{host}:{request.path}?{query}"


@lru_cache(maxsize=1024)
def _public_page_query_params(path):
    """The query parameters the public page at `path` uses, or None if it is not a public page."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return getattr(match.func, "public_page_query_params", None)


def _is_shareable(response):
    if not getattr(response, "is_public_page", False) or response.status_code != 200 or response.cookies:
        return False
    directives = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    if directives & PRIVATE_DIRECTIVES:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
    return vary <= SHAREABLE_VARY


def _rebuild(stored, *, accepts_gzip):
    _, content, compressed, headers = stored
    response = HttpResponse(compressed if accepts_gzip else content)
    for name, value in headers:
        response[name] = value
    if accepts_gzip:
        response["Content-Encoding"] = "gzip"
    response["Content-Length"] = len(response.content)
    return response
