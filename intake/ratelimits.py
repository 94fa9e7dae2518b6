"""Per-client limits on waitlist POSTs, counted in the shared cache so they hold across app servers.

Two counters per client address (IPv6: per /64 network, see clinic_site/client_address.py):

- sign-ups: only posts that were accepted or caught as spam count, so a patient who sends the form
  back with typos a few times is never locked out (WAITLIST_RATE_LIMIT, default 5 per 10 minutes);
- all posts, valid or not, against scripted abuse (WAITLIST_POST_RATE_LIMIT, default 30 per 10 minutes).

The rates are read per request so deployments (and load tests) can change or lift them in settings;
an empty rate means no limit. With RATELIMIT_FAIL_OPEN a cache outage limits nobody.
"""

import logging

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from clinic_site.client_address import client_network

logger = logging.getLogger(__name__)

SIGNUP_GROUP = "waitlist.signup"
POST_GROUP = "waitlist.post"


def client_ip(group, request):
    """django-ratelimit key: the client's address, IPv6 reduced to its /64."""
    return client_network(request)


def too_many_posts(*, request: HttpRequest) -> bool:
    """Count this POST against the loose all-posts limit; True when it goes over."""
    return _count(request=request, group=POST_GROUP, rate=settings.WAITLIST_POST_RATE_LIMIT)


def too_many_signups(*, request: HttpRequest) -> bool:
    """Count an accepted (or spam) sign-up; True when it goes over, and then it must not be kept."""
    return _count(request=request, group=SIGNUP_GROUP, rate=settings.WAITLIST_RATE_LIMIT)


def _count(*, request: HttpRequest, group: str, rate: str) -> bool:
    try:
        return is_ratelimited(request, group=group, key=client_ip, rate=rate or None, method="POST", increment=True)
    except Exception as error:  # a cache that raises (rather than answering None) must not cost a sign-up
        if not settings.RATELIMIT_FAIL_OPEN:
            raise
        logger.warning("Rate limit %s skipped, cache unavailable: %s", group, type(error).__name__)
        return False
