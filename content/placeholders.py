"""Values a fresh site ships with until staff put in the real ones, and how to tell them apart.

A shipped placeholder is always recognisable: text starts with PLACEHOLDER, email addresses and links
use the reserved example domains (RFC 2606), and phone numbers are the 555-01xx numbers reserved for
fiction. The go-live checklist reports them, and search engines never get them (`without_placeholders`).
"""

from typing import Any
from urllib.parse import urlsplit

from phones import numbers as phones

PLACEHOLDER_MARK = "PLACEHOLDER"
EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net")
EXAMPLE_TOP_LEVEL_DOMAINS = ("example", "test", "invalid", "localhost")


def placeholder_reason(value: object) -> str | None:
    """Why `value` is a shipped stand-in rather than a real detail, or None when it may be real."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.upper().startswith(PLACEHOLDER_MARK):
        return f"it still says {PLACEHOLDER_MARK}"
    domain = _domain(text)
    if is_example_domain(domain):
        return f"{domain} is a domain reserved for examples"
    if text.startswith("+") and phones.is_fictional(text):
        return "555-0100 to 555-0199 are numbers reserved for fiction"
    return None


def is_placeholder(value: object) -> bool:
    return placeholder_reason(value) is not None


def is_example_domain(domain: str) -> bool:
    domain = domain.lower().rstrip(".")
    if not domain:
        return False
    return any(domain == reserved or domain.endswith(f".{reserved}") for reserved in EXAMPLE_DOMAINS) or (
        domain.rsplit(".", 1)[-1] in EXAMPLE_TOP_LEVEL_DOMAINS
    )


def _domain(text: str) -> str:
    """The domain of an email address or web link, or "" for other text."""
    if " " in text:
        return ""
    if "://" in text:
        return urlsplit(text).hostname or ""
    if text.startswith("mailto:"):
        text = text.removeprefix("mailto:")
    local, at, domain = text.rpartition("@")
    return domain if at and local else ""


def without_placeholders(data: Any) -> Any:
    """`data` (JSON-like) with every placeholder and empty value left out."""
    if isinstance(data, dict):
        kept = {key: without_placeholders(value) for key, value in data.items()}
        return {key: value for key, value in kept.items() if not _is_empty(value)}
    if isinstance(data, list):
        kept_items = [without_placeholders(value) for value in data]
        return [value for value in kept_items if not _is_empty(value)]
    return None if is_placeholder(data) else data


def _is_empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}
