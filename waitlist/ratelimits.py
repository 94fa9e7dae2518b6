"""Per-client limits on waitlist POSTs, counted in the shared cache so they hold across app servers."""

from django.conf import settings


def join_rate(group, request):
    # Read per request so deployments (and load tests) can change or lift it in settings; empty means no limit.
    return settings.WAITLIST_RATE_LIMIT or None


def client_ip(group, request):
    """The visitor's address: REMOTE_ADDR, or the right hop of X-Forwarded-For behind trusted proxies."""
    proxies = settings.WAITLIST_PROXY_COUNT
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
