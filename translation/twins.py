"""Spanish beside English: every text a patient reads has a Spanish twin that staff edit beside it.

A translated model lists its texts in `translated_fields`; each has a `<name>_es` field made by
`spanish_twin`, a plain column, so history, drafts, clinical review and previews cover the Spanish
words exactly as they cover the English. An empty Spanish field means "not translated yet": the
Spanish page then shows the English words, marked `lang="en"` so screen readers say them in English.

The Spanish the site ships with is in translation.catalogues.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.db.models.signals import class_prepared
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString

ENGLISH = "en"
SPANISH = "es"


class Localized(str):
    """Words and the language they are really in, which differs from the page's when they are a fallback."""

    language: str

    def __new__(cls, value: str, language: str):
        words = super().__new__(cls, value)
        words.language = language
        return words

    def __reduce__(self):  # cached values are pickled
        return (Localized, (str(self), self.language))

    @property
    def is_fallback(self) -> bool:
        return self.language != translation.get_language()


def spanish_twin(field: models.Field) -> models.Field:
    """The Spanish column of an English text field: the same kind and length, and empty until translated."""
    _, _, args, kwargs = field.deconstruct()
    kwargs.update(blank=True, default="")
    for name in ("unique", "help_text", "verbose_name"):
        kwargs.pop(name, None)
    twin = type(field)(*args, **kwargs)
    twin.english_field = field  # type: ignore[attr-defined]  # read when naming the twin
    return twin


def _name_spanish_twins(sender, **kwargs):
    """A twin is named after its English field once both have names: "Hours (Spanish)", in admin and history."""
    for field in sender._meta.local_fields:
        english = getattr(field, "english_field", None)
        if english is not None:
            field.verbose_name = f"{english.verbose_name} (Spanish)"


class_prepared.connect(_name_spanish_twins)  # before simple-history copies the fields into its history models


def language_of_address(path: str) -> str:
    """The language a page address speaks: Spanish under /es/, English everywhere else."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def spanish_name(field_name: str) -> str:
    return f"{field_name}_{SPANISH}"


def localized(obj: models.Model, field_name: str, language: str | None = None) -> Localized:
    """The words of `obj.field_name` in `language` (the active one by default), or the English ones."""
    language = language or translation.get_language() or ENGLISH
    if language != ENGLISH:
        words = getattr(obj, f"{field_name}_{language}", "")
        if words:
            return Localized(words, language)
    return Localized(getattr(obj, field_name), ENGLISH)


def marked_html(words: str, html: str, *, block: bool) -> SafeString:
    """`html` (already safe) inside an element with `lang="en"` when `words` are an English fallback."""
    if not isinstance(words, Localized):
        return SafeString(html)
    if words.language == SPANISH:
        html = spanish_links(html)
    if words.is_fallback and words.strip():  # no words, nothing to say about their language
        tag = "div" if block else "span"
        return format_html('<{} lang="{}">{}</{}>', tag, words.language, SafeString(html), tag)
    return SafeString(html)


def translated_models() -> list[type[models.Model]]:
    from django.apps import apps

    return [model for model in apps.get_models() if getattr(model, "translated_fields", ())]


def missing_spanish(obj: models.Model) -> list[str]:
    """The translated fields of `obj` that have English words but no Spanish ones yet (a model whose empty
    fields mean shipped words says which itself: `missing_spanish()`)."""
    if hasattr(obj, "missing_spanish"):
        return obj.missing_spanish()
    return [
        name
        for name in type(obj).translated_fields  # type: ignore[attr-defined]  # a translated model declares them
        if (getattr(obj, name) or "").strip() and not (getattr(obj, spanish_name(name)) or "").strip()
    ]


def missing_spanish_filter(model: type[models.Model]) -> models.Q:
    """Rows with at least one field translated into English only, as a database filter."""
    if hasattr(model, "missing_spanish_condition"):
        return model.missing_spanish_condition()
    condition = models.Q(pk__in=[])
    for name in model.translated_fields:  # type: ignore[attr-defined]
        condition |= ~models.Q(**{name: ""}) & models.Q(**{spanish_name(name): ""})
    return condition


SPANISH_PREFIX_LINK = re.compile(r'href="/(?!es/|static/)')


def spanish_links(html: str) -> str:
    """Links within the site in Spanish words lead to the Spanish pages: `/financing/` becomes `/es/financing/`."""
    return SPANISH_PREFIX_LINK.sub('href="/es/', html)


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    path: str  # the page's own address in that language (search engines' alternates)
    query: str = ""  # what the visitor chose on the page, as the view keeps it (`keeps_query_params`)

    @property
    def link(self) -> str:
        """Where the language switch leads: the same page in that language, showing what it showed here."""
        return f"{self.path}?{self.query}" if self.query else self.path

    @property
    def is_default(self) -> bool:
        return self.code == settings.LANGUAGE_CODE

    @property
    def is_current(self) -> bool:
        return self.code == translation.get_language()


def language_versions(path: str, *, query: str = "") -> list[LanguageVersion]:
    """The same page in each language, with `query` (`kept_query`); a page with no twin (a 404) points to the other
    language's home page."""
    current = translation.get_language()
    versions = []
    for code, _ in settings.LANGUAGES:
        twin = translate_url(path, code) if code != current else path
        if twin == path and code != current:
            versions.append(LanguageVersion(code=code, path="/" if code == settings.LANGUAGE_CODE else f"/{code}/"))
        else:
            versions.append(LanguageVersion(code=code, path=twin, query=query))
    return versions


KEPT_QUERY_PARAMS = "language_switch_keeps"
V = TypeVar("V", bound=Callable[..., Any])


def keeps_query_params(*names: str) -> Callable[[V], V]:
    """Mark a view whose query parameters `names` change what its page shows (a topic, an estimate, a later day of
    free times): the language switch keeps them, so the visitor sees the same thing in the other language."""

    def mark(view: V) -> V:
        setattr(view, KEPT_QUERY_PARAMS, names)
        return view

    return mark


def kept_query(request: HttpRequest) -> str:
    """The query string the language switch keeps for this request's view (`keeps_query_params`); nothing else of
    the address, so no tracking tag or stray parameter follows the visitor."""
    match = request.resolver_match
    names = getattr(match.func, KEPT_QUERY_PARAMS, ()) if match else ()
    return urlencode([(name, request.GET[name]) for name in names if name in request.GET])
