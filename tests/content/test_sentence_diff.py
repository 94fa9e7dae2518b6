"""The one diff staff read (content.diff): whole sentences, never words of different sentences interleaved."""

import copy

from content.diff import sentence_diff
from tests.markup import diff_sides, soup, text

KEPT = "You rest in a calm room. A nurse stays with you."
OLD_PARAGRAPH = (
    "Ketamine treatment involves careful monitoring. Staff check your blood pressure often. You stay for two hours."
)
NEW_PARAGRAPH = "We watch you the whole time. A nurse checks how you feel. Then someone drives you home."


def marks(html):
    """[(tag, what it says without the screen-reader words)] of every <del> and <ins>, in order."""
    found = []
    for tag in soup(html).find_all(["del", "ins"]):
        shown = copy.copy(tag)
        for hidden in shown.select(".visually-hidden"):
            hidden.decompose()
        found.append((tag.name, text(shown)))
    return found


def plain(html):
    """The text outside every mark: what did not change."""
    page = soup(html)
    for tag in page.find_all(["del", "ins"]):
        tag.decompose()
    return text(page)


def test_a_rewritten_paragraph_shows_the_old_sentences_struck_and_the_new_ones_beside_them():
    old, new = f"{KEPT}\n\n{OLD_PARAGRAPH}\n\nThe end.", f"{KEPT}\n\n{NEW_PARAGRAPH}\n\nThe end."
    html = sentence_diff(old, new)
    assert marks(html) == [("del", OLD_PARAGRAPH), ("ins", NEW_PARAGRAPH)]  # whole sentences, not a word salad
    assert plain(html) == f"{KEPT} The end."
    assert str(html).split("\n\n")[1].startswith("<del>")  # the paragraphs stay paragraphs
    assert diff_sides(soup(html)) == (" ".join(old.split()), " ".join(new.split()))


def test_a_rewritten_sentence_is_struck_whole_with_the_new_one_beside_it():
    html = sentence_diff(f"{KEPT} Call us any time.", f"{KEPT} Our phone line is open every day.")
    assert marks(html) == [("del", "Call us any time."), ("ins", "Our phone line is open every day.")]
    assert plain(html) == KEPT


def test_added_and_removed_sentences_are_marked_alone():
    assert marks(sentence_diff("One. Two is here. Three.", "One. Three.")) == [("del", "Two is here.")]
    assert marks(sentence_diff("One. Three.", "One. Two is here. Three.")) == [("ins", "Two is here.")]
    added_paragraph = sentence_diff(KEPT, f"{KEPT}\n\nA new paragraph.")
    assert marks(added_paragraph) == [("ins", "A new paragraph.")] and plain(added_paragraph) == KEPT
    assert marks(sentence_diff("", "New words.")) == [("ins", "New words.")]
    assert marks(sentence_diff("Old words.", "")) == [("del", "Old words.")]


def test_unchanged_text_is_left_untouched():
    text_with_a_list = f"{KEPT}\n\n## What to bring\n- A friend to drive you home.\n- A list of your medicines."
    html = sentence_diff(text_with_a_list, text_with_a_list)
    assert marks(html) == [] and plain(html) == " ".join(text_with_a_list.split())


def test_a_small_edit_is_marked_word_by_word_inside_its_own_sentence_only():
    old = "Text and buttons have strong color contrast. Form fields have labels."
    new = "Text and buttons have strong colour contrast. Form fields have clear labels."
    html = sentence_diff(old, new)
    assert marks(html) == [("del", "color"), ("ins", "colour"), ("ins", "clear")]
    assert diff_sides(soup(html)) == (old, new)


def test_words_of_different_sentences_are_never_interleaved():
    old = "The nurse checks you often. You may feel calm. Your ride takes you home."
    new = "The doctor sees you first. You may feel sleepy for a while. A friend takes you home after."
    for tag, said in marks(sentence_diff(old, new)):
        sentences = old if tag == "del" else new
        assert said in sentences and said.endswith(".") and said[0].isupper(), (tag, said)  # whole sentences


def test_a_wrapped_line_is_one_sentence_and_a_numbered_step_keeps_its_number():
    old = "1. Bring a friend who can\n   drive you home.\n2. Rest."
    new = "1. Bring a friend who can\n   drive you home.\n2. Rest well."
    html = sentence_diff(old, new)
    assert marks(html) == [("del", "2. Rest."), ("ins", "2. Rest well.")]  # 2 words of 3 kept: a rewrite
    assert plain(html).startswith("1. Bring a friend who can drive you home.")


def test_screen_readers_hear_what_was_removed_and_added_and_markup_stays_text():
    html = sentence_diff("Old <b>words</b> here.", 'New <script>alert("x")</script> words.')
    page = soup(html)
    assert page.find("b") is None and page.find("script") is None
    assert [text(hidden) for hidden in page.select("del .visually-hidden")] == ["[removed:", "]"]
    assert [text(hidden) for hidden in page.select("ins .visually-hidden")] == ["[added:", "]"]
    assert text(page.find("ins")) == '[added: New <script>alert("x")</script> words. ]'
