"""The migration that brings shipped financing copy in line with the brief: it never touches staff edits."""

import importlib
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from core.shipped_content import reword_operations
from financing import initial_content
from financing.models import FinancingFaq, FinancingPlan, FinancingProgram

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module("financing.migrations.0005_financing_copy_in_line_with_the_brief")
FIXED = FinancingPlan.Kind.FIXED_APR


def run(direction="forwards"):
    forwards, backwards = reword_operations(MIGRATION.CHANGES)
    (forwards if direction == "forwards" else backwards)(apps, SimpleNamespace(connection=connection))


def changes(model, field):
    return [change for change in MIGRATION.CHANGES if change.model == f"financing.{model}" and change.field == field]


@pytest.fixture
def site_from_before(empty_site):
    """A site set up before this change, as the loader then shipped it (none of today's content)."""
    old_fields = {
        change.field: change.old for change in MIGRATION.CHANGES if change.model == "financing.FinancingProgram"
    }
    program = FinancingProgram.objects.create(
        name="CareCredit", summary=initial_content.PROGRAM["summary"], **old_fields
    )
    for months in (24, 36):
        program.plans.create(kind=FIXED, months=months, minimum_purchase=Decimal("1000.00"))
    program.plans.create(kind=FinancingPlan.Kind.DEFERRED_INTEREST, months=12, minimum_purchase=Decimal("200.00"))
    for change in changes("FinancingFaq", "answer"):
        FinancingFaq.objects.create(answer=change.old, **change.where)
    for change in changes("FinancingFaq", "is_published"):
        FinancingFaq.objects.create(**change.where)
    return program


def published_faqs():
    return dict(FinancingFaq.objects.published().values_list("question", "answer"))


def test_a_site_in_the_shipped_words_ends_in_the_words_a_new_site_ships_with(site_from_before):
    run()
    program = FinancingProgram.objects.get()
    assert (program.description, program.how_to_apply, program.disclosures) == (
        initial_content.DESCRIPTION,
        initial_content.HOW_TO_APPLY,
        initial_content.DISCLOSURES,
    )
    shipped_now = dict(initial_content.FAQS)
    assert published_faqs() == {question: shipped_now[question] for question in published_faqs()}
    assert set(published_faqs()) == {change.where["question"] for change in changes("FinancingFaq", "answer")}
    assert list(program.plans.filter(kind=FIXED).values_list("minimum_purchase", flat=True)) == [None, None]
    assert program.plans.get(months=12).minimum_purchase == Decimal("200.00")


def test_the_promise_and_the_unsupported_claim_are_no_longer_shown(site_from_before):
    run()
    words = " ".join(published_faqs().values())
    assert "clears the balance in time" not in words
    assert "CareCredit pays the clinic" not in words


def test_staff_edits_are_never_overwritten(site_from_before):
    site_from_before.description = "Our own words about CareCredit."
    site_from_before.save()
    FinancingFaq.objects.filter(question="Who do I pay each month?").update(answer="You pay CareCredit. Ask us.")
    kept = "Is the monthly payment on this page what I will pay?"
    FinancingFaq.objects.filter(question=kept).update(answer="It is an estimate only.")
    confirmed = site_from_before.plans.get(months=24)
    confirmed.apr = Decimal("14.90")
    confirmed.save()
    run()
    program = FinancingProgram.objects.get()
    assert program.description == "Our own words about CareCredit."
    assert program.disclosures == initial_content.DISCLOSURES  # an unedited field of the same record is updated
    assert published_faqs()["Who do I pay each month?"] == "You pay CareCredit. Ask us."
    assert published_faqs()[kept] == "It is an estimate only."
    assert program.plans.get(months=24).minimum_purchase == Decimal("1000.00")  # APR entered: staff confirmed it


def test_it_can_be_undone_and_run_again(site_from_before):
    before = published_faqs(), FinancingProgram.objects.values("description", "how_to_apply", "disclosures").get()
    run()
    run("backwards")
    assert (published_faqs(), FinancingProgram.objects.values("description", "how_to_apply", "disclosures").get()) == (
        before
    )
    assert set(FinancingPlan.objects.filter(kind=FIXED).values_list("minimum_purchase", flat=True)) == {
        Decimal("1000.00")
    }
