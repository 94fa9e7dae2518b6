"""A content rewording migration changes a site's records only where they still hold the shipped words."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from clinic.models import LegalPage
from core.content_cache import clear_public_pages
from core.shipped_content import reword_operations
from tests.factories import FaqFactory
from tests.markup import soup, text
from treatments.models import Faq, Route, Treatment

pytestmark = pytest.mark.django_db

TREATMENTS = importlib.import_module("treatments.migrations.0005_reword_shipped_content")
CLINIC = importlib.import_module("clinic.migrations.0006_reword_privacy_and_accessibility")
SCHEMA_EDITOR = SimpleNamespace(connection=connection)


def shipped(changes, model, field, **where):
    return next(
        change
        for change in changes
        if change.model == model and change.field == field and all(change.where.get(k) == v for k, v in where.items())
    )


def run(migration, direction="forwards"):
    forwards, backwards = reword_operations(migration.CHANGES)
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
    for change in CLINIC.CHANGES:
        assert LEGAL_PAGES[change.where["kind"]][2] == change.new
