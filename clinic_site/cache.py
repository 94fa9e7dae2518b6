"""The Redis cache as an accelerator, never a dependency.

django-redis's IGNORE_EXCEPTIONS turns a failed cache call into a miss. That alone still costs a
socket timeout on every call while Redis is down or hung, several times per request. The circuit
breaker below remembers the failure for a few seconds, per process, so the calls in between skip
Redis at once; the first call after the pause tries again. The outage and the recovery are each
logged once, not per request.
"""

import logging
import threading
import time
from typing import Any

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Failures that mean "Redis is not answering", as opposed to an answer we did not like (ResponseError).
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, TimeoutError, OSError)

# Client methods that return without a word to Redis: Django closes every cache after each request, and a lock or a
# key iterator talks to Redis only when used. Their returning says nothing about Redis, so they neither wait for
# the breaker nor close it.
SAYS_NOTHING_OF_REDIS = frozenset(
    {"close", "do_close_clients", "disconnect", "make_key", "make_pattern", "encode", "decode", "lock", "iter_keys"}
)


class CircuitBreaker:
    """Open for `pause` seconds after a connection failure; then one call may try again."""

    def __init__(self, *, pause: float, name: str) -> None:
        self.pause = pause
        self.name = name
        self._open_until = 0.0
        self._down = False
        self._lock = threading.Lock()

    @property
    def is_down(self) -> bool:
        return self._down

    def allows_call(self) -> bool:
        return time.monotonic() >= self._open_until

    def record_failure(self) -> None:
        with self._lock:
            self._open_until = time.monotonic() + self.pause
            if not self._down:
                self._down = True
                logger.warning(
                    "Redis cache %s is not answering: pages are served uncached, rate limits are off until it is back",
                    self.name,
                )

    def record_success(self) -> None:
        if self._down:
            with self._lock:
                self._down = False
                self._open_until = 0.0
            logger.warning("Redis cache %s is answering again", self.name)


class _GuardedClient:
    """Wraps django-redis's client: calls fail at once while the breaker is open, and trip it on failure."""

    def __init__(self, client: Any, breaker: CircuitBreaker) -> None:
        self._client = client
        self._breaker = breaker

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._client, name)
        if not callable(attribute) or name in SAYS_NOTHING_OF_REDIS:
            return attribute
        breaker = self._breaker

        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not breaker.allows_call():
                raise ConnectionInterrupted(connection=None) from RedisConnectionError("circuit open")
            try:
                result = attribute(*args, **kwargs)
            except ConnectionInterrupted as error:
                if isinstance(error.__cause__, UNREACHABLE):
                    breaker.record_failure()
                raise
            breaker.record_success()
            return result

        return guarded


class ResilientRedisCache(RedisCache):
    """django-redis's cache with exceptions ignored and a per-process circuit breaker.

    OPTIONS: BREAKER_PAUSE (seconds, default 5) besides django-redis's own options; set
    SOCKET_CONNECT_TIMEOUT and SOCKET_TIMEOUT short, since each is the most a call can wait.
    """

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        pause = float(options.pop("BREAKER_PAUSE", 5))
        options["IGNORE_EXCEPTIONS"] = True
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = CircuitBreaker(pause=pause, name=params.get("KEY_PREFIX") or "default")
        self._guarded: _GuardedClient | None = None

    @property
    def client(self) -> Any:
        if self._guarded is None:
            self._guarded = _GuardedClient(self._unguarded_client(), self.breaker)
        return self._guarded

    def _unguarded_client(self) -> Any:
        return super().client

    def is_answering(self) -> bool:
        """Whether Redis answers a PING now (for /healthz/); never waits while the breaker is open."""
        if not self.breaker.allows_call():
            return False
        try:
            self._unguarded_client().get_client(write=False).ping()
        except UNREACHABLE:
            self.breaker.record_failure()
            return False
        self.breaker.record_success()
        return True


def resilient_redis_settings(cache: dict[str, Any], *, timeout: float, pause: float) -> dict[str, Any]:
    """A django-redis CACHES entry made into a ResilientRedisCache with short waits."""
    options = {
        **cache.get("OPTIONS", {}),
        "SOCKET_CONNECT_TIMEOUT": timeout,
        "SOCKET_TIMEOUT": timeout,
        "BREAKER_PAUSE": pause,
        # One try per call: redis-py would otherwise retry, multiplying the wait.
        "CONNECTION_POOL_KWARGS": {"retry": None, "retry_on_timeout": False},
    }
    return {**cache, "BACKEND": "clinic_site.cache.ResilientRedisCache", "OPTIONS": options}
