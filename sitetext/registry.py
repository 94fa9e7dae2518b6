"""The fixed texts of the site's pages and emails, declared by the app that shows them.

An app lists its texts in its AppConfig as `site_texts`, the dotted path of a list of `Text`. A text
shown on more pages than the one it is listed under names them in `also_on`. An app whose records are
pages says which of these pages they are in `site_text_pages`, {page: "app_label.Model"}: a treatment's
page is one of the "Treatment pages", so the clinical review of a treatment page covers their texts.
Each text has a default; the database row, created by `load_initial_content`, holds the words
staff edit. Templates name a text by its key, so a text can be reworded but never removed.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.db.models import Model
from django.urls import reverse
from django.utils.module_loading import import_string

PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Text:
    key: str
    page: str
    label: str
    default: str
    markdown: bool = False
    placeholders: tuple[str, ...] = ()
    required: tuple[str, ...] = field(default=())  # placeholders the text must keep, such as a removal link
    help: str = ""
    also_on: tuple[str, ...] = ()  # other pages that show it, e.g. a status label on the treatment pages
    clinical: bool = False  # carries safety: only a clinical reviewer publishes a change to it

    @property
    def single_line(self) -> bool:
        return not self.markdown

    @property
    def pages(self) -> tuple[str, ...]:
        return (self.page, *self.also_on)


@dataclass(frozen=True)
class Preview:
    """Where staff see a draft of a page's texts as patients will, declared per page by the app that shows them.

    `template(key)` names a template drawn as it stands (error pages), or None; else `path(key)` gives the
    public address (a query string may follow) of a page that shows the text with that key, in the active
    language, or None when only a patient's own link opens it. `email`: the email's subject and text as the
    person reads them.
    """

    path: Callable[[str], str | None] | None = None
    template: Callable[[str], str | None] | None = None
    email: bool = False


def at(url_name: str, **kwargs) -> Preview:
    """The preview of a page with one address, such as `at("treatments:home")`."""
    return Preview(path=lambda key: reverse(url_name, kwargs=kwargs or None))


AS_EMAIL = Preview(email=True)


@cache
def texts_by_app() -> dict[str, list[Text]]:
    """{app label: the texts that app declares}, for the apps that declare any."""
    declared = {}
    for config in apps.get_app_configs():
        path = getattr(config, "site_texts", None)
        if path:
            declared[config.label] = import_string(path)
    return declared


@cache
def all_texts() -> dict[str, Text]:
    texts = {}
    for declared in texts_by_app().values():
        for text in declared:
            if text.key in texts:
                raise ValueError(f"Two site texts share the key {text.key!r}")
            texts[text.key] = text
    return texts


def text_spec(key: str) -> Text:
    try:
        return all_texts()[key]
    except KeyError:
        raise LookupError(f"No site text is declared with the key {key!r}") from None


@cache
def page_models() -> dict[str, list[type[Model]]]:
    """{page: the models whose records are such pages}, as the apps declare them in `site_text_pages`."""
    declared: dict[str, list[type[Model]]] = {}
    for config in apps.get_app_configs():
        for page, model in getattr(config, "site_text_pages", {}).items():
            declared.setdefault(page, []).append(apps.get_model(model))
    return declared


def models_showing(spec: Text) -> list[type[Model]]:
    """The models whose pages show the text `spec`."""
    return list(dict.fromkeys(model for page in spec.pages for model in page_models().get(page, [])))


@cache  # the declarations are the same for the whole life of the process
def keys_shown_by(model: type[Model]) -> tuple[str, ...]:
    """The keys of every text a page of `model` shows."""
    return tuple(key for key, spec in all_texts().items() if model in models_showing(spec))


def previews() -> dict[str, Preview]:
    """{page: how staff preview its texts}, from every app that declares any."""
    declared = {}
    for config in apps.get_app_configs():
        path = getattr(config, "site_text_previews", None)
        for page, preview in (import_string(path) if path else {}).items():
            if page in declared:
                raise ValueError(f"Two apps say how to preview the page {page!r}")
            declared[page] = preview
    return declared


def pages() -> list[str]:
    return sorted({text.page for text in all_texts().values()})


def problems(spec: Text, value: str) -> list[str]:
    """What is wrong with `value` as the words of `spec`, in words an editor understands."""
    found = []
    used = set(PLACEHOLDER.findall(value))
    unknown = sorted(used - set(spec.placeholders))
    if unknown:
        allowed = ", ".join(f"{{{name}}}" for name in spec.placeholders) or "none"
        names = ", ".join(f"{{{name}}}" for name in unknown)
        found.append(f"This text cannot use {names}. Placeholders it can use: {allowed}.")
    missing = [name for name in spec.required if name not in used]
    if missing:
        names = ", ".join(f"{{{name}}}" for name in missing)
        found.append(f"This text must keep {names}: patients need it.")
    if spec.single_line and "\n" in value.strip():
        found.append("Keep this text on one line.")
    if not value.strip():
        found.append("This text cannot be empty.")
    return found
