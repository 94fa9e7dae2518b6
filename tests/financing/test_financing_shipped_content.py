"""Shipped financing copy: only what the brief supports, kept in step with the release where staff left it alone."""

import dataclasses
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from financing import initial_content as financing_content
from financing.models import FinancingFaq, FinancingPlan, FinancingProgram
from translation import catalogues

pytestmark = pytest.mark.django_db
FIXED = FinancingPlan.Kind.FIXED_APR
NEW_DISCLOSURES = "- Subject to credit approval.\n- Terms can change.\n"


def published_faqs():
    return dict(FinancingFaq.objects.published().values_list("question", "answer"))


@pytest.mark.usefixtures("initial_content")
def test_a_new_site_ships_no_promise_no_unsupported_claim_and_no_unconfirmed_minimum():
    words = " ".join(published_faqs().values())
    assert "clears the balance in time" not in words and "CareCredit pays the clinic" not in words
    assert published_faqs() == {question: answer for _, question, answer in financing_content.FAQS}
    assert set(FinancingPlan.objects.filter(kind=FIXED).values_list("minimum_purchase", flat=True)) == {None}
    assert set(FinancingPlan.objects.exclude(kind=FIXED).values_list("minimum_purchase", flat=True)) == {
        Decimal("200.00")
    }


@pytest.mark.usefixtures("initial_content")
def test_a_release_rewords_untouched_fields_and_never_staff_edits(monkeypatch):
    program = FinancingProgram.objects.get()
    program.description = "Our own words about CareCredit."
    program.save()
    FinancingFaq.objects.filter(question="Do I have to make monthly payments?").update(answer="Yes. Ask us.")
    confirmed = program.plans.get(months=24, kind=FIXED)
    confirmed.apr, confirmed.minimum_purchase = Decimal("14.90"), Decimal("1000.00")
    confirmed.save()

    (shipped_program, *faqs) = financing_content.SHIPPED
    new_words = {"description": "Synchrony's card, not insurance.", "disclosures": NEW_DISCLOSURES}
    new_program = dataclasses.replace(shipped_program, words={**shipped_program.words, **new_words})
    new_faqs = [
        dataclasses.replace(faq, words={**faq.words, "answer": "You pay CareCredit each month."}) for faq in faqs
    ]
    monkeypatch.setattr(financing_content, "SHIPPED", [new_program, *new_faqs])
    shipped = {
        **catalogues._shipped_catalogue(),
        ("financing.financingprogram.disclosures", NEW_DISCLOSURES): "- Nuevo.",
    }
    monkeypatch.setattr(catalogues, "_shipped_catalogue", lambda: shipped)
    call_command("load_initial_content", stdout=io.StringIO())

    program.refresh_from_db()
    assert program.description == "Our own words about CareCredit."
    assert (program.disclosures, program.disclosures_es) == (NEW_DISCLOSURES, "- Nuevo.")  # the same record's
    assert published_faqs()["Do I have to make monthly payments?"] == "Yes. Ask us."
    assert published_faqs()["Is there a credit check when I see if I prequalify?"] == "You pay CareCredit each month."
    assert program.plans.get(pk=confirmed.pk).minimum_purchase == Decimal("1000.00")  # plan terms are staff's
    assert program.plans.count() == len(financing_content.PLANS)
