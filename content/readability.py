"""How hard patient-facing text is to read, by a published formula from textstat (never a home-made one).

Each language has its own scale in SCALES, and its own thresholds:

- English: Flesch–Kincaid, a US school grade (higher is harder). The brief asks for grade 8 or below;
  text above grade 10 is still saved, but flagged for editors.
- Spanish: Fernández-Huerta, Flesch's reading ease refitted to Spanish (textstat's `fernandez_huerta`
  with `set_lang("es")`): a score of about 0 to 100, higher is easier. The brief asks for 70 or higher.
  The formula keeps Flesch's bands: 70–80 "fairly easy" (around US grade 6–7), 60–70 "standard"
  (around grade 8–9), 50–60 "fairly difficult" (high school). So the Spanish target sits where the
  English one does (grade 8 or below), and the flag, like English's above grade 10, falls one band
  beyond it: text below 60 is still saved, but flagged for editors; 60 up to 70 is "near" the target.
  The score is a guide, not a verdict: Spanish words are longer than English ones, so a plain sentence
  with one medical word the text explains may still score in the 60s.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from textstat.textstat import textstatistics

from .markdown import render_markdown

ENGLISH_TARGET_GRADE = 8
ENGLISH_FLAG_ABOVE_GRADE = 10
SPANISH_TARGET_EASE = 70
SPANISH_FLAG_BELOW_EASE = 60
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
    language_name: str  # the language the text is in, as editors read it
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
        language_name="English",
        score_label="grade",
        target=f"grade {ENGLISH_TARGET_GRADE} or below",
        lang="en_US",
        formula="flesch_kincaid_grade",
        higher_is_harder=True,
        flag_beyond=ENGLISH_FLAG_ABOVE_GRADE,
    ),
    "es": Scale(
        name="Fernández-Huerta reading ease",
        language_name="Spanish",
        score_label="ease",
        target=f"{SPANISH_TARGET_EASE} or higher",
        lang="es",
        formula="fernandez_huerta",
        higher_is_harder=False,
        flag_beyond=SPANISH_FLAG_BELOW_EASE,
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
