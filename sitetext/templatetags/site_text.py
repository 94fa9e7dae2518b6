from django import template

from ..rendering import text_as_html
from ..selectors import current_texts

register = template.Library()


@register.simple_tag(takes_context=True)
def text(context, key, **values):
    """`{% text "home.heading" %}`: the words staff keep for that text, as safe HTML.

    Placeholders are passed by name: `{% text "waitlist.thanks" treatment=treatment.name %}`.
    """
    words = context.get("site_texts") or current_texts()
    return text_as_html(key=key, words=words[key], values=values)
