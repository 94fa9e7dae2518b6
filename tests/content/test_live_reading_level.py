"""The live reading check behind the editor (content.plain_language_admin): staff only, CSRF-checked, never cached,
in English and Spanish, with texts too short to grade fairly left ungraded."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from content import plain_language_admin
from content.models import PlainLanguageContent
from staff.roles import CONTENT_EDITORS, INTAKE_COORDINATORS
from tests.content.test_plain_language import HARD, PLAIN, SHORT_QUESTION
from tests.markup import soup
from tests.translation.test_spanish_plain_language import HARD_ES, PLAIN_ES

pytestmark = pytest.mark.django_db

URL = reverse("admin:treatments_treatment_reading_level")
PLAIN_LANGUAGE_ADMINS = [model for model in admin.site._registry if issubclass(model, PlainLanguageContent)]


def checked(client, text, language="en"):
    return client.post(URL, {"text": text, "language": language})


def test_english_is_graded_with_its_hardest_sentences_marked_hard(staff_client):
    response = checked(staff_client(CONTENT_EDITORS), HARD)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    answer = response.json()
    assert answer["graded"] and answer["too_hard"] and answer["score"] > 10
    assert answer["summary"].startswith(f"English: Flesch–Kincaid grade {answer['score']} (target: grade 8 or below)")
    assert answer["verdict"] == "Hard to read: please use shorter sentences and simpler words."
    assert len(answer["hardest"]) == 3 and answer["hardest_heading"] == "Hardest sentences:"
    assert {item["mark"] for item in answer["hardest"]} == {"Hard"}
    assert answer["hardest"][0]["score_text"] == f"grade {answer['hardest'][0]['score']}"
    assert not [item for item in answer["hardest"] if item["sentence"] == "You rest after."]

    plain = checked(staff_client(CONTENT_EDITORS), PLAIN).json()
    assert plain["graded"] and not plain["too_hard"] and plain["hardest"] == []
    assert plain["verdict"] == "Plain enough: it meets the target."


def test_spanish_is_given_its_reading_ease(staff_client):
    editor = staff_client(CONTENT_EDITORS)
    hard = checked(editor, HARD_ES, "es").json()
    assert hard["graded"] and hard["too_hard"] and hard["score"] < 60 and hard["lang"] == "es"
    assert hard["summary"].startswith(f"Spanish: Fernández-Huerta reading ease {hard['score']} (target: 70 or higher)")
    assert hard["hardest"][0]["sentence"].startswith("La esketamina") and hard["hardest"][0]["mark"] == "Hard"
    plain = checked(editor, PLAIN_ES, "es").json()
    assert plain["graded"] and plain["score"] >= 70 and plain["hardest"] == []
    assert checked(editor, "", "es").json()["summary"] == "No Spanish yet."


def test_a_one_line_question_is_too_short_to_grade_in_either_language(staff_client):
    editor = staff_client(CONTENT_EDITORS)
    for text, language in ((SHORT_QUESTION, "en"), ("¿El seguro cubre Spravato?", "es")):
        answer = checked(editor, text, language).json()
        assert not answer["graded"] and answer["score"] is None and answer["hardest"] == []
        assert answer["verdict"].startswith("Too short to grade fairly: 4 words"), answer


def test_only_staff_who_edit_the_texts_may_ask(staff_client, client):
    response = checked(client, PLAIN)  # not signed in: the admin's sign-in page, no grade
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    assert checked(staff_client(INTAKE_COORDINATORS), PLAIN).status_code == 403
    assert checked(staff_client(CONTENT_EDITORS), PLAIN).status_code == 200


def test_it_answers_posts_only_checked_against_csrf_and_is_never_cached(staff_client):
    editor = staff_client(CONTENT_EDITORS, client=Client(enforce_csrf_checks=True))
    assert editor.get(URL).status_code == 405
    assert checked(editor, PLAIN).status_code == 403  # no CSRF token
    form = soup(editor.get(reverse("admin:treatments_treatment_add")))
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    response = editor.post(URL, {"text": PLAIN, "language": "en", "csrfmiddlewaretoken": token})
    assert response.status_code == 200 and response.json()["graded"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_bad_language_a_text_too_long_and_too_many_checks_are_refused(staff_client, monkeypatch):
    editor = staff_client(CONTENT_EDITORS)
    assert checked(editor, PLAIN, "fr").status_code == 400
    assert checked(editor, "a" * (plain_language_admin.LIVE_MAX_CHARACTERS + 1)).status_code == 400
    monkeypatch.setattr(plain_language_admin, "LIVE_RATE", "2/m")
    answers = [checked(editor, PLAIN).status_code for _ in range(3)]
    assert answers[-1] == 429 and answers[0] == 200


@pytest.mark.parametrize("model", PLAIN_LANGUAGE_ADMINS, ids=lambda model: model._meta.label)
def test_every_graded_field_names_its_language_and_the_check(staff_client, initial_content, model):
    editor = staff_client(CONTENT_EDITORS)
    record = model.objects.first()
    page = soup(editor.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk])))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_reading_level")
    graded = {field["name"]: field["data-reading-language"] for field in page.select("[data-reading-language]")}
    expected = {name: "en" for name in model.plain_language_fields}
    expected |= {name: "es" for name in model.spanish_plain_language_fields()}
    assert graded == expected
    assert {field["data-reading-url"] for field in page.select("[data-reading-language]")} == {url}
    assert [script["src"] for script in page.select("script[src*=admin-reading-level]")]
    assert not [script for script in page.select("script") if script.string and script.string.strip()]
