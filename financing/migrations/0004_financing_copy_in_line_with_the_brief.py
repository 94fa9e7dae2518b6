"""Bring the shipped financing copy in line with the brief, on sites where staff have not reworded it.

The initial-content loader never changes a record it has created, so copy shipped before this change
is updated here, and only where it still reads exactly as shipped (line endings and surrounding spaces
aside). Anything staff have edited is left as it is. What changed and why:

- "What CareCredit is", "How to apply", "Important terms": each fact once on the page; no claims the
  brief does not make (such as a fixed-payment plan's APR being set "when you apply").
- FAQ "What does no interest if paid in full mean?" removed: it repeated the terms and promised that
  paying the estimate each month clears the balance in time.
- FAQ "Is the monthly payment on this page what I will pay?" removed: the estimator says it.
- FAQ "Who do I pay each month?" no longer says CareCredit pays the clinic (not in the brief).
- FAQ "Can I use CareCredit with insurance?" no longer implies treatments other than Spravato are covered.
- The fixed-payment plans' $1,000.00 minimum was never confirmed (the brief says "larger purchases"):
  cleared where it is still the shipped figure and no APR has been entered, so the page says "Ask us".
"""

from decimal import Decimal

from django.db import migrations

from core.content_cache import clear_public_pages

PROGRAM_FIELDS = {
    "description": (
        """\
CareCredit is a health care credit card from Synchrony. You can use it to pay for treatment here
and pay the cost over time, in monthly payments.

- **It is a credit card**, so it needs a credit application and is subject to credit approval.
- **It is not insurance**, and it is not a discount plan.
- **It is not run by the clinic.** CareCredit decides who is approved and on what terms. We are
  glad to answer questions about using it here.
""",
        """\
CareCredit comes from Synchrony, not from the clinic. It is a credit card, not insurance.

We are glad to answer your questions about using it here.
""",
    ),
    "how_to_apply": (
        """\
1. **See if you prequalify.** This is a soft credit check, so it does not affect your credit score.
2. **Apply** online with CareCredit, or ask us and we will walk you through it.
3. **Pick a plan** when you pay, from the plans your purchase qualifies for.
4. **Pay monthly** to CareCredit. Keep track of the end date of any promotional period.
""",
        """\
1. **See if you prequalify** with the button below.
2. **Apply** online with CareCredit, or ask us and we will help.
3. **Choose a plan** when you pay for your treatment.
4. **Keep track of the end date** of any promotional period.
""",
    ),
    "disclosures": (
        """\
- Subject to credit approval. Minimum monthly payments are required.
- **No interest if paid in full** plans: interest is charged to your account **from the purchase
  date** if the promotional balance is not paid in full within the promotional period.
- Reduced-APR fixed-payment plans are for larger purchases. Their APR is set by CareCredit.
- Not every plan is available for every purchase, and not every provider offers every plan.
- Terms can change. CareCredit's own terms at the time you apply are the ones that apply.
""",
        """\
- Subject to credit approval. Minimum monthly payments are required.
- **No interest if paid in full** plans: interest is charged to your account **from the purchase
  date** if the promotional balance is not paid in full within the promotional period.
- Reduced-APR plans with fixed monthly payments are for larger purchases.
- Not every provider offers every plan.
- Terms can change. CareCredit's terms at the time you apply are the ones that count.
""",
    ),
}
FAQ_ANSWERS = {
    'Who do I pay each month?': (
        'You pay CareCredit, not the clinic. CareCredit pays the clinic for your treatment.',
        'You pay CareCredit, not the clinic.',
    ),
    'Can I use CareCredit with insurance?': (
        'CareCredit is not insurance. Some treatments, such as Spravato, are often covered by insurance, usually after prior authorization. Call us and we will help you sort out what applies to you.',
        'Ask us what applies to you. Spravato is often covered by insurance, usually after prior authorization.',
    ),
}
REMOVED_FAQS = {
    'What does “no interest if paid in full” mean?': 'If you pay the whole purchase off before the promotional period ends, you pay no interest. If any of it is left when the period ends, interest is charged **from the purchase date** on the full amount. Paying the estimated monthly amount on this page each month clears the balance in time.',
    'Is the monthly payment on this page what I will pay?': 'No, it is an estimate to help you plan. CareCredit sets your actual minimum payment and terms when you are approved.',
}
UNCONFIRMED_FIXED_PLAN_MINIMUM = Decimal("1000.00")


def as_shipped(current, shipped):
    return current.replace("\r\n", "\n").strip() == shipped.strip()


def update_copy(apps, schema_editor, *, forwards=True):
    program_model = apps.get_model("financing", "FinancingProgram")
    faq_model = apps.get_model("financing", "FinancingFaq")
    plan_model = apps.get_model("financing", "FinancingPlan")
    changed = 0
    for program in program_model.objects.filter(name="CareCredit"):
        updates = {}
        for field, (old, new) in PROGRAM_FIELDS.items():
            before, after = (old, new) if forwards else (new, old)
            if as_shipped(getattr(program, field), before):
                updates[field] = after
        changed += program_model.objects.filter(pk=program.pk).update(**updates) if updates else 0
    for question, (old, new) in FAQ_ANSWERS.items():
        before, after = (old, new) if forwards else (new, old)
        for faq in faq_model.objects.filter(question=question):
            if as_shipped(faq.answer, before):
                changed += faq_model.objects.filter(pk=faq.pk).update(answer=after)
    for question, answer in REMOVED_FAQS.items():
        if forwards:
            shipped = [faq.pk for faq in faq_model.objects.filter(question=question) if as_shipped(faq.answer, answer)]
            changed += faq_model.objects.filter(pk__in=shipped).delete()[0]
    fixed_plans = plan_model.objects.filter(kind="fixed_apr", apr__isnull=True)
    if forwards:
        changed += fixed_plans.filter(minimum_purchase=UNCONFIRMED_FIXED_PLAN_MINIMUM).update(minimum_purchase=None)
    else:
        changed += fixed_plans.filter(minimum_purchase__isnull=True).update(minimum_purchase=UNCONFIRMED_FIXED_PLAN_MINIMUM)
    if changed:
        clear_public_pages(using=schema_editor.connection.alias)


def update_copy_backwards(apps, schema_editor):
    update_copy(apps, schema_editor, forwards=False)  # removed FAQs stay removed


class Migration(migrations.Migration):
    dependencies = [("financing", "0003_plan_minimum_purchase_may_wait_for_carecredit")]

    operations = [migrations.RunPython(update_copy, update_copy_backwards)]
