"""The data migration that brings shipped financing copy in line with the brief: it never touches staff edits."""

import importlib
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from financing import initial_content
from financing.models import FinancingFaq, FinancingPlan, FinancingProgram

pytestmark = pytest.mark.django_db
migration = importlib.import_module("financing.migrations.0004_financing_copy_in_line_with_the_brief")
OLD, NEW = 0, 1


def run_migration():
    migration.update_copy(apps, SimpleNamespace(connection=connection))


@pytest.fixture
def site_from_before():
    """A site set up before this change, exactly as the loader then shipped it."""
    fields = {field: texts[OLD] for field, texts in migration.PROGRAM_FIELDS.items()}
    program = FinancingProgram.objects.create(name="CareCredit", summary=initial_content.PROGRAM["summary"], **fields)
    for months in (24, 36):
        program.plans.create(kind=FinancingPlan.Kind.FIXED_APR, months=months, minimum_purchase=Decimal("1000.00"))
    program.plans.create(kind=FinancingPlan.Kind.DEFERRED_INTEREST, months=12, minimum_purchase=Decimal("200.00"))
    for question, texts in migration.FAQ_ANSWERS.items():
        FinancingFaq.objects.create(question=question, answer=texts[OLD])
    for question, answer in migration.REMOVED_FAQS.items():
        FinancingFaq.objects.create(question=question, answer=answer)
    return program


def test_the_migration_brings_the_loaders_new_defaults(site_from_before):
    run_migration()
    program = FinancingProgram.objects.get()
    assert program.description == initial_content.DESCRIPTION
    assert program.how_to_apply == initial_content.HOW_TO_APPLY
    assert program.disclosures == initial_content.DISCLOSURES
    assert dict(FinancingFaq.objects.values_list("question", "answer")) == {
        question: answer for question, answer in initial_content.FAQS if question in migration.FAQ_ANSWERS
    }
    assert list(program.plans.filter(kind=FinancingPlan.Kind.FIXED_APR).values_list("minimum_purchase", flat=True)) == [
        None,
        None,
    ]
    assert program.plans.get(kind=FinancingPlan.Kind.DEFERRED_INTEREST).minimum_purchase == Decimal("200.00")


def test_the_promise_and_the_unsupported_claim_are_gone(site_from_before):
    run_migration()
    words = " ".join(FinancingFaq.objects.values_list("answer", flat=True))
    assert "clears the balance in time" not in words
    assert "CareCredit pays the clinic" not in words


def test_staff_edits_are_never_overwritten(site_from_before):
    site_from_before.description = "Our own words about CareCredit."
    site_from_before.save()
    FinancingFaq.objects.filter(question="Who do I pay each month?").update(answer="You pay CareCredit. Ask us.")
    kept_question = "Is the monthly payment on this page what I will pay?"
    FinancingFaq.objects.filter(question=kept_question).update(answer="It is an estimate only.")
    confirmed = site_from_before.plans.get(months=24)
    confirmed.apr = Decimal("14.90")
    confirmed.save()
    run_migration()
    program = FinancingProgram.objects.get()
    assert program.description == "Our own words about CareCredit."
    assert program.disclosures == initial_content.DISCLOSURES  # an unedited field of the same record is updated
    assert FinancingFaq.objects.get(question="Who do I pay each month?").answer == "You pay CareCredit. Ask us."
    assert FinancingFaq.objects.get(question=kept_question).answer == "It is an estimate only."
    assert program.plans.get(months=24).minimum_purchase == Decimal("1000.00")  # APR entered: staff confirmed it


def test_text_saved_unchanged_through_a_browser_form_still_counts_as_shipped(site_from_before):
    site_from_before.how_to_apply = migration.PROGRAM_FIELDS["how_to_apply"][OLD].replace("\n", "\r\n")
    site_from_before.save()
    run_migration()
    assert FinancingProgram.objects.get().how_to_apply == initial_content.HOW_TO_APPLY


def test_running_it_again_changes_nothing(site_from_before):
    run_migration()
    before = list(FinancingFaq.objects.values_list("question", "answer")), FinancingProgram.objects.values().get()
    run_migration()
    assert (list(FinancingFaq.objects.values_list("question", "answer")), FinancingProgram.objects.values().get()) == (
        before
    )
