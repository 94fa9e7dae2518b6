from functools import lru_cache

from django import template
from django.contrib.staticfiles import finders
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from content.json_ld import to_json_ld
from content.markdown import render_markdown
from translation.twins import localized, marked_html

register = template.Library()


@register.filter
def markdown(text):
    """Render editor-typed Markdown as sanitized HTML; English on a Spanish page comes in a `lang="en"` block."""
    return marked_html(text, render_markdown(text), block=True)  # render_markdown sanitizes with nh3


@register.filter
def tr(obj, field_name):
    """`{{ treatment|tr:"summary" }}`: a translated field's words in the page's language, else its English."""
    return localized(obj, field_name) if obj is not None else ""


@register.filter
def marked(words):
    """Words in running text: English shown on a Spanish page is wrapped in `<span lang="en">`."""
    return marked_html(words, conditional_escape(words), block=False)


@register.filter
def json_ld(data):
    """Serialize a dict for a <script type="application/ld+json"> block."""
    return mark_safe(to_json_ld(data))  # noqa: S308 - to_json_ld escapes <, > and &


@lru_cache(maxsize=64)
def _icon_svg(name):
    path = finders.find(f"vendor/bootstrap-icons/{name}.svg")
    if path is None:
        raise template.TemplateSyntaxError(f"No vendored icon named {name!r}")
    with open(path, encoding="utf-8") as svg:
        markup = svg.read().strip()
    return markup.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


@register.simple_tag
def icon(name, css_class=""):
    """Inline a vendored Bootstrap icon; decorative, so hidden from screen readers."""
    svg = _icon_svg(name)
    if css_class:
        svg = svg.replace('class="bi ', f'class="{css_class} bi ', 1)
    return format_html("{}", mark_safe(svg))  # noqa: S308 - our own vendored file
