"""One search across all content, for the admin: what each content app exposes, matched in both languages.

Each content app declares its sources in its AppConfig (`search_sources`, content.registry): {model: dotted
path of a selector}. A selector takes `terms` (keyword-only) and returns a `Hit` for each of its records that
holds every term, built with `hit_if_found` from the texts it chooses: its fields in English and Spanish
(`field_texts`), or anything else it shows (page texts: their shipped words too). Apps that know more about
a record (publishing: its waiting change) refine the hits (`search_refinements`). Only content apps declare
sources, so nothing a patient sent is ever searched here.

Matching is done in Python, the same on SQLite and PostgreSQL: every text and term is folded (`fold`: Unicode
compatibility form, accents and other marks removed, case folded, typographic quotes and dashes made plain),
so "clinica" finds "Clínica" and "couldn't" finds "couldn’t". The content is a few hundred records and page
texts, read in a few queries; page texts' shipped words are not in the database at all.
"""

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple, Protocol, TypeVar

from django.apps import apps
from django.db import models
from django.utils.module_loading import import_string
from django.utils.text import capfirst

from translation.twins import ENGLISH, SPANISH, spanish_name

from .registry import content_apps

NAME = "name"  # a Match in the record's name in the admin (a page text's label or page), not in its words
LANGUAGE_NAMES = {ENGLISH: "English", SPANISH: "Español"}
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
MAX_HITS = 100
SNIPPET_BEFORE = 60  # characters of context before the first term found
SNIPPET_LENGTH = 220

# Words staff use for what the site calls otherwise: a search for one also looks for the other.
ALSO_MEANS = {"headline": "heading", "headlines": "heading"}

_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
Record = TypeVar("Record", bound=models.Model)
_TERMS = re.compile(r'"([^"]+)"|(\S+)')


def fold(text: str) -> str:
    """`text` as search compares it: no accents, no case, plain quotes and dashes ("Clínica" -> "clinica")."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.translate(_PLAIN).casefold()))


@cache
def _fold_character(character: str) -> str:
    return fold(character)


def _folded_with_origins(text: str) -> tuple[str, list[int]]:
    """`fold(text)` built character by character, with the index in `text` of each folded character."""
    folded, origins = [], []
    for index, character in enumerate(text):
        for piece in _fold_character(character):
            folded.append(piece)
            origins.append(index)
    return "".join(folded), origins


@dataclass(frozen=True)
class Term:
    typed: str
    looked_for: tuple[str, ...]  # folded: the term, and what it also means (ALSO_MEANS)


@dataclass(frozen=True)
class Terms:
    """The words a search looks for: each must be found in a record. "Quoted words" are one term."""

    typed: str
    terms: tuple[Term, ...]

    @classmethod
    def parse(cls, typed: str) -> "Terms":
        typed = " ".join(typed.split())[:MAX_QUERY_LENGTH]
        found: dict[str, Term] = {}
        for quoted, word in _TERMS.findall(typed):
            folded = fold(" ".join((quoted or word).split())).strip()
            if folded and folded not in found and len(found) < MAX_TERMS:
                also = ALSO_MEANS.get(folded)
                found[folded] = Term(typed=quoted or word, looked_for=(folded, also) if also else (folded,))
        return cls(typed=typed, terms=tuple(found.values()))

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def also_means(self) -> list[tuple[str, str]]:
        """[(typed, also looked for)] for the terms that were widened (ALSO_MEANS)."""
        return [(term.typed, also) for term in self.terms for also in term.looked_for[1:]]

    def found_in(self, folded: str) -> bool:
        return all(any(needle in folded for needle in term.looked_for) for term in self.terms)

    def any_in(self, folded: str) -> bool:
        return any(needle in folded for needle in self.needles)

    @property
    def needles(self) -> tuple[str, ...]:
        return tuple(needle for term in self.terms for needle in term.looked_for)


class Text(NamedTuple):
    """Words a record holds or shows, as a search reads them."""

    field: str  # what the change form calls them: "Answer", "Text"
    language: str  # ENGLISH, SPANISH, or NAME
    words: str
    waiting: bool = False  # the words of a waiting change, not on the site yet


class Piece(NamedTuple):
    text: str
    found: bool  # a term: shown highlighted


@dataclass(frozen=True)
class Match:
    field: str
    language: str
    snippet: tuple[Piece, ...]
    waiting: bool = False

    @property
    def label(self) -> str:
        """As the admin names a field in a language: "Answer · Español"; a record's name is in no language."""
        language = LANGUAGE_NAMES.get(self.language)
        return f"{self.field} · {language}" if language else self.field


@dataclass
class Hit:
    """A record that holds every term: where, in which language, and what the search result should say of it."""

    record: models.Model
    title: str
    matches: list[Match]
    where: str = ""  # the page it is on, or what it belongs to
    notes: list[str] = field(default_factory=list)  # "Not published", "A draft change is waiting"

    @property
    def kind(self) -> str:
        return capfirst(str(self.record._meta.verbose_name))

    @property
    def key(self) -> tuple[type[models.Model], object]:
        return (type(self.record), self.record.pk)


class Source(Protocol):
    def __call__(self, *, terms: Terms) -> list[Hit]: ...


class Refinement(Protocol):
    def __call__(self, *, hits: list[Hit], terms: Terms, searchable: Collection[type[models.Model]]) -> list[Hit]: ...


@dataclass(frozen=True)
class Results:
    terms: Terms
    hits: list[Hit]  # the first MAX_HITS
    total: int


def snippet(words: str, terms: Terms) -> tuple[Piece, ...]:
    """The part of `words` around the first term found, with every term in it marked."""
    folded, origins = _folded_with_origins(words)
    spans = []
    for needle in terms.needles:
        start = folded.find(needle)
        while start != -1:
            end = start + len(needle)
            spans.append((origins[start], origins[end - 1] + 1))
            start = folded.find(needle, end)
    if not spans:
        return ()
    spans = _joined(sorted(spans), words)
    begin = _word_start(words, max(0, spans[0][0] - SNIPPET_BEFORE))
    end = _word_end(words, max(begin + SNIPPET_LENGTH, spans[0][1]))
    pieces, at = [Piece("…", False)] if begin > 0 else [], begin
    for start, stop in spans:
        start, stop = max(start, at), min(stop, end)
        if start >= stop:
            continue
        if start > at:
            pieces.append(Piece(words[at:start], False))
        pieces.append(Piece(words[start:stop], True))
        at = stop
    if at < end:
        pieces.append(Piece(words[at:end], False))
    if end < len(words):
        pieces.append(Piece("…", False))
    return tuple(pieces)


def _joined(spans: list[tuple[int, int]], words: str) -> list[tuple[int, int]]:
    """Spans that overlap or have only spaces between them, as one: "paying for care" is marked once."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and (start <= joined[-1][1] or words[joined[-1][1] : start].isspace()):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _word_start(words: str, index: int) -> int:
    if index == 0:
        return 0
    space = words.find(" ", index)
    return space + 1 if 0 <= space < index + 20 else index


def _word_end(words: str, index: int) -> int:
    if index >= len(words):
        return len(words)
    space = words.rfind(" ", index - 20, index)
    return space if space > 0 else index


def matches_in(texts: Iterable[Text], terms: Terms) -> list[Match]:
    """The texts with a term in them, as matches; none unless every term is found in one text or another."""
    texts = [text for text in texts if text.words]
    if not terms or not terms.found_in("\n".join(fold(text.words) for text in texts)):
        return []
    return texts_with_a_term(texts, terms)


def texts_with_a_term(texts: Iterable[Text], terms: Terms) -> list[Match]:
    """A match for each text that holds any of the terms."""
    return [
        Match(field=text.field, language=text.language, snippet=found, waiting=text.waiting)
        for text in texts
        if text.words and terms.any_in(fold(text.words)) and (found := snippet(text.words, terms))
    ]


def hit_if_found(
    *, record: models.Model, texts: Iterable[Text], terms: Terms, title: str | None = None, where: str = ""
) -> Hit | None:
    """A hit for `record` when `texts` hold every term; a record patients cannot see says so."""
    matches = matches_in(texts, terms)
    if not matches:
        return None
    notes = ["Not published: patients cannot see it"] if getattr(record, "is_published", True) is False else []
    return Hit(record=record, title=str(record) if title is None else title, matches=matches, where=where, notes=notes)


def field_label(model: type[models.Model], name: str) -> tuple[str, str]:
    """(what the change form calls the field `name`, its language): a Spanish twin is its English field's."""
    model_field = model._meta.get_field(name)
    english = getattr(model_field, "english_field", None)
    if english is not None:
        return capfirst(str(english.verbose_name)), SPANISH
    return capfirst(str(getattr(model_field, "verbose_name", name))), ENGLISH


def field_texts(record: models.Model, fields: Sequence[str]) -> list[Text]:
    """The words of `fields` of `record`, each in English and, when it is translated, in Spanish."""
    translated = getattr(type(record), "translated_fields", ())
    names = []
    for name in fields:
        names += [name, spanish_name(name)] if name in translated else [name]
    return [Text(*field_label(type(record), name), words=str(getattr(record, name) or "")) for name in names]


def records_matching(
    *,
    records: Iterable[Record],
    fields: Sequence[str],
    terms: Terms,
    where: Callable[[Record], str] | None = None,
) -> list[Hit]:
    """A hit for each record whose `fields` (English and Spanish) hold every term."""
    hits = []
    for record in records:
        hit = hit_if_found(
            record=record, texts=field_texts(record, fields), terms=terms, where=where(record) if where else ""
        )
        if hit is not None:
            hits.append(hit)
    return hits


@cache
def sources() -> dict[type[models.Model], Source]:
    """{model: its search selector}, as the content apps declare them, in the order of INSTALLED_APPS."""
    declared: dict[type[models.Model], Source] = {}
    for config in content_apps():
        for label, path in config.search_sources.items():
            declared[apps.get_model(label)] = import_string(path)
    return declared


@cache
def refinements() -> list[Refinement]:
    """What apps that know more about records add to the hits, as each declares it (`search_refinements`)."""
    paths = [getattr(config, "search_refinements", None) for config in apps.get_app_configs()]
    return [import_string(path) for path in paths if path]


def search_content(*, typed: str, searchable: Collection[type[models.Model]]) -> Results:
    """Every record of the `searchable` models (those the staff member may open) that holds every term `typed`,
    in either language; records whose name holds them all come first."""
    terms = Terms.parse(typed)
    if not terms:
        return Results(terms=terms, hits=[], total=0)
    declared = sources()
    searched = [model for model in declared if model in searchable]
    hits = [hit for model in searched for hit in declared[model](terms=terms)]
    for refine in refinements():
        hits = refine(hits=hits, terms=terms, searchable=searched)
    order = {model: index for index, model in enumerate(declared)}
    hits.sort(key=lambda hit: (not terms.found_in(fold(hit.title)), order.get(type(hit.record), 0), fold(hit.title)))
    return Results(terms=terms, hits=hits[:MAX_HITS], total=len(hits))
