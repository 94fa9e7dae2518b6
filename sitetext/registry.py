"""The fixed texts of the site's pages and emails, declared by the app that shows them.

An app lists its texts in its AppConfig as `site_texts`, the dotted path of a list of `Text`.
Each text has a default; the database row, created by `load_initial_content`, holds the words
staff edit. Templates name a text by its key, so a text can be reworded but never removed.
"""

import re
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
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

    @property
    def single_line(self) -> bool:
        return not self.markdown


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
