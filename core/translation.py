"""Spanish beside English: every text a patient reads has a Spanish twin that staff edit beside it.

A translated model lists its texts in `translated_fields`; each has a `<name>_es` field made by
`spanish_twin`, a plain column, so history, drafts, clinical review and previews cover the Spanish
words exactly as they cover the English. An empty Spanish field means "not translated yet": the
Spanish page then shows the English words, marked `lang="en"` so screen readers say them in English.

The Spanish the site ships with lives in each app's gettext catalogue (`<app>/locale/es/`), keyed by
the English words it translates; `fill_shipped_spanish` copies it into empty Spanish fields.
"""

import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models.signals import class_prepared, pre_save
from django.urls import reverse, translate_url
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
    twin.english_field = field
    return twin


def _name_spanish_twins(sender, **kwargs):
    """A twin is named after its English field once both have names: "Hours (Spanish)", in admin and history."""
    for field in sender._meta.local_fields:
        english = getattr(field, "english_field", None)
        if english is not None:
            field.verbose_name = f"{english.verbose_name} (Spanish)"


class_prepared.connect(_name_spanish_twins)  # before simple-history copies the fields into its history models


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
    if words.is_fallback:
        tag = "div" if block else "span"
        return format_html('<{} lang="{}">{}</{}>', tag, words.language, SafeString(html), tag)
    return SafeString(html)


def translated_models() -> list[type[models.Model]]:
    from django.apps import apps

    return [model for model in apps.get_models() if getattr(model, "translated_fields", ())]


def missing_spanish(obj: models.Model) -> list[str]:
    """The translated fields of `obj` that have English words but no Spanish ones yet."""
    return [
        name
        for name in type(obj).translated_fields
        if (getattr(obj, name) or "").strip() and not (getattr(obj, spanish_name(name)) or "").strip()
    ]


def missing_spanish_filter(model: type[models.Model]) -> models.Q:
    """Rows with at least one field translated into English only, as a database filter."""
    condition = models.Q(pk__in=[])
    for name in model.translated_fields:
        condition |= ~models.Q(**{name: ""}) & models.Q(**{spanish_name(name): ""})
    return condition


def shipped_spanish(english: str, context: str) -> str | None:
    """The Spanish the site ships for `english` in `context`, from the gettext catalogues, or None."""
    catalogue = translation.trans_real.translation(SPANISH)._catalog  # Django offers no public "is it translated"
    key = f"{context}\x04{english}"
    return catalogue[key] if key in catalogue else None


def fill_shipped_spanish(objects: Iterable[models.Model]) -> int:
    """Copy the shipped Spanish into every empty Spanish field whose English is still the shipped English.

    Never overwrites: a field staff translated keeps their words, and English staff reworded has no
    shipped Spanish. Returns how many records changed.
    """
    changed = 0
    for obj in objects:
        fields = _fill_from_catalogue(obj)
        if fields:
            obj.save(update_fields=fields)
            changed += 1
    return changed


@contextmanager
def shipped_spanish_for_new_records() -> Iterator[None]:
    """Within this block, translated records are created with their shipped Spanish (one history entry)."""

    def fill(sender, instance, raw=False, **kwargs):
        if not raw and instance._state.adding and getattr(sender, "translated_fields", ()):
            _fill_from_catalogue(instance)

    pre_save.connect(fill, weak=False, dispatch_uid=_FILL_ON_CREATE)
    try:
        yield
    finally:
        pre_save.disconnect(dispatch_uid=_FILL_ON_CREATE)


_FILL_ON_CREATE = "core.translation.shipped_spanish_for_new_records"


def _fill_from_catalogue(obj) -> list[str]:
    """Set the shipped Spanish on `obj` where it has none; the names of the fields set."""
    filled = []
    for name in missing_spanish(obj):
        field = obj._meta.get_field(spanish_name(name))
        spanish = shipped_spanish(getattr(obj, name), translation_context(obj, name))
        if spanish and len(spanish) <= (field.max_length or len(spanish)):
            setattr(obj, field.name, spanish)
            filled.append(field.name)
    return filled


def translation_context(obj: models.Model, field_name: str) -> str:
    """The gettext context of a field's shipped Spanish: it keeps the site's entries apart from Django's own,
    and the same English apart when it means two things. A model may name its own (page texts use their key)."""
    if hasattr(obj, "translation_context"):
        return obj.translation_context()
    return f"{obj._meta.label_lower}.{field_name}"


def language_names() -> dict[str, str]:
    return dict(settings.LANGUAGES)


def catalogue_files() -> list:
    """Every Spanish gettext catalogue (.po) of the project's own apps."""
    from pathlib import Path

    from django.apps import apps

    base, installed = Path(settings.BASE_DIR), Path(sys.prefix)
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path) / "locale" / SPANISH / "LC_MESSAGES" / "django.po"
        if path.is_relative_to(base) and not path.is_relative_to(installed) and path.exists():
            found.append(path)
    return found


SPANISH_PREFIX_LINK = re.compile(r'href="/(?!es/|static/)')


def spanish_links(html: str) -> str:
    """Links within the site in Spanish words lead to the Spanish pages: `/financing/` becomes `/es/financing/`."""
    return SPANISH_PREFIX_LINK.sub('href="/es/', html)


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str
    path: str

    @property
    def is_default(self) -> bool:
        return self.code == settings.LANGUAGE_CODE

    @property
    def is_current(self) -> bool:
        return self.code == translation.get_language()


def language_versions(path: str) -> list[LanguageVersion]:
    """The same page in each language; a page with no twin (a 404) points to the other language's home."""
    current = translation.get_language()
    versions = []
    for code, name in settings.LANGUAGES:
        twin = translate_url(path, code) if code != current else path
        if twin == path and code != current:
            with translation.override(code):
                twin = reverse("treatments:home")
        versions.append(LanguageVersion(code=code, name=name, path=twin))
    return versions
