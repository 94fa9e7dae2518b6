"""Cache of rendered public pages, cleared as a whole whenever staff change content.

Every entry carries the content version it was made under; a new version (set
after any save or delete of a content model) makes every older entry stale at
once, on every app server that shares the cache. Versions are random tokens, not
counters, so a flushed or restarted cache can never bring an old version back.

The same version keys the values pages are drawn from (`cached_value`), among them the
page frame every page shares (`page_frame`), and the form pages whose CSRF token is
filled in for each visitor (`public_form_page`).

Each process asks the shared cache for the version at most once every
CONTENT_VERSION_CHECK_SECONDS (a second): a round trip to Redis per request was most of
what a cached page cost. A save here is seen here at once; one on another app server
within that second.
"""

import math
import secrets
import struct
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache, wraps
from typing import Any, NamedTuple, TypeVar, cast
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH, CsrfViewMiddleware
from django.urls import Resolver404, resolve
from django.utils.cache import cc_delim_re, patch_vary_headers
from django.utils.module_loading import import_string
from django.utils.text import compress_string

from translation.twins import keeps_query_params

from . import form_tokens

VERSION_KEY = "content-version"
T = TypeVar("T")
_bypassed = ContextVar("content_cache_bypassed", default=False)
# The page frame as read once for the current request (or preview); None outside one (the worker, a shell).
_frame_memo: ContextVar[dict[str, Any] | None] = ContextVar("page_frame_memo", default=None)


@contextmanager
def bypassed() -> Iterator[None]:
    """Render from the database alone: nothing is read from or written to the cache, and content saves
    clear nothing. For pages rendered from changes that are rolled back (staff previews), which must
    never reach the shared cache nor empty it."""
    token = _bypassed.set(True)
    frame = _frame_memo.set({})  # the frame of the previewed words, read for this preview alone
    try:
        yield
    finally:
        _frame_memo.reset(frame)
        _bypassed.reset(token)


def content_version() -> str | None:
    """The current content version, or None while the cache is unreachable (then nothing is cached).

    Under bypassed() it is a token of its own, so anything cached by version is drawn afresh from the previewed
    words and never read by anyone else."""
    if _bypassed.get():
        return secrets.token_hex(8)
    version = _version_seen_lately()
    if version is not None:
        return version
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(VERSION_KEY)
    _saw_version(version)
    return version


def bump_content_version() -> None:
    cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)
    forget_seen_version()  # this process asks for the new version at its next look


class _SeenVersion(NamedTuple):
    version: str
    until: float  # time.monotonic()


# The content version as this process last read it from the shared cache. One tuple, replaced whole.
_seen_version: _SeenVersion | None = None


def _version_seen_lately() -> str | None:
    seen = _seen_version
    return seen.version if seen is not None and time.monotonic() < seen.until else None


def _saw_version(version: str | None) -> None:
    global _seen_version
    if version is not None and settings.CONTENT_VERSION_CHECK_SECONDS > 0:
        _seen_version = _SeenVersion(version, time.monotonic() + settings.CONTENT_VERSION_CHECK_SECONDS)


def forget_seen_version(**kwargs: Any) -> None:
    """Ask the shared cache for the version at the next look (after a save here, a new setting, an emptied cache)."""
    global _seen_version
    _seen_version = None


def clear_public_pages(*, using: str | None = None) -> None:
    """After a content change: a new version now, so no old page is served from here on, and again once
    the change commits, because a visitor's request in between reads the old rows and may cache them."""
    memo = _frame_memo.get()
    if memo:
        memo.clear()  # the rest of this request (or preview) reads the changed frame
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


def kept_value(name: str, compute: Callable[[], T], timeout: int) -> T:
    """`compute()` cached under `name` for `timeout` seconds whatever the content version: for values drawn from
    something other than content, which a content save leaves be. Computed afresh, and not kept, under bypassed()
    or while the cache is unreachable."""
    if _bypassed.get():
        return compute()
    found = cache.get(_value_key(name), _MISSING)
    if found is not _MISSING:
        return cast(T, found)
    value = compute()
    cache.set(_value_key(name), value, timeout)
    return value


def peek_value(name: str) -> Any:
    """The cached value for `name`, or None; never computes, so never touches the database."""
    _, values = _current_values([name])
    return None if values[name] is _MISSING else values[name]


_MISSING = object()  # a computed None is a cached value too


def _value_key(name):
    return f"value:{name}"


def _current_values(names):
    """The content version, and the value stored for each name under it (or _MISSING), in one round trip."""
    keys = [_value_key(name) for name in names]
    version = _version_seen_lately()
    if version is not None:
        found = cache.get_many(keys)
    else:
        found = cache.get_many([VERSION_KEY, *keys])
        version = found.get(VERSION_KEY) or content_version()
        _saw_version(version)
    return version, {name: _if_current(found.get(key), version) for name, key in zip(names, keys, strict=True)}


def _if_current(stored, version):
    return stored[1] if version is not None and stored is not None and stored[0] == version else _MISSING


# --- the page frame ------------------------------------------------------------------------------------------

FRAME = "page-frame"


@lru_cache(maxsize=1)
def frame_parts() -> dict[str, Callable[[], Any]]:
    """{name: function that reads it from the database} of the page frame: what every page shows around its own
    content (header, menu, footer, crisis strip, language links), declared by each app in its AppConfig as
    `page_frame = {name: dotted path}` (clinic details, menu links, page texts, open waitlists...). Each function
    reads content only, so a content version keys them all."""
    parts: dict[str, Callable[[], Any]] = {}
    for config in apps.get_app_configs():
        for name, path in getattr(config, "page_frame", {}).items():
            if name in parts:
                raise ValueError(f"Two apps declare the page frame part {name!r}")
            parts[name] = import_string(path)
    return parts


def page_frame() -> dict[str, Any]:
    """Every part of the page frame, {name: value}: one cached value for the current content version, read at most
    once per request (PageFrameMiddleware). From the database when the cache has none (then stored) or is
    unreachable (then not), and under bypassed() (a preview's words)."""
    memo = _frame_memo.get()
    if memo is not None and FRAME in memo:
        frame: dict[str, Any] = memo[FRAME]
        return frame
    frame = _read_frame() if _bypassed.get() else _current_frame()
    if memo is not None:
        memo[FRAME] = frame
    return frame


class _ProcessFrame(NamedTuple):
    version: str
    frame: dict[str, Any]
    until: float  # time.monotonic(): kept no longer than the shared cache keeps it


# The page frame as this process last read it. Unpickling it from the shared cache costs about 0.4 ms a request (some
# 135 KB, most of it the page texts), so a request only asks the cache for the current version while this copy is
# of it. Read-only, like Django's own per-process caches (content types, sites); one tuple, replaced whole.
_process_frame: _ProcessFrame | None = None


def _current_frame() -> dict[str, Any]:
    global _process_frame
    version = content_version()
    if version is None:  # the cache is unreachable: nothing is kept
        return _read_frame()
    kept = _process_frame
    if kept is not None and kept.version == version and time.monotonic() < kept.until:
        return kept.frame
    frame = _if_current(cache.get(_value_key(FRAME)), version)
    if frame is _MISSING or not frame.keys() >= frame_parts().keys():  # none yet, or an older release's
        frame = _read_frame()
        cache.set(_value_key(FRAME), (version, frame), settings.PUBLIC_PAGE_CACHE_SECONDS)
    _process_frame = _ProcessFrame(version, frame, time.monotonic() + settings.PUBLIC_PAGE_CACHE_SECONDS)
    return frame


def frame_part(name: str) -> Any:
    """One part of the page frame (`page_frame`), by the name its app declared."""
    return page_frame()[name]


def peek_frame_part(name: str) -> Any:
    """The cached part of the page frame, or None; never touches the database (error pages)."""
    frame = peek_value(FRAME)
    return None if frame is None else frame.get(name)


def _read_frame() -> dict[str, Any]:
    return {name: read() for name, read in frame_parts().items()}


class PageFrameMiddleware:
    """Each request reads the page frame at most once, however many templates, tags and forms ask for a part of it
    (the header, the footer, the texts of a form...), and never a frame read for another request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _frame_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _frame_memo.reset(token)


# --- pages ---------------------------------------------------------------------------------------------------


def public_page(view=None, *, query_params=()):
    """Mark a view's responses as the same for every anonymous visitor, so they may be cached.

    Only the query parameters named in `query_params` make a different page; any other query string
    (tracking tags, cache-busters) is served the canonical page, so the cache cannot be flooded.
    A response the view marks private, no-cache or no-store (for instance a form with errors) is not kept.
    A response may say it must not be kept longer than `response.page_cache_seconds`.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.is_public_page = True
            return response

        wrapper.public_page_query_params = tuple(sorted(query_params))
        return keeps_query_params(*wrapper.public_page_query_params)(wrapper)  # in the other language too

    return decorate(view) if view is not None else decorate


def public_form_page(view):
    """Mark a form page whose blank form is the same for every visitor but for its CSRF token, so it may be cached.

    On a GET the view draws `{% csrf_token %}` as a slot, a random marker (it passes `csrf_token_slot(request)` to
    its template). The response in hand gets a token masked for this visitor (`form_tokens.get_token`, so Django's
    CsrfViewMiddleware sets the visitor's cookie as for any form), and the page cache keeps the page with the slot
    and fills a token masked afresh into it for each visitor it serves (`PublicPageCacheMiddleware`). No stored
    page ever holds a token. A POST (a form sent back with its errors, a sign-up) is never marked, so never kept.
    The view's Cache-Control (no-store) is left for browsers and proxies: what they get carries a visitor's token.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        request.csrf_token_slot = slot = f"csrf-token-slot-{secrets.token_hex(16)}"
        response = view(request, *args, **kwargs)
        marker = slot.encode()
        if response.streaming or marker not in response.content:
            return response  # a redirect, a page without the form: nothing to fill, nothing to keep
        response.page_with_slot = response.content
        response.csrf_token_slot = slot
        response.is_public_page = True
        response.content = response.content.replace(marker, form_tokens.get_token(request).encode())
        return response

    wrapper.public_page_query_params = ()
    return wrapper


def csrf_token_slot(request) -> dict[str, str]:
    """The template context of a `public_form_page` view: on a GET, `csrf_token` is the slot the page cache fills in
    for each visitor; otherwise nothing, and `{% csrf_token %}` is Django's own token for this visitor."""
    slot = getattr(request, "csrf_token_slot", None)
    return {"csrf_token": slot} if slot else {}


class Entry(NamedTuple):
    """A stored page. A form page (`public_form_page`) is kept as its parts around the CSRF token's slot, each also
    deflated on its own (`_deflated_parts`), so a visitor's token is put between them with no compressing per
    request."""

    version: str
    content: bytes | tuple[bytes, ...]
    compressed: bytes | tuple[bytes, ...]  # gzip, or a form page's deflated parts
    headers: list[tuple[str, str]]
    expires: float = math.inf  # time.time() after which it is not served (the process copy too)


class PublicPageCacheMiddleware:
    """Serve cached public pages, with the headers they were first sent with, before any other work.

    It sits right below SecurityMiddleware (HTTPS redirect, HSTS) and the compression of pages rendered now, so a
    stored page has passed through every other middleware (CSP, framing, permissions) once. Each request asks the
    shared cache for the current content version; a page already held in this process under that version
    is served from memory, otherwise from the shared cache, otherwise rendered. While the cache is
    unreachable there is no version, and every page is rendered.

    A form page gets a CSRF token masked for each visitor (`form_tokens.get_token`, Django's own with cheaper
    random characters), and the visitor's CSRF cookie, from Django's own CsrfViewMiddleware, called here as for a
    page rendered now (it reads the cookie, makes a new secret when it is malformed, and sets the cookie with
    `Vary: Cookie`).
    """

    LOCAL_PAGES = 256  # per process; about 30 KB each

    def __init__(self, get_response):
        if not settings.PUBLIC_PAGE_CACHE_SECONDS:
            raise MiddlewareNotUsed("Public page cache is off (PUBLIC_PAGE_CACHE_SECONDS=0)")
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)
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
        if stored is None or stored.version != version or stored.expires <= time.time():
            stored = cache.get(key)
            stored = None if stored is None else Entry(*stored)  # a plain tuple from a release before Entry
        if stored is not None and stored.version == version and stored.expires > time.time():
            self._keep(key, stored)
            if isinstance(stored.content, tuple):
                return self._form_page(request, stored, accepts_gzip=accepts_gzip)
            return _rebuild(stored, stored.compressed if accepts_gzip else stored.content, gzipped=accepts_gzip)
        response = self.get_response(request)
        if _is_shareable(response):
            timeout = min(settings.PUBLIC_PAGE_CACHE_SECONDS, getattr(response, "page_cache_seconds", math.inf))
            if timeout >= 1:
                entry = _entry(response, version=version, expires=time.time() + timeout)
                cache.set(key, entry, timeout)
                self._keep(key, entry)
        return response

    def _form_page(self, request, stored, *, accepts_gzip):
        self.csrf.process_request(request)  # the visitor's secret from their cookie
        token = form_tokens.get_token(request).encode()  # or a new one; masked afresh: the BREACH mitigation
        if accepts_gzip:
            response = _rebuild(stored, _gzip_around(stored.content, stored.compressed, token), gzipped=True)
        else:
            response = _rebuild(stored, token.join(stored.content), gzipped=False)
        return self.csrf.process_response(request, response)  # sets the cookie, as for a page rendered now

    def _keep(self, key, entry):
        if len(self.local) >= self.LOCAL_PAGES and key not in self.local:
            self.local.clear()
        self.local[key] = entry


SKIPPED_HEADERS = {"set-cookie", "content-length"}
# Headers a stored page may vary on. Accept-Encoding: gzip or plain is chosen here per request.
# Cookie: only requests without a session cookie use the cache, and the session is the only cookie
# that changes a page (a view that reads request.user makes Django add "Vary: Cookie"; a form page's
# CSRF cookie changes only its token, which is filled in per request).
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
    if not getattr(response, "is_public_page", False) or response.status_code != 200:
        return False
    form_page = getattr(response, "csrf_token_slot", None) is not None
    if form_page and settings.CSRF_USE_SESSIONS:
        return False  # the secret would be in the session, which is not read up here
    # A form page sets the visitor's CSRF cookie and is no-store for browsers: both are about the token filled in
    # for one visitor, never about the page kept, which holds the slot.
    if set(response.cookies) - ({settings.CSRF_COOKIE_NAME} if form_page else set()):
        return False
    directives = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    if directives & PRIVATE_DIRECTIVES and not form_page:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
    return vary <= SHAREABLE_VARY


def _entry(response, *, version, expires):
    patch_vary_headers(response, ["Accept-Encoding"])
    headers = [(name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS]
    slot = getattr(response, "csrf_token_slot", None)
    if slot is not None:
        parts = tuple(response.page_with_slot.split(slot.encode()))
        return Entry(version, parts, _deflated_parts(parts), headers, expires)
    # Compressed once here, not per request. Safe from BREACH: public pages hold no secrets.
    return Entry(version, response.content, compress_string(response.content), headers, expires)


def _rebuild(stored, body, *, gzipped):
    response = HttpResponse(body)
    for name, value in stored.headers:
        response[name] = value
    if gzipped:
        response["Content-Encoding"] = "gzip"
    response["Content-Length"] = len(body)
    return response


# --- a form page's gzip, with a visitor's token put between its parts --------------------------------------------
# One gzip stream (RFC 1952) whose deflate data (RFC 1951) is the page's parts, each compressed once when the page is
# stored and ended on a byte boundary, with the token between them as a stored (uncompressed) block. A part may refer
# back to the parts before it, never into a token: it is compressed as if each token were NUL bytes, which no part
# holds (a page with a NUL byte gets no references back). So no compressing per request, and the token's bytes change
# no other byte of the answer: its length says nothing about the token (BREACH), which is masked afresh anyway.

GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # deflate, no name, no time, best compression
WINDOW = 1 << zlib.MAX_WBITS  # how far back deflate refers


def _deflated_parts(parts: tuple[bytes, ...]) -> tuple[bytes, ...]:
    """Each part as raw deflate data: every one but the last ends with a sync flush (an empty stored block, then a
    byte boundary), the last ends the stream. Each part after the first starts from what came before it, tokens as
    NUL bytes (`zdict`), so the page compresses as well as in one piece."""
    placeholder = b"\x00" * CSRF_TOKEN_LENGTH
    refer_back = not any(b"\x00" in part for part in parts)
    deflated, before = [], b""
    for number, part in enumerate(parts, start=1):
        if refer_back and before:
            compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS, zdict=before[-WINDOW:])
        else:
            compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        end = zlib.Z_FINISH if number == len(parts) else zlib.Z_SYNC_FLUSH
        deflated.append(compressor.compress(part) + compressor.flush(end))
        before = (before + part + placeholder)[-WINDOW:]
    return tuple(deflated)


def _gzip_around(parts: tuple[bytes, ...], deflated: tuple[bytes, ...], token: bytes) -> bytes:
    """The gzip of `token.join(parts)`, from the parts deflated once (`_deflated_parts`)."""
    if len(token) != CSRF_TOKEN_LENGTH:  # Django's masked tokens always have this length; the parts were made for it
        return compress_string(token.join(parts))
    stored_token = b"\x00" + struct.pack("<HH", len(token), len(token) ^ 0xFFFF) + token  # a non-final stored block
    chunks, crc = [GZIP_HEADER, deflated[0]], zlib.crc32(parts[0])
    for part, packed in zip(parts[1:], deflated[1:], strict=True):
        chunks += [stored_token, packed]
        crc = zlib.crc32(part, zlib.crc32(token, crc))
    size = sum(map(len, parts)) + len(token) * (len(parts) - 1)
    chunks.append(struct.pack("<II", crc, size & 0xFFFFFFFF))
    return b"".join(chunks)
