"""CareCredit as the clinic's financing partner, from the public facts in the brief (publishing.shipped).

Its words are kept in step with these wherever staff have not changed them. Plan terms are data that staff
keep in line with CareCredit: plans are created with the program and never changed.
"""

from decimal import Decimal

from publishing.shipped import Shipped, load_shipped

from .models import FinancingFaq, FinancingPlan, FinancingProgram

DESCRIPTION = """\
CareCredit comes from Synchrony, not from the clinic. It is a credit card, not insurance.

We are glad to answer your questions about using it here.
"""

HOW_TO_APPLY = """\
1. **See if you prequalify** with the button below.
2. **Apply** online with CareCredit. You need credit approval.
3. **Choose a plan** from the ones offered here.
4. **Keep track of the end date** of any promotional period.
"""

DISCLOSURES = """\
- Subject to credit approval. Minimum monthly payments are required.
- **No interest if paid in full** plans: interest is charged to your account **from the purchase
  date** if the promotional balance is not paid in full within the promotional period.
- Reduced-APR plans with fixed monthly payments are for larger purchases.
- Not every provider offers every plan.
- Terms can change.
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

# (kind, months, minimum purchase, ordering). The brief gives the $200 minimum of the promotional plans;
# the fixed-payment plans' minimums and APRs are left for staff to enter once CareCredit confirms them.
PLANS = [
    (FinancingPlan.Kind.DEFERRED_INTEREST, 6, "200.00", 10),
    (FinancingPlan.Kind.DEFERRED_INTEREST, 12, "200.00", 20),
    (FinancingPlan.Kind.DEFERRED_INTEREST, 18, "200.00", 30),
    (FinancingPlan.Kind.DEFERRED_INTEREST, 24, "200.00", 40),
    (FinancingPlan.Kind.FIXED_APR, 24, None, 50),
    (FinancingPlan.Kind.FIXED_APR, 36, None, 60),
    (FinancingPlan.Kind.FIXED_APR, 48, None, 70),
    (FinancingPlan.Kind.FIXED_APR, 60, None, 80),
]

FAQS = [
    (
        "prequalifying",
        "Is there a credit check when I see if I prequalify?",
        "Yes. Prequalifying is a soft credit check.",
    ),
    (
        "insurance",
        "Can I use CareCredit with insurance?",
        "Ask us what applies to you. Spravato is often covered by insurance, usually after prior authorization.",
    ),
    ("who-to-pay", "Do I have to make monthly payments?", "Yes. Minimum monthly payments are required."),
]

PROGRAM_WORDS = ("summary", "description", "how_to_apply", "disclosures")

SHIPPED = [
    Shipped(
        "financing-program:carecredit",
        FinancingProgram,
        words={name: PROGRAM[name] for name in PROGRAM_WORDS},
        initial={name: value for name, value in PROGRAM.items() if name not in PROGRAM_WORDS},
        find={"name": PROGRAM["name"]},
    ),
    *(
        Shipped(
            f"financing-faq:{key}",
            FinancingFaq,
            words={"question": question, "answer": answer},
            initial={"ordering": ordering * 10},
            find={"question": question},
        )
        for ordering, (key, question, answer) in enumerate(FAQS, start=1)
    ),
]


def load_initial_content():
    loaded = load_shipped(SHIPPED)
    for program in [record for record in loaded.created if isinstance(record, FinancingProgram)]:
        for kind, months, minimum, ordering in PLANS:
            minimum_purchase = Decimal(minimum) if minimum else None
            plan = program.plans.create(kind=kind, months=months, minimum_purchase=minimum_purchase, ordering=ordering)
            loaded.created.append(plan)
    return loaded
