"""The plain-language check in Spanish: editors see the Fernández-Huerta reading ease beside the English grade."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from textstat.textstat import textstatistics

from content.models import grade_existing_spanish
from content.readability import SCALES, plain_text, reading_level, split_sentences
from staff.roles import CONTENT_EDITORS
from tests.content.test_plain_language import HARD, PLAIN, PLAIN_LANGUAGE_ADMINS, add_treatment
from tests.markup import soup, text
from treatments.models import Faq, Treatment

pytestmark = pytest.mark.django_db

HARD_ES = (
    "La esketamina, administrada por vía intranasal bajo observación en entornos sanitarios certificados, "
    "demuestra eficacia antidepresiva en individuos cuya sintomatología depresiva persiste a pesar de "
    "intervenciones farmacoterapéuticas adecuadas. "
    "La evaluación pretratamiento comprende consideraciones psiquiátricas, cardiovasculares "
    "y de consumo de sustancias. "
    "Los parámetros hemodinámicos requieren monitorización continua durante el intervalo "
    "posterior a la administración. "
    "Usted descansa después."
)
PLAIN_ES = (
    "Usted se sienta en una sala tranquila. Una enfermera se queda con usted todo el tiempo. Usted descansa después. "
    "Luego un amigo lo lleva a su casa. Nos puede llamar si tiene una duda. Con gusto le ayudamos."
)  # 36 words: long enough to grade (content.readability.MIN_WORDS)


def fernandez_huerta(markdown):
    statistics = textstatistics()
    statistics.set_lang("es")
    return round(statistics.fernandez_huerta(plain_text(markdown)), 1)


def test_the_spanish_score_is_textstats_fernandez_huerta_and_the_hardest_sentences_come_first():
    level = reading_level(text=HARD_ES, language="es")
    assert level.scale is SCALES["es"] and level.score == fernandez_huerta(HARD_ES)
    assert level.is_too_hard and level.score < 60  # higher is easier: flagged below 60
    assert {sentence for sentence, _ in level.hardest} == set(split_sentences(HARD_ES)[:3])  # not "Usted descansa…"
    scores = [score for _, score in level.hardest]
    assert scores == sorted(scores) and len(scores) == 3  # the hardest Spanish has the lowest ease
    plain = reading_level(text=PLAIN_ES, language="es")
    assert plain.score >= 70 and not plain.is_too_hard and plain.hardest == []
    assert reading_level(text="", language="es") is None
    short = reading_level(text="¿El seguro cubre Spravato?", language="es")
    assert not short.is_graded and short.score is None and short.words == 4  # too short to grade fairly


def test_each_language_is_graded_from_its_own_words_on_save():
    treatment = Treatment.objects.create(
        name="Calm test", slug="calm-test", summary="A short summary.", body=PLAIN, summary_es="", body_es=""
    )
    assert treatment.reading_grade is not None and treatment.spanish_reading_ease is None  # no Spanish, no score
    treatment.body_es = HARD_ES
    treatment.save()
    treatment.refresh_from_db()
    assert treatment.spanish_reading_ease == Decimal(str(fernandez_huerta(HARD_ES)))
    assert treatment.reading_grade == Decimal(str(reading_level(text=treatment.plain_language_text()).score))


def test_a_save_of_the_spanish_fields_alone_grades_the_spanish(initial_content):
    faq = Faq.objects.filter(question_es__gt="").first()
    english_grade = faq.reading_grade
    Faq.objects.filter(pk=faq.pk).update(question_es="", answer_es="", spanish_reading_ease=None)
    faq.refresh_from_db()
    spanish = {"question_es": "¿Qué tan pronto?", "answer_es": PLAIN_ES}
    for name, words in spanish.items():
        setattr(faq, name, words)
    faq.save(update_fields=list(spanish))
    faq.refresh_from_db()
    graded = faq.spanish_reading_ease
    assert graded == Decimal(str(faq.spanish_reading_level().score)) and faq.reading_grade == english_grade
    faq.answer_es = HARD_ES
    faq.save(update_fields=["is_published"])  # a save that does not touch the words keeps the score
    faq.refresh_from_db()
    assert faq.spanish_reading_ease == graded


def test_the_migration_grades_spanish_already_in_the_database(initial_content):
    treatment = Treatment.objects.get(slug="spravato")
    Treatment.objects.filter(pk=treatment.pk).update(spanish_reading_ease=None)
    grade_existing_spanish("treatments", {"Treatment": Treatment.plain_language_fields})(apps, None)
    treatment.refresh_from_db()
    assert treatment.spanish_reading_ease == Decimal(str(treatment.spanish_reading_level().score))


def test_saving_shows_both_languages_with_their_hardest_sentences_and_flags_hard_spanish(empty_site, staff_client):
    editor = staff_client(CONTENT_EDITORS)
    response = add_treatment(editor, body=PLAIN, body_es=HARD_ES, summary_es="Un resumen corto.")
    treatment = Treatment.objects.get(slug="calm-test")
    assert treatment.spanish_reading_ease < 60  # saved all the same
    page = soup(response)
    english = page.select_one(".messagelist .info")
    assert text(english).startswith("English: Flesch–Kincaid grade")
    assert f"Flesch–Kincaid grade {treatment.reading_grade} (target: grade 8 or below). Plain enough" in text(english)
    spanish = page.select_one(".messagelist .warning")
    assert text(spanish).startswith("Spanish: Fernández-Huerta reading ease")
    assert f"Fernández-Huerta reading ease {treatment.spanish_reading_ease} (target: 70 or higher)" in text(spanish)
    assert "Hard to read" in text(spanish)
    hardest = spanish.select(".reading-hard-sentence")
    assert len(hardest) == 3 and text(hardest[0].select_one("span[lang=es]")).startswith("La esketamina, administrada")
    assert all(text(item).startswith("Hard (ease ") and item.img["src"].endswith("icon-alert.svg") for item in hardest)

    changelist = reverse("admin:treatments_treatment_changelist")
    flagged = soup(editor.get(changelist, {"spanish_reading_ease": "hard"}))
    assert [text(link) for link in flagged.select("#result_list tbody th a")] == ["Calm test"]
    assert "hard to read: below 60" in text(flagged.select_one("#result_list .field-spanish_reading_ease_column"))
    assert not soup(editor.get(changelist, {"reading_grade": "hard"})).select("#result_list tbody th a")

    change = reverse("admin:treatments_treatment_change", args=[treatment.pk])
    report = soup(editor.get(change)).select_one(".field-spanish_reading_level_report")
    assert "Los parámetros hemodinámicos" in text(report)

    treatment.body_es = PLAIN_ES
    treatment.save()
    assert not soup(editor.get(changelist, {"spanish_reading_ease": "hard"})).select("#result_list tbody th a")
    plain = soup(editor.get(changelist, {"spanish_reading_ease": "plain"}))
    assert "Calm test" in [text(link) for link in plain.select("#result_list tbody th a")]


def test_hard_english_and_plain_spanish_are_each_judged_on_their_own_scale(staff_client):
    response = add_treatment(staff_client(CONTENT_EDITORS), body=HARD, body_es=PLAIN_ES)
    page = soup(response)
    assert "Hard to read" in text(page.select_one(".messagelist .warning"))
    spanish = page.select_one(".messagelist .info")
    assert text(spanish).startswith("Spanish: Fernández-Huerta") and "target: 70 or higher" in text(spanish)
    assert "Plain enough" in text(spanish)


def test_text_without_spanish_says_the_spanish_is_graded_once_written(staff_client):
    editor = staff_client(CONTENT_EDITORS)
    response = add_treatment(editor, body=PLAIN)
    notes = [text(note) for note in soup(response).select(".messagelist .info")]
    assert notes[0].startswith("English: Flesch–Kincaid grade")
    assert "No Spanish yet, so the Spanish reading ease is measured once it is written." in notes
    not_graded = soup(editor.get(reverse("admin:treatments_treatment_changelist"), {"spanish_reading_ease": "none"}))
    rows = {text(row.select_one("th a")): row for row in not_graded.select("#result_list tbody tr")}
    assert "Calm test" in rows and text(rows["Calm test"].select_one(".field-spanish_reading_ease_column")) == "—"
    for name, row in rows.items():  # the shipped treatment whose Spanish is too short to grade says so
        if name != "Calm test":
            assert text(row.select_one(".field-spanish_reading_ease_column")) == "Too short to grade", name


@pytest.mark.parametrize("model", PLAIN_LANGUAGE_ADMINS, ids=lambda model: model._meta.label)
def test_each_change_list_shows_the_spanish_reading_ease_of_the_shipped_text(initial_content, staff_client, model):
    editor = staff_client(CONTENT_EDITORS)
    page = soup(editor.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")))
    headers = [text(header) for header in page.select("#result_list thead th")]
    assert "Reading grade" in headers and "Spanish reading ease" in headers
    for record in model.objects.all():  # shipped Spanish is graded, unless too short to grade fairly
        assert (record.spanish_reading_ease is None) == (not record.spanish_reading_level().is_graded), record
    filters = [text(title) for title in page.select("#changelist-filter summary, #changelist-filter h3")]
    assert "By Spanish reading ease" in filters
