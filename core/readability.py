"""How hard patient-facing text is to read, by a published formula from textstat (never a home-made one).

The brief asks for US grade 8 or below. Text above grade 10 is still saved, but flagged for editors.
Each language has its own scale: English uses Flesch–Kincaid (a US school grade, higher is harder);
Spanish will add Fernández-Huerta (an ease score, higher is easier) as a second entry in SCALES.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from textstat.textstat import textstatistics

from .markdown import render_markdown

ENGLISH_TARGET_GRADE = 8
ENGLISH_FLAG_ABOVE_GRADE = 10
HARDEST_SHOWN = 3
# A heading or fragment of one to three words scores wildly on any formula made for passages; it is
# counted in the text's score, but only sentences this long are offered as the hardest to rewrite.
HARDEST_MIN_WORDS = 4

BLOCK_TAGS = {"p", "li", "h2", "h3", "h4", "td", "th", "blockquote", "br", "tr"}
SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+")
ENDS_WITH_STOP = re.compile(r"[.!?][\"”’)]?$")


@dataclass(frozen=True)
class Scale:
    """A readability formula for one language, with what counts as too hard on it."""

    name: str
    score_label: str  # after a sentence's own score: "grade 12.3"
    target: str
    lang: str  # textstat's language code
    formula: str  # the name of textstat's method
    higher_is_harder: bool
    flag_beyond: float

    def score(self, text: str) -> float:
        statistics = textstatistics()
        statistics.set_lang(self.lang)
        return round(float(getattr(statistics, self.formula)(text)), 1)

    def is_too_hard(self, score: float) -> bool:
        return score > self.flag_beyond if self.higher_is_harder else score < self.flag_beyond

    def difficulty(self, score: float) -> float:
        """Bigger is harder on every scale, for sorting sentences."""
        return score if self.higher_is_harder else -score


SCALES = {
    "en": Scale(
        name="Flesch–Kincaid grade",
        score_label="grade",
        target=f"grade {ENGLISH_TARGET_GRADE} or below",
        lang="en_US",
        formula="flesch_kincaid_grade",
        higher_is_harder=True,
        flag_beyond=ENGLISH_FLAG_ABOVE_GRADE,
    ),
}


@dataclass(frozen=True)
class ReadingLevel:
    score: float
    scale: Scale
    hardest: list[tuple[str, float]]  # (sentence, its own score), hardest first

    @property
    def is_too_hard(self) -> bool:
        return self.scale.is_too_hard(self.score)


def reading_level(*, text: str, language: str = "en") -> ReadingLevel | None:
    """The reading level of Markdown `text`, with its hardest sentences; None when there is nothing to read."""
    scale = SCALES[language]
    sentences = split_sentences(plain_text(text))
    if not sentences:
        return None
    candidates = [sentence for sentence in sentences if len(sentence.split()) >= HARDEST_MIN_WORDS] or sentences
    scored = [(sentence, scale.score(sentence)) for sentence in candidates]
    hardest = sorted(scored, key=lambda pair: scale.difficulty(pair[1]), reverse=True)[:HARDEST_SHOWN]
    return ReadingLevel(score=scale.score(" ".join(sentences)), scale=scale, hardest=hardest)


def plain_text(markdown: str) -> str:
    """What a reader reads: Markdown without its marks, each heading, list item or cell a sentence of its own."""
    reader = _BlockText()
    reader.feed(render_markdown(markdown or ""))
    reader.close()
    return "\n".join(reader.blocks())


def split_sentences(text: str) -> list[str]:
    return [sentence.strip() for sentence in SENTENCE_END.split(text) if re.search(r"\w", sentence)]


class _BlockText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self._blocks = [[]]

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._blocks.append([])

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self._blocks.append([])

    def handle_data(self, data):
        self._blocks[-1].append(data)

    def blocks(self):
        for parts in self._blocks:
            block = " ".join("".join(parts).split())
            if block:
                yield block if ENDS_WITH_STOP.search(block) else block.rstrip(":;,") + "."
