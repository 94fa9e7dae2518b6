"""CareCredit as the clinic's financing partner, from the public facts in the brief.

Plan terms are data that staff keep in line with CareCredit; nothing here is overwritten once created.
"""

from decimal import Decimal

from .models import FinancingFaq, FinancingPlan, FinancingProgram

DESCRIPTION = """\
CareCredit is a health care credit card from Synchrony. You can use it to pay for treatment here
and pay the cost over time, in monthly payments.

- **It is a credit card**, so it needs a credit application and is subject to credit approval.
- **It is not insurance**, and it is not a discount plan.
- **It is not run by the clinic.** CareCredit decides who is approved and on what terms. We are
  glad to answer questions about using it here.
"""

HOW_TO_APPLY = """\
1. **See if you prequalify.** This is a soft credit check, so it does not affect your credit score.
2. **Apply** online with CareCredit, or ask us and we will walk you through it.
3. **Pick a plan** when you pay, from the plans your purchase qualifies for.
4. **Pay monthly** to CareCredit. Keep track of the end date of any promotional period.
"""

DISCLOSURES = """\
- Subject to credit approval. Minimum monthly payments are required.
- **No interest if paid in full** plans: interest is charged to your account **from the purchase
  date** if the promotional balance is not paid in full within the promotional period.
- Reduced-APR fixed-payment plans are for larger purchases. Their APR is set by CareCredit.
- Not every plan is available for every purchase, and not every provider offers every plan.
- Terms can change. CareCredit's own terms at the time you apply are the ones that apply.
"""

PROGRAM = {
    "name": "CareCredit",
    "summary": "We partner with CareCredit, a health care credit card, so you can pay for treatment over time.",
    "description": DESCRIPTION,
    "how_to_apply": HOW_TO_APPLY,
    "disclosures": DISCLOSURES,
    "prequalify_url": "https://www.carecredit.com/apply/",
    "apply_url": "https://www.carecredit.com/apply/",
}

# (kind, months, minimum purchase, ordering). Fixed-plan minimums and APRs: confirm with CareCredit.
PLANS = [
    (FinancingPlan.Kind.DEFERRED_INTEREST, 6, "200.00", 10),
    (FinancingPlan.Kind.DEFERRED_INTEREST, 12, "200.00", 20),
    (FinancingPlan.Kind.DEFERRED_INTEREST, 18, "200.00", 30),
    (FinancingPlan.Kind.DEFERRED_INTEREST, 24, "200.00", 40),
    (FinancingPlan.Kind.FIXED_APR, 24, "1000.00", 50),
    (FinancingPlan.Kind.FIXED_APR, 36, "1000.00", 60),
    (FinancingPlan.Kind.FIXED_APR, 48, "1000.00", 70),
    (FinancingPlan.Kind.FIXED_APR, 60, "1000.00", 80),
]

FAQS = [
    (
        "Does checking if I prequalify hurt my credit?",
        "No. Prequalifying is a soft credit check. It does not affect your credit score.",
    ),
    (
        "What does “no interest if paid in full” mean?",
        "If you pay the whole purchase off before the promotional period ends, you pay no interest. "
        "If any of it is left when the period ends, interest is charged **from the purchase date** "
        "on the full amount. Paying the estimated monthly amount on this page each month clears the "
        "balance in time.",
    ),
    (
        "Is the monthly payment on this page what I will pay?",
        "No, it is an estimate to help you plan. CareCredit sets your actual minimum payment and terms "
        "when you are approved.",
    ),
    (
        "Can I use CareCredit with insurance?",
        "CareCredit is not insurance. Some treatments, such as Spravato, are often covered by insurance, "
        "usually after prior authorization. Call us and we will help you sort out what applies to you.",
    ),
    (
        "Who do I pay each month?",
        "You pay CareCredit, not the clinic. CareCredit pays the clinic for your treatment.",
    ),
]


def load_initial_content():
    program, created = FinancingProgram.objects.get_or_create(name=PROGRAM["name"], defaults=PROGRAM)
    count = int(created)
    if created:
        for kind, months, minimum, ordering in PLANS:
            program.plans.create(kind=kind, months=months, minimum_purchase=Decimal(minimum), ordering=ordering)
            count += 1
    for ordering, (question, answer) in enumerate(FAQS, start=1):
        _, faq_created = FinancingFaq.objects.get_or_create(
            question=question, defaults={"answer": answer, "ordering": ordering * 10}
        )
        count += faq_created
    return count
