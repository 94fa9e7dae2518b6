"""A limit per staff account across all addresses: a rising delay that never locks a colleague out.

django-axes locks one client address (and one username at that address) after AXES_FAILURE_LIMIT
failures. Guessing from many addresses is slowed here instead, per account (the username as typed,
case-folded, so names that do not exist are treated the same and the answer reveals nothing):

- the first STAFF_ACCOUNT_FREE_FAILURES failures within an hour cost nothing;
- after that each failure makes the next attempt for the account wait twice as long as the last
  (1, 2, 4 ... seconds), never longer than STAFF_ACCOUNT_MAX_DELAY_SECONDS; an attempt that comes
  too early is not checked at all and is asked to wait.

It is a delay, not a lockout, and a browser that has signed in to the account before carries a signed
cookie (STAFF_KNOWN_BROWSER_COOKIE) that skips it: a stranger hammering a colleague's username can slow
strangers, never the colleague at their own browser, and a colleague on a new browser waits at most
the maximum delay. Counters live in the shared cache (Redis in production), so they hold across app
servers; a cache outage limits nobody, like the intake rate limits.
"""

import logging
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60 * 60  # failures are forgotten an hour after the last one
_KEY_SALT = "staff.sign_in_limits.account"
_COOKIE_SALT = "staff.sign_in_limits.known_browser"
KNOWN_BROWSER_MAX_AGE = 180 * 24 * 60 * 60
KNOWN_BROWSER_ACCOUNTS = 5  # a shared front-desk browser remembers a few accounts, the latest first


def now() -> float:
    return time.time()


def account_key(username: str) -> str:
    """The account as counted: a keyed hash of the case-folded username, so neither cache nor cookie holds it."""
    return salted_hmac(_KEY_SALT, username.strip().casefold()).hexdigest()


def _cache_key(username: str) -> str:
    return f"staff:sign-in-failures:{account_key(username)}"


def delay_after(failures: int) -> int:
    """Seconds the next attempt must wait after `failures` failures in a row."""
    over = failures - settings.STAFF_ACCOUNT_FREE_FAILURES
    if over < 0:
        return 0
    return min(2**over, settings.STAFF_ACCOUNT_MAX_DELAY_SECONDS)


def seconds_to_wait(*, username: str, request: HttpRequest) -> int:
    """How long this attempt must wait before the account's credentials are checked (0: check them now)."""
    if is_known_browser(username=username, request=request):
        return 0
    record = _read(username)
    if record is None:
        return 0
    failures, last_failure = record
    remaining = last_failure + delay_after(failures) - now()
    return max(0, int(remaining + 0.999))


def note_failure(*, username: str) -> None:
    record = _read(username) or (0, 0.0)
    _write(username, (record[0] + 1, now()))


def forget_failures(*, username: str) -> None:
    try:
        cache.delete(_cache_key(username))
    except Exception as error:
        logger.warning("Sign-in counter not cleared, cache unavailable: %s", type(error).__name__)


def _read(username: str) -> tuple[int, float] | None:
    try:
        return cache.get(_cache_key(username))
    except Exception as error:  # the cache is not essential: without it the delay is skipped
        logger.warning("Sign-in delay skipped, cache unavailable: %s", type(error).__name__)
        return None


def _write(username: str, record: tuple[int, float]) -> None:
    try:
        cache.set(_cache_key(username), record, WINDOW_SECONDS)
    except Exception as error:
        logger.warning("Sign-in failure not counted, cache unavailable: %s", type(error).__name__)


# --- browsers that have signed in before ------------------------------------------------------------


def _known_accounts(request: HttpRequest) -> list[str]:
    value = request.COOKIES.get(settings.STAFF_KNOWN_BROWSER_COOKIE)
    if not value:
        return []
    try:
        accounts = signing.loads(value, salt=_COOKIE_SALT, max_age=KNOWN_BROWSER_MAX_AGE)
    except signing.BadSignature:
        return []
    return [account for account in accounts if isinstance(account, str)] if isinstance(accounts, list) else []


def is_known_browser(*, username: str, request: HttpRequest) -> bool:
    return account_key(username) in _known_accounts(request)


def remember_browser(*, username: str, request: HttpRequest, response: HttpResponse) -> None:
    """After a full sign-in: this browser may skip the account's delay from now on."""
    account = account_key(username)
    accounts = [account] + [known for known in _known_accounts(request) if known != account]
    response.set_cookie(
        settings.STAFF_KNOWN_BROWSER_COOKIE,
        signing.dumps(accounts[:KNOWN_BROWSER_ACCOUNTS], salt=_COOKIE_SALT),
        max_age=KNOWN_BROWSER_MAX_AGE,
        path=f"/{settings.ADMIN_URL}",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
