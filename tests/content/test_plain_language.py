"""The plain-language check: editors see the reading grade of what they save, and hard text stays flagged."""

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import textstat
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from content.models import PlainLanguageContent, grade_existing
from content.readability import MIN_WORDS, plain_text, reading_level, split_sentences
from staff.roles import CONTENT_EDITORS
from tests.markup import soup, text
from treatments.models import Faq, Treatment

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]

HARD = (
    "Esketamine, administered intranasally under observation in certified healthcare settings, "
    "demonstrates antidepressant efficacy in individuals whose depressive symptomatology persists "
    "notwithstanding adequate pharmacotherapeutic interventions. "
    "Comprehensive pretreatment evaluation encompasses psychiatric, cardiovascular and substance-use considerations. "
    "Hemodynamic parameters necessitate continuous monitoring throughout the postadministration interval. "
    "You rest after."
)
PLAIN = (
    "You sit in a calm room. A nurse stays with you the whole time. You rest after. Then a friend drives you home. "
    "You can call us with any question. We are glad to help."
)  # 35 words: long enough to grade (content.readability.MIN_WORDS)
SHORT_QUESTION = "Does insurance cover Spravato?"  # grade 12.5 by the formula, but four words are too few to grade


def test_markdown_is_read_as_plain_sentences():
    markdown = "## What to expect\n\nYou **rest** for an hour. See [the details](/ketamine/).\n\n"
    markdown += "- A calm room\n- A nurse"
    assert split_sentences(plain_text(markdown)) == [
        "What to expect.",
        "You rest for an hour.",
        "See the details.",
        "A calm room.",
        "A nurse.",
    ]


def test_the_grade_is_textstats_flesch_kincaid_and_the_hardest_sentences_come_first():
    level = reading_level(text=HARD)
    assert level.score == round(textstat.flesch_kincaid_grade(plain_text(HARD)), 1)
    assert level.is_too_hard and level.score > 10
    assert {sentence for sentence, _ in level.hardest} == set(split_sentences(HARD)[:3])  # not "You rest after."
    scores = [score for _, score in level.hardest]
    assert scores == sorted(scores, reverse=True) and len(scores) == 3
    plain = reading_level(text=PLAIN)
    assert plain.is_graded and not plain.is_too_hard and not plain.misses_target
    assert plain.hardest == []  # no sentence misses the target, so none is offered as hard
    assert reading_level(text="  \n") is None


def test_a_text_too_short_to_grade_fairly_is_not_graded():
    assert round(textstat.flesch_kincaid_grade(SHORT_QUESTION), 1) == 12.5  # what the formula alone would say
    level = reading_level(text=SHORT_QUESTION)
    assert not level.is_graded and level.score is None and level.words == 4
    assert not level.is_too_hard and not level.misses_target and level.hardest == []
    assert not reading_level(text=" ".join(["Rest."] * (MIN_WORDS - 1))).is_graded
    assert reading_level(text=" ".join(["Rest."] * MIN_WORDS)).is_graded
    one_long_sentence = " ".join(["word"] * MIN_WORDS) + "."
    assert reading_level(text=one_long_sentence).is_graded  # one sentence is enough when it has the words


@pytest.mark.own_database
def test_grading_needs_no_network_on_a_fresh_process():
    script = (
        "import socket\n"
        "def refuse(*args, **kwargs): raise OSError('no network')\n"
        "socket.socket.connect = refuse\n"
        "import django, os\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'tests.settings'\n"
        "django.setup()\n"
        "from content.readability import reading_level\n"
        f"print(reading_level(text={HARD!r}).score)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert float(result.stdout.strip()) == reading_level(text=HARD).score


def add_treatment(editor, **fields):
    data = {"name": "Calm test", "slug": "calm-test", "status": "available", "summary": "A short summary."}
    data["pricing"] = "not_decided"  # the price line's choice (costs and insurance)
    data.update({"ordering": "0", **fields}, **{f"slug_redirects-{key}": value for key, value in MANAGEMENT.items()})
    return editor.post(reverse("admin:treatments_treatment_add"), data, follow=True)


MANAGEMENT = {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"}


def test_saving_hard_text_shows_the_grade_and_hardest_sentences_and_flags_it_until_improved(empty_site, staff_client):
    editor = staff_client(CONTENT_EDITORS)
    response = add_treatment(editor, body=HARD)
    treatment = Treatment.objects.get(slug="calm-test")
    assert treatment.reading_grade > 10  # saved all the same
    warning = soup(response).select_one(".messagelist .warning")
    assert f"Flesch–Kincaid grade {treatment.reading_grade}" in text(warning)
    assert "Hard to read" in text(warning)
    hardest = warning.select(".reading-hard-sentence")
    assert not warning.select("li")  # Django's message list would give a nested item its green tick
    assert len(hardest) == 3 and not [item for item in hardest if "You rest after." in text(item)]
    for item in hardest:  # marked as hard: a warning icon and the word, never a tick
        assert text(item).startswith("Hard (grade ")
        assert item.img["src"].endswith("icon-alert.svg") and item.img["alt"] == ""

    changelist = reverse("admin:treatments_treatment_changelist")
    flagged = soup(editor.get(changelist, {"reading_grade": "hard"}))
    assert [text(link) for link in flagged.select("#result_list tbody th a")] == ["Calm test"]
    assert "hard to read" in text(flagged.select_one("#result_list .field-reading_grade_column"))

    change = reverse("admin:treatments_treatment_change", args=[treatment.pk])
    report = soup(editor.get(change)).select_one(".field-reading_level_report")
    assert "Esketamine, administered intranasally" in text(report)

    treatment.body = PLAIN
    treatment.save()
    assert not soup(editor.get(changelist, {"reading_grade": "hard"})).select("#result_list tbody th a")
    plain = soup(editor.get(changelist, {"reading_grade": "plain"}))
    assert "Calm test" in [text(link) for link in plain.select("#result_list tbody th a")]


def test_plain_text_saves_with_a_quiet_note_of_its_grade(staff_client):
    response = add_treatment(staff_client(CONTENT_EDITORS), body=PLAIN)
    info = soup(response).select_one(".messagelist .info")
    assert "Plain enough" in text(info) and "target: grade 8 or below" in text(info)
    assert not info.select(".reading-hard-sentence, li")  # no sentence listed beside Django's tick


def test_a_short_question_is_saved_as_too_short_to_grade_and_the_lists_still_work(empty_site, staff_client):
    editor = staff_client(CONTENT_EDITORS)
    response = add_treatment(editor, body="", summary=SHORT_QUESTION)
    treatment = Treatment.objects.get(slug="calm-test")
    assert treatment.reading_grade is None and treatment.spanish_reading_ease is None
    note = text(soup(response).select_one(".messagelist .info"))
    assert note.startswith("English: Too short to grade fairly: 4 words") and "12.5" not in note
    Treatment.objects.create(name="Plain test", slug="plain-test", summary=PLAIN)

    changelist = reverse("admin:treatments_treatment_changelist")
    rows = {
        text(row.select_one("th a")): text(row.select_one(".field-reading_grade_column"))
        for row in soup(editor.get(changelist)).select("#result_list tbody tr")
    }
    assert rows["Calm test"] == "Too short to grade" and rows["Plain test"] == str(reading_level(text=PLAIN).score)
    for value, shown in {"none": ["Calm test"], "plain": ["Plain test"], "hard": [], "near": []}.items():
        page = soup(editor.get(changelist, {"reading_grade": value}))
        assert [text(link) for link in page.select("#result_list tbody th a")] == shown, value
    sort = soup(editor.get(changelist)).select_one("#result_list th.column-reading_grade_column a")["href"]
    page = soup(editor.get(changelist + sort))  # sorted by the reading grade, the ungraded row included
    assert sorted(text(link) for link in page.select("#result_list tbody th a")) == ["Calm test", "Plain test"]
    change = reverse("admin:treatments_treatment_change", args=[treatment.pk])
    report = soup(editor.get(change)).select_one(".field-reading_level_report .readonly")
    assert text(report).startswith("English: Too short to grade fairly")


PLAIN_LANGUAGE_ADMINS = [model for model in admin.site._registry if issubclass(model, PlainLanguageContent)]


def test_every_kind_of_patient_facing_text_is_graded():
    labels = {model._meta.label for model in PLAIN_LANGUAGE_ADMINS}
    assert labels == {
        "treatments.Treatment", "treatments.Faq", "treatments.EducationSection", "treatments.FirstVisitSection",
        "clinic.LegalPage", "clinic.VisitPage",
        "financing.FinancingProgram", "financing.FinancingFaq",
        "team.Provider",
    }  # fmt: skip


@pytest.mark.parametrize("model", PLAIN_LANGUAGE_ADMINS, ids=lambda model: model._meta.label)
def test_each_change_list_shows_the_reading_grade_of_the_shipped_text(initial_content, staff_client, model):
    editor = staff_client(CONTENT_EDITORS)
    page = soup(editor.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")))
    assert "Reading grade" in [text(header) for header in page.select("#result_list thead th")]
    for record in model.objects.all():  # graded when the content was loaded, unless too short to grade fairly
        level = record.reading_level()
        assert (record.reading_grade is None) == (not level.is_graded), record
    assert page.select("#changelist-filter")  # with the "reading grade" filter


def test_the_migration_regrades_stored_texts_so_a_short_question_is_no_longer_graded(initial_content):
    faq = Faq.objects.get(question="Does insurance cover Spravato?")
    long_enough = Treatment.objects.get(slug="spravato")
    Faq.objects.filter(pk=faq.pk).update(reading_grade=Decimal("12.5"), spanish_reading_ease=Decimal("40.0"))
    Treatment.objects.filter(pk=long_enough.pk).update(reading_grade=None)
    grade_existing("treatments", {"Faq": Faq.plain_language_fields, "Treatment": Treatment.plain_language_fields})(
        apps, None
    )
    faq.refresh_from_db()
    long_enough.refresh_from_db()
    assert faq.reading_grade is None and faq.spanish_reading_ease is None  # 23 words: too short to grade fairly
    assert long_enough.reading_grade == Decimal(str(long_enough.reading_level().score))
