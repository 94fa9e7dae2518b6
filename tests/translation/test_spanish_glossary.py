"""The shipped Spanish follows its glossary (issue 23.8): one wording per idea in every catalogue.

docs/SPANISH_GLOSSARY.md is read as the table it is (rendered, then parsed), and every catalogue as gettext
entries (polib). A wording in the glossary's *Never* column is found in a Spanish text as a run of whole words,
after the text's Markdown is read as a reader reads it and its placeholders are set aside, so "marque 2" is never
mistaken for "marque el 2" and a link's address or `{email}` is never read as a word.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from django.conf import settings

from content.markdown import render_markdown
from content.readability import plain_text
from tests.markup import soup, text
from translation.catalogues import catalogue_files

GLOSSARY = Path(settings.BASE_DIR) / "docs" / "SPANISH_GLOSSARY.md"
COLUMNS = ["Idea (English)", "Say", "Never"]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)s")


@dataclass(frozen=True)
class Row:
    idea: str
    say: list[str]  # the chosen wordings, each in code in the "Say" cell
    never: list[str]  # the rejected ones, each in code in the "Never" cell


def glossary() -> list[Row]:
    table = soup(render_markdown(GLOSSARY.read_text(encoding="utf-8"))).table
    assert [text(heading) for heading in table.thead.find_all("th")] == COLUMNS
    rows = []
    for row in table.tbody.find_all("tr"):
        idea, say, never = row.find_all("td")
        chosen, rejected = ([text(code) for code in cell.find_all("code")] for cell in (say, never))
        rows.append(Row(text(idea), chosen, rejected))
    return rows


def words(spanish: str) -> list[str]:
    """The words a reader reads, lower-cased, without the placeholders filled in for each patient."""
    return re.findall(r"\w+", PLACEHOLDER.sub(" ", plain_text(spanish)).lower())


def uses(spanish: str, wording: str) -> bool:
    """Whether `wording` occurs in `spanish` as whole words, one after the other."""
    found, wanted = words(spanish), words(wording)
    return any(found[start : start + len(wanted)] == wanted for start in range(len(found) - len(wanted) + 1))


def shipped_spanish_entries() -> list[tuple[str, polib.POEntry]]:
    """(catalogue, entry) for every entry a catalogue ships in Spanish."""
    entries = []
    for path in catalogue_files():
        for entry in polib.pofile(str(path)).translated_entries():
            entries.append((path.parts[-5], entry))
    return entries


def test_the_glossary_is_a_table_of_ideas_each_with_its_chosen_wording():
    rows = glossary()
    assert len(rows) >= 30
    for row in rows:
        assert row.idea and row.say, row.idea
        for rejected in row.never:  # a rejected wording that is part of a chosen one would make both impossible
            assert not any(uses(chosen, rejected) for other in rows for chosen in other.say), (row.idea, rejected)
    ideas = {row.idea for row in rows}
    for idea in ("text message; to text", "call-back request", "join the waitlist", "medicines", "press 2"):
        assert idea in ideas


def test_no_shipped_spanish_uses_a_rejected_wording():
    entries = shipped_spanish_entries()
    assert {app for app, _ in entries} >= {"sitetext", "treatments", "clinic", "financing", "intake", "booking"}
    found = [
        (app, entry.msgctxt, rejected)
        for row in glossary()
        for rejected in row.never
        for app, entry in entries
        if uses(entry.msgstr, rejected)
    ]
    assert found == []


def test_every_chosen_wording_is_used_by_the_shipped_spanish():
    entries = shipped_spanish_entries()
    unused = [
        (row.idea, chosen)
        for row in glossary()
        for chosen in row.say
        if not any(uses(entry.msgstr, chosen) for _, entry in entries)
    ]
    assert unused == []


def test_every_shipped_text_with_the_lifelines_spanish_options_words_them_in_the_one_sentence():
    (sentence,) = [chosen for row in glossary() for chosen in row.say if "AYUDA" in chosen.split()]
    giving = [
        (app, entry)
        for app, entry in shipped_spanish_entries()
        if "AYUDA" in re.findall(r"\w+", plain_text(entry.msgstr))
    ]
    assert len(giving) >= 15  # the crisis strip and help box, every "not for emergencies", every email, the FAQ
    assert [(app, entry.msgctxt) for app, entry in giving if not uses(entry.msgstr, sentence)] == []


@pytest.mark.parametrize(
    ("spanish", "wording", "expected"),
    [
        ("Llame o mande un texto al [988](tel:988).", "mande", True),
        ("¿Está en crisis? Para español, marque 2 al llamar.", "marque 2", True),
        ("Para español, marque el 2 al llamar.", "marque 2", False),  # whole words in a row, not a substring
        ("Escríbanos a [{email}](mailto:{email}).", "email", False),  # placeholders and addresses are not words
        ("Revise su **presión** arterial.", "su presión arterial", True),  # Markdown read as a reader reads it
        ("Hay una nueva Solicitud de Llamada de Regreso.", "llamada de regreso", True),
    ],
)
def test_a_wording_is_found_as_whole_words_a_reader_reads(spanish, wording, expected):
    assert uses(spanish, wording) is expected
