"""Read pages through their structure (BeautifulSoup), not with regexes over the markup."""

import json

from bs4 import BeautifulSoup


def soup(response_or_html):
    """The parsed page of a test-client response (or of an HTML string)."""
    content = getattr(response_or_html, "content", response_or_html)
    return BeautifulSoup(content, "html.parser")


def text(element):
    """An element's visible text with whitespace collapsed, as a reader would see it."""
    return " ".join(element.get_text(" ").split())


def json_ld(page):
    """Every JSON-LD block on the page, parsed."""
    return [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]


def meta(page, name):
    """The content of <meta name=...> or <meta property=...>, or None."""
    tag = page.find("meta", attrs={"name": name}) or page.find("meta", attrs={"property": name})
    return tag["content"] if tag else None


def hrefs(element):
    """The href of every link inside `element`."""
    return [link["href"] for link in element.find_all("a", href=True)]
