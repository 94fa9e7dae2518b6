"""Financing copy says each fact once per page and only what the brief supports.

Changes only records still in their shipped words (content.shipped_content): staff edits stay as they are.
- "What CareCredit is", "How to apply", "Important terms": each fact once; no claim the brief does not
  make (such as a fixed-payment plan's APR being set by CareCredit "when you apply").
- FAQ "What does no interest if paid in full mean?" unpublished: it repeated the terms and promised that
  paying the estimate each month clears the balance in time. FAQ "Is the monthly payment on this page
  what I will pay?" unpublished: the estimator says it.
- FAQ "Who do I pay each month?" no longer says CareCredit pays the clinic; "Can I use CareCredit with
  insurance?" no longer implies treatments other than Spravato are covered.
- The fixed-payment plans' $1,000.00 minimum was never confirmed (the brief says "larger purchases"):
  cleared while no APR has been entered either, so the page says "Ask us" and the estimator leaves them out.
"""

from decimal import Decimal

from django.db import migrations

from content.shipped_content import Reword, reword_operations

CHANGES = [
    Reword(
        model="financing.FinancingProgram",
        field="description",
        old=(
            'CareCredit is a health care credit card from Synchrony. You can use it to pay for treatment here\n'
            'and pay the cost over time, in monthly payments.\n'
            '\n'
            '- **It is a credit card**, so it needs a credit application and is subject to credit approval.\n'
            '- **It is not insurance**, and it is not a discount plan.\n'
            '- **It is not run by the clinic.** CareCredit decides who is approved and on what terms. We are\n'
            '  glad to answer questions about using it here.\n'
        ),
        new=(
            'CareCredit comes from Synchrony, not from the clinic. It is a credit card, not insurance.\n'
            '\n'
            'We are glad to answer your questions about using it here.\n'
        ),
        where={"name": "CareCredit"},
    ),
    Reword(
        model="financing.FinancingProgram",
        field="how_to_apply",
        old=(
            '1. **See if you prequalify.** This is a soft credit check, so it does not affect your credit score.\n'
            '2. **Apply** online with CareCredit, or ask us and we will walk you through it.\n'
            '3. **Pick a plan** when you pay, from the plans your purchase qualifies for.\n'
            '4. **Pay monthly** to CareCredit. Keep track of the end date of any promotional period.\n'
        ),
        new=(
            '1. **See if you prequalify** with the button below.\n'
            '2. **Apply** online with CareCredit, or ask us and we will help.\n'
            '3. **Choose a plan** when you pay for your treatment.\n'
            '4. **Keep track of the end date** of any promotional period.\n'
        ),
        where={"name": "CareCredit"},
    ),
    Reword(
        model="financing.FinancingProgram",
        field="disclosures",
        old=(
            '- Subject to credit approval. Minimum monthly payments are required.\n'
            '- **No interest if paid in full** plans: interest is charged to your account **from the purchase\n'
            '  date** if the promotional balance is not paid in full within the promotional period.\n'
            '- Reduced-APR fixed-payment plans are for larger purchases. Their APR is set by CareCredit.\n'
            '- Not every plan is available for every purchase, and not every provider offers every plan.\n'
            "- Terms can change. CareCredit's own terms at the time you apply are the ones that apply.\n"
        ),
        new=(
            '- Subject to credit approval. Minimum monthly payments are required.\n'
            '- **No interest if paid in full** plans: interest is charged to your account **from the purchase\n'
            '  date** if the promotional balance is not paid in full within the promotional period.\n'
            '- Reduced-APR plans with fixed monthly payments are for larger purchases.\n'
            '- Not every provider offers every plan.\n'
            "- Terms can change. CareCredit's terms at the time you apply are the ones that count.\n"
        ),
        where={"name": "CareCredit"},
    ),
    Reword(
        model="financing.FinancingFaq",
        field="answer",
        old='You pay CareCredit, not the clinic. CareCredit pays the clinic for your treatment.',
        new='You pay CareCredit, not the clinic.',
        where={"question": 'Who do I pay each month?'},
    ),
    Reword(
        model="financing.FinancingFaq",
        field="answer",
        old='CareCredit is not insurance. Some treatments, such as Spravato, are often covered by insurance, usually after prior authorization. Call us and we will help you sort out what applies to you.',
        new='Ask us what applies to you. Spravato is often covered by insurance, usually after prior authorization.',
        where={"question": 'Can I use CareCredit with insurance?'},
    ),
    Reword(
        model="financing.FinancingFaq",
        field="is_published",
        old=True,
        new=False,
        where={"question": 'What does “no interest if paid in full” mean?', "answer": 'If you pay the whole purchase off before the promotional period ends, you pay no interest. If any of it is left when the period ends, interest is charged **from the purchase date** on the full amount. Paying the estimated monthly amount on this page each month clears the balance in time.'},
    ),
    Reword(
        model="financing.FinancingFaq",
        field="is_published",
        old=True,
        new=False,
        where={"question": 'Is the monthly payment on this page what I will pay?', "answer": 'No, it is an estimate to help you plan. CareCredit sets your actual minimum payment and terms when you are approved.'},
    ),
    Reword(
        model="financing.FinancingPlan",
        field="minimum_purchase",
        old=Decimal("1000.00"),
        new=None,
        where={"kind": "fixed_apr", "apr__isnull": True},
    ),
]


class Migration(migrations.Migration):
    dependencies = [("financing", "0004_plan_minimum_purchase_may_wait_for_carecredit")]

    operations = [migrations.RunPython(*reword_operations(CHANGES))]
