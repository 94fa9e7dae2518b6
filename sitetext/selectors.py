import datetime
from collections.abc import Iterable
from functools import cache
from typing import Any

from django.db import DatabaseError, models
from django.utils import timezone, translation

from content.page_cache import frame_part, peek_frame_part
from content.search import NAME, Hit, Terms, Text, field_label, hit_if_found
from translation.catalogues import shipped_spanish
from translation.twins import ENGLISH, SPANISH, Localized

from .models import SiteText
from .registry import all_texts, keys_shown_by

VERSIONS = "versions"  # beside the two languages: {key: (id, updated_at)} of the stored texts
SITE_TEXTS = "site-texts"  # their name in the page frame (SiteTextConfig.page_frame)


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
    words, from the page frame (`load_texts`), cached until content changes."""
    language = language or translation.get_language() or ENGLISH
    texts: Texts = frame_part(SITE_TEXTS)[language]
    return texts


def texts_on(page: models.Model) -> list[SiteText]:
    """The stored texts `page` shows (by its model), each with its id and when it last changed, for the review
    line; read with the words (`current_texts`), so no query of its own."""
    versions = frame_part(SITE_TEXTS)[VERSIONS]
    return [
        SiteText(pk=versions[key][0], key=key, updated_at=versions[key][1])
        for key in keys_shown_by(type(page))
        if key in versions
    ]


def texts_without_database() -> Texts:
    """For error pages: the cached words if the cache has them, else the shipped ones; never queries."""
    language = translation.get_language() or ENGLISH
    try:
        cached = peek_frame_part(SITE_TEXTS)
    except Exception:  # the cache may be down too; the error page must still render
        cached = None
    return cached[language] if cached else _shipped(language)


def load_texts() -> dict[str, Any]:
    """{language: Texts, VERSIONS: {key: (id, updated)}}: every page text in both languages, from the database (a
    part of the page frame, so an English page offers the Spanish one in Spanish words)."""
    try:
        rows = {row.key: row for row in SiteText.objects.only("key", "text", "text_es", "shipped_words", "updated_at")}
    except DatabaseError:  # a site not yet migrated still renders, in the shipped words
        return {ENGLISH: _shipped(ENGLISH), SPANISH: _shipped(SPANISH), VERSIONS: {}}
    english: dict[str, Any] = dict(_shipped(ENGLISH))
    spanish: dict[str, Any] = dict(_shipped(SPANISH))
    fallbacks, versions = set(_shipped(SPANISH).fallbacks), {}
    for key in all_texts().keys() & rows.keys():  # a row no page shows any more is left out
        row = rows[key]
        versions[key] = (row.pk, _changed_at(row))
        if row.text and not row.problems(ENGLISH):  # staff's words, unless they break the declaration
            english[key] = row.text
            if key in fallbacks:
                spanish[key] = row.text
        if row.text_es and not row.problems(SPANISH):
            spanish[key] = row.text_es
            fallbacks.discard(key)
    return {
        ENGLISH: Texts(english, language=ENGLISH),
        SPANISH: Texts(spanish, language=SPANISH, fallbacks=fallbacks),
        VERSIONS: versions,
    }


def _changed_at(row: SiteText) -> datetime.datetime:
    """When the words `row` shows last changed: a release that reworded its shipped words changed them now,
    before `load_initial_content` stamps the row, so no review line vouches for them meanwhile."""
    if row.shipped_words and row.shipped_words != row.shipped_digest():
        return timezone.now()
    return row.updated_at


def broken_texts() -> list[SiteText]:
    """The stored texts whose words break their declaration now (a placeholder it no longer has, a second
    line, a placeholder it must keep): they are not shown, the shipped words are."""
    declared = all_texts()
    rows = SiteText.objects.exclude(text="", text_es="").filter(key__in=declared)
    return [row for row in rows if row.problems(ENGLISH) or row.problems(SPANISH)]


@cache  # the shipped words are the same for the whole life of the process
def _shipped(language: str) -> Texts:
    words, fallbacks = {}, set()
    for key, spec in all_texts().items():
        spanish = shipped_spanish(spec.default, key) if language != ENGLISH else None
        words[key] = spanish or spec.default
        if language != ENGLISH and not spanish:
            fallbacks.add(key)
    return Texts(words, language=language, fallbacks=fallbacks)


def page_texts_matching(*, terms: Terms) -> list[Hit]:
    """For the admin's content search (content.search; SiteTextConfig.search_sources): the page texts whose words
    as patients read them (staff's, else the shipped ones: `current_texts`), in English or Spanish, or whose name,
    page or key hold every term. A Spanish text not translated yet shows the English, found once."""
    english, spanish = current_texts(ENGLISH), current_texts(SPANISH)
    rows = dict(SiteText.objects.values_list("key", "pk"))
    hits = []
    for key, spec in all_texts().items():
        if key not in rows:  # not loaded yet: there is no page to change it on
            continue
        texts = [
            Text("Name", NAME, spec.label),
            Text("Page", NAME, ", ".join(spec.pages)),
            Text("Key", NAME, key),
            Text(*field_label(SiteText, "text"), words=english[key]),
        ]
        if spanish[key].language == SPANISH:
            texts.append(Text(*field_label(SiteText, "text_es"), words=spanish[key]))
        hit = hit_if_found(record=SiteText(pk=rows[key], key=key), texts=texts, terms=terms, where=spec.page)
        if hit is not None:
            hits.append(hit)
    return hits
