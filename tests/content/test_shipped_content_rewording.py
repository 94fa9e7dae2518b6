"""A content rewording migration changes a site's records only where they still hold the shipped words."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from clinic.models import LegalPage
from content.page_cache import clear_public_pages
from content.shipped_content import reword_operations
from tests.factories import FaqFactory
from tests.markup import soup, text
from translation.catalogues import shipped_spanish
from treatments.models import Faq, Route, Treatment

pytestmark = pytest.mark.django_db

TREATMENTS = importlib.import_module("treatments.migrations.0005_reword_shipped_content")
CLINIC = importlib.import_module("clinic.migrations.0006_reword_privacy_and_accessibility")
PRIVACY = importlib.import_module("clinic.migrations.0009_privacy_notice_covers_call_backs")
SCHEMA_EDITOR = SimpleNamespace(connection=connection)


def shipped(changes, model, field, **where):
    return next(
        change
        for change in changes
        if change.model == model and change.field == field and all(change.where.get(k) == v for k, v in where.items())
    )


def run(migration, direction="forwards"):
    forwards, backwards = (
        (migration.forwards, migration.backwards)
        if hasattr(migration, "forwards")
        else reword_operations(migration.CHANGES)
    )
    (forwards if direction == "forwards" else backwards)(apps, SCHEMA_EDITOR)


def test_records_in_their_shipped_words_are_reworded_and_staff_edits_are_kept(client, initial_content):
    iv_body = shipped(TREATMENTS.CHANGES, "treatments.Treatment", "body", slug="iv-ketamine-infusion")
    oral_notes = shipped(TREATMENTS.CHANGES, "treatments.Route", "notes", name="Oral (swallowed)")
    privacy = shipped(CLINIC.CHANGES, "clinic.LegalPage", "body", kind="privacy")
    Treatment.objects.filter(slug="iv-ketamine-infusion").update(body=iv_body.old)
    Treatment.objects.filter(slug="spravato").update(body="Spravato, as our staff wrote it.")
    Route.objects.filter(name="Oral (swallowed)").update(notes=oral_notes.old)
    LegalPage.objects.filter(kind="privacy").update(
        body=privacy.old, updated_at=datetime.datetime(2026, 1, 2, 20, tzinfo=datetime.UTC)
    )
    clear_public_pages()
    shown = text(soup(client.get("/privacy/")).main)
    assert "only sets a security cookie when you send a form" in shown and "January 2, 2026" in shown

    run(TREATMENTS)
    run(CLINIC)

    reworded = text(soup(client.get("/privacy/")).main)  # the cached page is not served again
    assert "only sets a security cookie when you send a form" not in reworded and "January 2, 2026" not in reworded

    assert Treatment.objects.get(slug="iv-ketamine-infusion").body == iv_body.new
    assert Treatment.objects.get(slug="spravato").body == "Spravato, as our staff wrote it."
    assert Route.objects.get(name="Oral (swallowed)").notes == ""
    assert LegalPage.objects.get(kind="privacy").body == privacy.new


def test_shipped_faqs_that_repeat_the_page_are_unpublished_and_edited_ones_stay(initial_content):
    repeat = shipped(TREATMENTS.CHANGES, "treatments.Faq", "is_published", question="Who can get Spravato?")
    spravato = Treatment.objects.get(slug="spravato")
    untouched = FaqFactory(treatment=spravato, **repeat.where)
    edited = FaqFactory(treatment=spravato, question=repeat.where["question"], answer="Our staff's own answer.")

    run(TREATMENTS)
    assert Faq.objects.get(pk=untouched.pk).is_published is False
    assert Faq.objects.get(pk=edited.pk).is_published is True

    run(TREATMENTS, "backwards")
    assert Faq.objects.get(pk=untouched.pk).is_published is True


def test_the_rewording_migrations_end_in_the_words_a_new_site_ships_with():
    from clinic.initial_content import LEGAL_PAGES
    from treatments.initial_content import FAQS, ROUTES
    from treatments.initial_content import TREATMENTS as SHIPPED

    treatments = {data["slug"]: data for data in SHIPPED}
    routes = {data["name"]: data for data in ROUTES}
    answers = {question: answer for _, question, answer in FAQS}
    for change in TREATMENTS.CHANGES:
        if change.model == "treatments.Treatment":
            assert treatments[change.where["slug"]][change.field] == change.new
        elif change.model == "treatments.Route":
            assert routes[change.where["name"]][change.field] == change.new
        elif change.field == "answer":
            assert answers[change.where["question"]] == change.new
        else:
            assert change.where["question"] not in answers  # no longer shipped
    latest = {}  # a later rewording of the same field supersedes an earlier one
    for change in (*CLINIC.CHANGES, *PRIVACY.CHANGES):
        latest[change.where["kind"], change.field] = change
    for (kind, field), change in latest.items():
        english = LEGAL_PAGES[kind][2]
        assert change.new == (english if field == "body" else shipped_spanish(english, "clinic.legalpage.body"))


def privacy_rewording():
    """The English and the Spanish change of the privacy notice's latest rewording."""
    return [shipped(PRIVACY.CHANGES, "clinic.LegalPage", field, kind="privacy") for field in ("body", "body_es")]


def test_each_privacy_rewording_starts_from_the_words_the_one_before_left():
    english, spanish = privacy_rewording()
    assert english.old == shipped(CLINIC.CHANGES, "clinic.LegalPage", "body", kind="privacy").new
    assert spanish.old != spanish.new and spanish.old.startswith("Este aviso explica")


def privacy_page():
    return LegalPage.objects.get(kind="privacy")


def assert_graded_as_a_save_would():
    page = privacy_page()
    graded = (page.reading_grade, page.spanish_reading_ease)
    page.save()
    page.refresh_from_db()
    assert graded == (page.reading_grade, page.spanish_reading_ease) != (None, None)


def test_the_privacy_notice_in_its_shipped_words_is_reworded_in_both_languages_and_back(client, initial_content):
    english, spanish = privacy_rewording()
    assert (privacy_page().body, privacy_page().body_es) == (english.new, spanish.new)  # what a new site ships
    LegalPage.objects.filter(kind="privacy").update(
        body=english.old, body_es=spanish.old, reading_grade=None, spanish_reading_ease=None
    )
    clear_public_pages()
    assert "18 or older" not in text(soup(client.get("/privacy/")).main)
    assert "18 años o más" not in text(soup(client.get("/es/privacy/")).main)

    run(PRIVACY)
    assert (privacy_page().body, privacy_page().body_es) == (english.new, spanish.new)
    assert_graded_as_a_save_would()
    shown, shown_es = text(soup(client.get("/privacy/")).main), text(soup(client.get("/es/privacy/")).main)
    assert "whether you are 18 or older" in shown and "cancel a call back" in shown
    assert "si tiene 18 años o más" in shown_es and "cancelar una llamada de regreso" in shown_es

    run(PRIVACY, "backwards")
    assert (privacy_page().body, privacy_page().body_es) == (english.old, spanish.old)
    assert_graded_as_a_save_would()
    assert "18 or older" not in text(soup(client.get("/privacy/")).main)


def test_a_privacy_notice_staff_edited_keeps_their_words_in_each_language(initial_content):
    english, spanish = privacy_rewording()
    LegalPage.objects.filter(kind="privacy").update(body="Our own notice.", body_es=spanish.old)
    run(PRIVACY)
    assert (privacy_page().body, privacy_page().body_es) == ("Our own notice.", spanish.new)

    LegalPage.objects.filter(kind="privacy").update(body=english.old, body_es="Nuestro propio aviso.")
    run(PRIVACY)
    assert (privacy_page().body, privacy_page().body_es) == (english.new, "Nuestro propio aviso.")

    run(PRIVACY, "backwards")  # back to the old shipped words only where the new ones are still there
    assert (privacy_page().body, privacy_page().body_es) == (english.old, "Nuestro propio aviso.")
    LegalPage.objects.filter(kind="privacy").update(body="Our own notice.", body_es="")
    run(PRIVACY)
    run(PRIVACY, "backwards")
    assert (privacy_page().body, privacy_page().body_es) == ("Our own notice.", "")
