from django.conf import settings
from django.db import DatabaseError
from django.utils import translation

from core.catalogues import shipped_spanish
from core.content_cache import cached_value, peek_value
from core.translation import ENGLISH, Localized

from .models import SiteText
from .registry import all_texts


def current_texts(language: str | None = None) -> dict[str, Localized]:
    """Every site text's words in `language` (the active one by default): staff's edits over the shipped
    words. A text not translated yet is its English words, which say so (`Localized.is_fallback`).
    Cached per language until content changes."""
    language = language or translation.get_language() or ENGLISH
    return cached_value("site-texts", _load_texts)[language]


def texts_without_database() -> dict[str, Localized]:
    """For error pages: the cached words if the cache has them, else the shipped ones; never queries."""
    language = translation.get_language() or ENGLISH
    try:
        cached = peek_value("site-texts")
    except Exception:  # the cache may be down too; the error page must still render
        cached = None
    return cached[language] if cached else _shipped(language)


def _load_texts() -> dict[str, dict[str, Localized]]:
    """Both languages from one query: an English page offers the Spanish one in Spanish words."""
    texts = {language: _shipped(language) for language, _ in settings.LANGUAGES}
    try:
        rows = SiteText.objects.filter(key__in=texts[ENGLISH]).values_list("key", "text", "text_es")
        for key, english, spanish in rows:
            for language, words in texts.items():
                words[key] = _in_language(language, english=english, spanish=spanish)
    except DatabaseError:  # a site not yet migrated still renders, in the shipped words
        pass
    return texts


def _shipped(language):
    return {
        key: _in_language(
            language, english=spec.default, spanish=language != ENGLISH and shipped_spanish(spec.default, key)
        )
        for key, spec in all_texts().items()
    }


def _in_language(language, *, english, spanish):
    if language != ENGLISH and spanish:
        return Localized(spanish, language)
    return Localized(english, ENGLISH)
