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

A text of fewer than MIN_WORDS words is too short to grade fairly, and is not graded (see MIN_WORDS).
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
# Both formulas turn syllables per word into a score: Flesch–Kincaid adds 11.8 grades per syllable a word,
# Fernández-Huerta takes 60 points. In a text of n words, one long word (two syllables more than a plain one)
# moves the score by 23.6/n grades or 120/n points. From 30 words on that is under one grade or 4 points, less
# than half the step between target and flag (grade 8 to 10, ease 70 to 60), so one word cannot turn a plain
# text into a flagged one. Below it, a single drug name can: "Does insurance cover Spravato?" (4 words) would
# be grade 12.5. So a shorter text is "too short to grade", here, live in the editor and in the stored grades.
# The number of sentences needs no minimum: a single sentence of 30 words is long, and the grade rightly says so.
MIN_WORDS = 30

BLOCK_TAGS = {"p", "li", "h2", "h3", "h4", "td", "th", "blockquote", "br", "tr"}
SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+")
ENDS_WITH_STOP = re.compile(r"[.!?][\"”’)]?$")


@dataclass(frozen=True)
class Scale:
    """A readability formula for one language, with what counts as too hard on it."""

    name: str
    language_name: str  # the language the text is in, as editors read it
    score_name: str  # "reading grade", "reading ease"
    score_label: str  # after a sentence's own score: "grade 12.3"
    target: str
    target_score: float
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

    def misses_target(self, score: float) -> bool:
        return score > self.target_score if self.higher_is_harder else score < self.target_score

    def difficulty(self, score: float) -> float:
        """Bigger is harder on every scale, for sorting sentences."""
        return score if self.higher_is_harder else -score


SCALES = {
    "en": Scale(
        name="Flesch–Kincaid grade",
        language_name="English",
        score_name="reading grade",
        score_label="grade",
        target=f"grade {ENGLISH_TARGET_GRADE} or below",
        target_score=ENGLISH_TARGET_GRADE,
        lang="en_US",
        formula="flesch_kincaid_grade",
        higher_is_harder=True,
        flag_beyond=ENGLISH_FLAG_ABOVE_GRADE,
    ),
    "es": Scale(
        name="Fernández-Huerta reading ease",
        language_name="Spanish",
        score_name="reading ease",
        score_label="ease",
        target=f"{SPANISH_TARGET_EASE} or higher",
        target_score=SPANISH_TARGET_EASE,
        lang="es",
        formula="fernandez_huerta",
        higher_is_harder=False,
        flag_beyond=SPANISH_FLAG_BELOW_EASE,
    ),
}


@dataclass(frozen=True)
class ReadingLevel:
    """How hard a text is: its score, or None when it is too short to grade fairly (fewer than MIN_WORDS words)."""

    score: float | None
    scale: Scale
    words: int
    hardest: list[tuple[str, float]]  # (sentence, its own score), hardest first: only sentences missing the target

    @property
    def is_graded(self) -> bool:
        return self.score is not None

    @property
    def is_too_hard(self) -> bool:
        return self.score is not None and self.scale.is_too_hard(self.score)

    @property
    def misses_target(self) -> bool:
        return self.score is not None and self.scale.misses_target(self.score)


def reading_level(*, text: str, language: str = "en") -> ReadingLevel | None:
    """The reading level of Markdown `text`, with its hardest sentences; None when there is nothing to read.

    A text of fewer than MIN_WORDS words has no score and no hardest sentences: it is too short to grade fairly.
    A sentence's own score only ranks it: the hardest are those (of HARDEST_MIN_WORDS words or more) that miss the
    target, at most HARDEST_SHOWN of them.
    """
    scale = SCALES[language]
    sentences = split_sentences(plain_text(text))
    if not sentences:
        return None
    words = sum(len(sentence.split()) for sentence in sentences)
    if words < MIN_WORDS:
        return ReadingLevel(score=None, scale=scale, words=words, hardest=[])
    candidates = [sentence for sentence in sentences if len(sentence.split()) >= HARDEST_MIN_WORDS]
    scored = [(sentence, scale.score(sentence)) for sentence in candidates]
    hard = [(sentence, score) for sentence, score in scored if scale.misses_target(score)]
    hardest = sorted(hard, key=lambda pair: scale.difficulty(pair[1]), reverse=True)[:HARDEST_SHOWN]
    return ReadingLevel(score=scale.score(" ".join(sentences)), scale=scale, words=words, hardest=hardest)


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
