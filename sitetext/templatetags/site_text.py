from django import template
from django.conf import settings
from django.utils import translation

from translation.twins import SPANISH

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


@register.simple_tag
def spanish_offer(versions):
    """On an English page: the words (in Spanish) and address of its Spanish twin, for language_offer.html."""
    if translation.get_language() != settings.LANGUAGE_CODE:
        return None
    spanish = next((version for version in versions if version.code == SPANISH), None)
    if spanish is None:
        return None
    texts = current_texts(SPANISH)
    return {
        "url": spanish.link,
        "label": texts["site.language_offer.label"],
        "question": texts["site.language_offer.question"],
        "link": texts["site.language_offer.link"],
        "dismiss": texts["site.language_offer.dismiss"],
    }
