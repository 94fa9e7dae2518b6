"""The one diff staff read wherever a text's change is shown (history, a waiting change, a revert's preview).

It compares whole sentences, keeping the Markdown's paragraphs and lines: unchanged sentences are shown plain,
removed ones struck (<del>), added ones underlined (<ins>), and a rewritten sentence as the old one struck with
the new one beside it. Only a small edit (most of a sentence's words kept, such as one word changed) is marked
word by word, and then only inside that pair of sentences: words of different sentences are never interleaved.
Screen readers hear "[removed: …]" and "[added: …]"; the marks never rely on colour alone.
"""

import difflib
import re

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# A changed sentence keeping at least this share of its words (difflib's ratio of the two word lists) is a small
# edit, marked word by word: one word changed in a sentence of four or more words. Below it, the sentence was
# rewritten and is shown whole, old then new.
SMALL_EDIT_AT_LEAST = 0.7

PARAGRAPH, LINE = "\n\n", "\n"
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#|>|\|)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+")
_WORDS = re.compile(r"\s+|\S+")

_MARKED = '<{tag}><span class="visually-hidden">[{said}: </span>{{}}<span class="visually-hidden">]</span></{tag}>'
_REMOVED, _ADDED = _MARKED.format(tag="del", said="removed"), _MARKED.format(tag="ins", said="added")


def sentence_diff(old: str, new: str) -> SafeString:
    """`old` turned into `new`, sentence by sentence, as HTML (for an element with `white-space: pre-wrap`)."""
    before, after = _units(old), _units(new)
    # Breaks never anchor the alignment on their own (a rewrite would pair old and new paragraphs by position);
    # they join the unchanged sentences around them.
    matcher = difflib.SequenceMatcher(_is_break, [_key(unit) for unit in before], [_key(unit) for unit in after], False)
    pieces: list[tuple[str, str | SafeString]] = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            pieces += [("break" if _is_break(unit) else "equal", unit) for unit in after[j1:j2]]
        else:
            pieces += _replaced(before[i1:i2], after[j1:j2])
    return _render(pieces)


def _is_break(unit: str) -> bool:
    return unit in (PARAGRAPH, LINE)


def _units(text: str) -> list[str]:
    """Sentences and the breaks between them: PARAGRAPH for a blank line, LINE for a line of its own (a list item,
    a heading, the line after a heading); a line that only wraps a sentence joins the line before it."""
    units: list[str] = []
    for number, paragraph in enumerate(re.split(r"\n[ \t]*\n\s*", text.strip())):
        if number:
            units.append(PARAGRAPH)
        for line_number, line in enumerate(_lines(paragraph)):
            if line_number:
                units.append(LINE)
            units += _sentences(line)
    return units


def _lines(paragraph: str) -> list[str]:
    """Markdown's lines: a line wraps the one before it unless it starts a block (a list item, a heading, a quote,
    a table row), or the one before is a heading or ends in a hard break."""
    lines: list[str] = []
    for line in paragraph.split("\n"):
        previous = lines[-1] if lines else None
        if (
            previous is not None
            and not _BLOCK_START.match(line)
            and not previous.lstrip().startswith("#")
            and not previous.endswith(("  ", "\\"))
        ):
            lines[-1] = f"{previous.rstrip()} {line.strip()}"
        else:
            lines.append(line)
    return lines


def _sentences(line: str) -> list[str]:
    mark = _LIST_MARK.match(line)
    start = mark.end() if mark else 0  # "1. First step" is one sentence, not "1." and "First step"
    parts = _SENTENCE_END.split(line[start:])
    parts[0] = line[:start] + parts[0]
    return [part.strip() for part in parts if part.strip()]


def _key(unit: str) -> str:
    return unit if _is_break(unit) else " ".join(unit.split())


def _replaced(before: list[str], after: list[str]) -> list[tuple[str, str | SafeString]]:
    """A changed stretch: the most alike pair of sentences, if it is a small edit, is marked word by word, and the
    sentences on either side of it are compared in turn; otherwise every old sentence struck, then every new one
    (beside them: a break both sides share at either end is kept outside)."""
    if before and after and _is_break(before[0]) and before[0] == after[0]:
        return [("break", before[0]), *_replaced(before[1:], after[1:])]
    if before and after and _is_break(before[-1]) and before[-1] == after[-1]:
        return [*_replaced(before[:-1], after[:-1]), ("break", before[-1])]
    best, best_ratio = None, SMALL_EDIT_AT_LEAST
    for i, old in enumerate(before):
        for j, new in enumerate(after):
            if _is_break(old) or _is_break(new):
                continue
            matcher = difflib.SequenceMatcher(None, old.split(), new.split(), False)
            if matcher.real_quick_ratio() >= best_ratio and matcher.quick_ratio() >= best_ratio:
                ratio = matcher.ratio()
                if ratio >= best_ratio:
                    best, best_ratio = (i, j), ratio
    if best is None:
        removed = [("break" if _is_break(unit) else "removed", unit) for unit in before]
        added = [("break" if _is_break(unit) else "added", unit) for unit in after]
        return [*removed, *added]
    i, j = best
    return [
        *_replaced(before[:i], after[:j]),
        ("edited", _word_diff(before[i], after[j])),
        *_replaced(before[i + 1 :], after[j + 1 :]),
    ]


def _word_diff(old: str, new: str) -> SafeString:
    """One sentence with a small edit: its removed and added words marked inside it."""
    before, after = _WORDS.findall(old), _WORDS.findall(new)
    parts = []
    for operation, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, False).get_opcodes():
        if operation == "equal":
            parts.append(format_html("{}", "".join(after[j1:j2])))
            continue
        for template, words in ((_REMOVED, before[i1:i2]), (_ADDED, after[j1:j2])):
            if "".join(words).strip():
                parts.append(format_html(template, "".join(words)))
            elif words:
                parts.append(format_html("{}", "".join(words)))
    return mark_safe("".join(parts))  # noqa: S308  # each part is escaped by format_html


def _render(pieces: list[tuple[str, str | SafeString]]) -> SafeString:
    """Sentences a space apart and breaks as they were; neighbouring removed (or added) sentences of one line in
    one mark; a run of breaks is the widest of them (a paragraph removed and one added make one blank line)."""
    html: list[str] = []
    run_kind, run = "", list[str]()  # removed or added sentences waiting to be marked together
    pending_break = ""

    def flush_run() -> None:
        nonlocal run_kind, run, pending_break
        if run:
            _separate(html, pending_break)
            html.append(format_html(_REMOVED if run_kind == "removed" else _ADDED, " ".join(run)))
            run_kind, run, pending_break = "", [], ""

    for kind, unit in pieces:
        if kind == "break":
            flush_run()
            pending_break = PARAGRAPH if PARAGRAPH in (pending_break, unit) else LINE
        elif kind in ("removed", "added"):
            if kind != run_kind:
                flush_run()
                run_kind = kind
            run.append(str(unit))
        else:
            flush_run()
            _separate(html, pending_break)
            html.append(format_html("{}", unit))
            pending_break = ""
    flush_run()
    return mark_safe("".join(html))  # noqa: S308  # each piece is escaped by format_html


def _separate(html: list[str], pending_break: str) -> None:
    if html:
        html.append(pending_break or " ")
