from collections.abc import Iterable
from functools import cache
from typing import Any

from django.db import DatabaseError, models
from django.utils import translation

from content.page_cache import cached_value, peek_value
from translation.catalogues import shipped_spanish
from translation.twins import ENGLISH, SPANISH, Localized

from .models import SiteText
from .registry import all_texts, keys_shown_by

VERSIONS = "versions"  # beside the two languages: {key: (id, updated_at)} of the stored texts


class Texts(dict[str, str]):
    """One language's page texts, {key: words}. Reading a text gives `Localized` words, which say when they
    are the English fallback of a text not translated yet. Kept as plain strings, so it pickles fast."""

    def __init__(self, words: dict[str, str], *, language: str, fallbacks: Iterable[str] = frozenset()) -> None:
        super().__init__(words)
        self.language = language
        self.fallbacks = frozenset(fallbacks)

    def __getitem__(self, key: str) -> Localized:
        return Localized(super().__getitem__(key), ENGLISH if key in self.fallbacks else self.language)


def current_texts(language: str | None = None) -> Texts:
    """Every site text's words in `language` (the active one by default): staff's edits over the shipped
    words. Both languages are cached together until content changes: an English page offers the Spanish
    one in Spanish words."""
    language = language or translation.get_language() or ENGLISH
    texts: Texts = cached_value("site-texts", _load_texts)[language]
    return texts


def texts_on(page: models.Model) -> list[SiteText]:
    """The stored texts `page` shows (by its model), each with its id and when it last changed, for the review
    line; read with the words (`current_texts`), so no query of its own."""
    versions = cached_value("site-texts", _load_texts)[VERSIONS]
    return [
        SiteText(pk=versions[key][0], key=key, updated_at=versions[key][1])
        for key in keys_shown_by(type(page))
        if key in versions
    ]


def texts_without_database() -> Texts:
    """For error pages: the cached words if the cache has them, else the shipped ones; never queries."""
    language = translation.get_language() or ENGLISH
    try:
        cached = peek_value("site-texts")
    except Exception:  # the cache may be down too; the error page must still render
        cached = None
    return cached[language] if cached else _shipped(language)


def _load_texts() -> dict[str, Any]:
    english, spanish, fallbacks, versions = {}, {}, set(), {}
    try:
        rows = list(SiteText.objects.values_list("key", "text", "text_es", "pk", "updated_at"))
    except DatabaseError:  # a site not yet migrated still renders, in the shipped words
        return {ENGLISH: _shipped(ENGLISH), SPANISH: _shipped(SPANISH), VERSIONS: {}}
    declared = all_texts()
    for key, english_words, spanish_words, pk, updated_at in rows:
        if key not in declared:  # a text no page shows any more
            continue
        versions[key] = (pk, updated_at)
        english[key] = english_words
        spanish[key] = spanish_words or english_words
        if not spanish_words:
            fallbacks.add(key)
    shipped_english, shipped_spanish_texts = _shipped(ENGLISH), _shipped(SPANISH)
    for key in declared.keys() - english.keys():  # declared since the last load_initial_content
        english[key] = dict.__getitem__(shipped_english, key)
        spanish[key] = dict.__getitem__(shipped_spanish_texts, key)
        if key in shipped_spanish_texts.fallbacks:
            fallbacks.add(key)
    return {
        ENGLISH: Texts(english, language=ENGLISH),
        SPANISH: Texts(spanish, language=SPANISH, fallbacks=fallbacks),
        VERSIONS: versions,
    }


@cache  # the shipped words are the same for the whole life of the process
def _shipped(language: str) -> Texts:
    words, fallbacks = {}, set()
    for key, spec in all_texts().items():
        spanish = shipped_spanish(spec.default, key) if language != ENGLISH else None
        words[key] = spanish or spec.default
        if language != ENGLISH and not spanish:
            fallbacks.add(key)
    return Texts(words, language=language, fallbacks=fallbacks)
