"""The visitor's address, decided in one place for login lockouts, rate limits and logs.

Behind `settings.PROXY_COUNT` trusted reverse proxies (env DJANGO_PROXY_COUNT) the address is read
from X-Forwarded-For with django-ipware: each trusted proxy appends the address it received the
request from, so the client is the entry PROXY_COUNT places from the right. Entries further left
were written by the client itself and are never believed. With no proxies (the default) only the
socket address, REMOTE_ADDR, counts, and X-Forwarded-For is ignored entirely.

Client addresses are personal data: log them only where a log line needs them (lockouts), never
together with anything a patient typed.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip

# The part of an IPv6 address one subscriber normally controls: ISPs hand out a whole /64 (or more).
IPV6_CLIENT_PREFIX = 64


def client_address(request: HttpRequest) -> str:
    """The client's IP address as text, or "" when the request carries no usable address."""
    proxies = settings.PROXY_COUNT
    if proxies > 0:
        # python-ipware counts the proxies *listed in* the header: the first trusted proxy writes the
        # client's address but is itself only in REMOTE_ADDR, hence one less. Non-strict, so entries a
        # client forged on the left are skipped instead of discarding the header.
        address, _ = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if address:
            return address
    # No trusted proxy, or it sent no (or too short an) X-Forwarded-For: the socket address.
    address, _ = get_client_ip(request, proxy_count=None, request_header_order=["REMOTE_ADDR"], strict=False)
    return address or ""


def client_network(request: HttpRequest) -> str:
    """The client address for counting: IPv4 as is, IPv6 reduced to its /64 network."""
    return address_network(address=client_address(request))


def lockout_address(request: HttpRequest) -> str:
    """The address django-axes counts login failures by: IPv4 as is, IPv6 as the first address of its /64.

    Written as an address (not "net/64") because axes stores it in an IP-address column.
    """
    network = address_network(address=client_address(request))
    return network.split("/")[0]


def address_network(*, address: str) -> str:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_CLIENT_PREFIX}", strict=False))
    return str(parsed)
