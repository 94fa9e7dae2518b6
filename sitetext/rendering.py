"""Turn a site text into what a patient reads: placeholders filled in, Markdown made safe HTML."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from content.markdown import render_markdown
from translation.twins import marked_html

from .registry import PLACEHOLDER, text_spec


def text_as_html(*, key: str, words: str, values: dict[str, object]) -> SafeString:
    """HTML for a page. Values are escaped; Markdown is rendered before they go in, so no value becomes markup."""
    spec = _checked_spec(key, values)
    html = render_markdown(words) if spec.markdown else escape(words)
    html = _fill(html, {name: escape(value) for name, value in values.items()})
    if spec.markdown:  # a paragraph still in English on a Spanish page says so; one-line texts may sit in attributes
        return marked_html(words, html, block=True)
    return mark_safe(html)  # noqa: S308


def text_as_plain(*, key: str, words: str, values: dict[str, object]) -> str:
    """Plain text, for email subjects and bodies."""
    _checked_spec(key, values)
    return _fill(words, {name: str(value) for name, value in values.items()})


def _checked_spec(key, values):
    spec = text_spec(key)
    missing = set(spec.placeholders) - values.keys()
    if missing:
        raise ValueError(f"Site text {key!r} needs values for {sorted(missing)}")
    return spec


def _fill(words: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), words)
