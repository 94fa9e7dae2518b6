"""Read pages through their structure (BeautifulSoup), not with regexes over the markup."""

import copy
import json
import re

from bs4 import BeautifulSoup


def soup(response_or_html):
    """The parsed page of a test-client response (or of an HTML string)."""
    content = getattr(response_or_html, "content", response_or_html)
    return BeautifulSoup(content, "html.parser")


def text(element):
    """An element's visible text with whitespace collapsed, as a reader would see it."""
    return " ".join(element.get_text(" ").split())


def accessible_name(element):
    """A link's or button's name as a screen reader says it at every screen width: its aria-label, else its text
    with the parts hidden from screen readers (aria-hidden) left out and visually hidden parts kept, images by
    their alt text. A part Bootstrap hides at some width (`d-none`, `d-sm-none`, ...) is left out too: the name
    must not lose it on a phone."""
    if element.get("aria-label"):
        return " ".join(element["aria-label"].split())
    read = copy.copy(element)
    for hidden in read.select('[aria-hidden="true"]'):
        hidden.decompose()
    for hidden in read.find_all(class_=re.compile(r"^d-(\w+-)?none$")):
        hidden.decompose()
    for image in read.find_all("img"):
        image.replace_with(image.get("alt", ""))
    return text(read)


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


def form_values(form):
    """What a browser would send for `form` as it stands: {name: value}, a list where a name repeats.

    Text areas come with \\r\\n line endings, as browsers send them.
    """
    values = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        kind = field.get("type", "text")
        if not name or field.has_attr("disabled") or kind in ("submit", "button", "image", "reset", "file"):
            continue
        if kind in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "select":
            options = field.find_all("option")
            chosen = [option for option in options if option.has_attr("selected")] or options[:1]
            value = chosen[0].get("value", chosen[0].get_text()) if chosen else ""
        elif field.name == "textarea":
            value = field.get_text().removeprefix("\n")  # HTML drops a newline right after <textarea>
            value = value.replace("\n", "\r\n")
        else:
            value = field.get("value", "on" if kind in ("checkbox", "radio") else "")
        if name in values:
            previous = values[name]
            values[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            values[name] = value
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


SITEMAP_NAMESPACES = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap_alternates(response):
    """{each URL in a sitemap response: {hreflang: its address in that language}}."""
    import xml.etree.ElementTree as ElementTree

    urlset = ElementTree.fromstring(response.content)
    return {
        url.find("sm:loc", SITEMAP_NAMESPACES).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP_NAMESPACES)
        }
        for url in urlset.findall("sm:url", SITEMAP_NAMESPACES)
    }
