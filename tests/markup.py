"""Read pages through their structure (BeautifulSoup), not with regexes over the markup."""

import copy
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


def form_values(form, *, browser_line_endings=True):
    """What a browser would submit for `form` (a parsed <form>) without a button: its fields' current values.

    Text areas come with \\r\\n line endings, as browsers send them.
    """
    values = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            value = field.string or ""
            if value.startswith("\n"):
                value = value[1:]  # the HTML parser keeps the newline browsers drop after <textarea>
            values[name] = value.replace("\n", "\r\n") if browser_line_endings else value
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            values[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                values[name] = field.get("value", "on")
        elif field.get("type") not in ("submit", "button", "file", "image", "reset"):
            values[name] = field.get("value", "")
    return values


def diff_sides(element):
    """The texts before and after a change shown by `element`: a word diff (<del>, <ins>) or "old → new"."""
    sides = []
    for left_out in ("ins, .history-new", "del, .history-old"):
        side = copy.copy(element)
        for tag in side.select(f'{left_out}, .visually-hidden, [aria-hidden="true"]'):
            tag.decompose()
        sides.append(" ".join(side.get_text("").split()))
    return tuple(sides)
