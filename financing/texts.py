"""The fixed words of /financing/, its payment estimator and the home page's financing teaser.

The program's own copy (what it is, how to apply, its terms), its plans and the FAQs are records staff
edit in the financing section of admin; these are the words around them.
"""

from sitetext.registry import Preview, Text, at

PAGE = "Financing page"
ESTIMATOR = "Financing page: payment estimator"
HOME = "Home page"
COSTS = "Costs page"  # the treatments app's /costs/ shows the home page's financing section too

CALL_US = "Call us at [{phone}](tel:{phone_e164})"
PHONE = ("phone", "phone_e164")
PHONE_HELP = "{phone} is the clinic's phone number; keep [{phone}](tel:{phone_e164}) so it stays a link."

TEXTS = [
    # The page
    Text(
        "financing.title",
        PAGE,
        "Browser tab title",
        "Paying for care with {program}",
        placeholders=("program",),
        help="{program} is the financing partner's name.",
    ),
    Text(
        "financing.description",
        PAGE,
        "Description for search results",
        "Pay for ketamine treatment over time with {program}: the plans, how to apply, and a payment estimate.",
        placeholders=("program",),
    ),
    Text("financing.heading", PAGE, "Main heading", "Paying for care"),
    Text(
        "financing.what.heading",
        PAGE,
        "Heading above the program's description",
        "What {program} is",
        placeholders=("program",),
    ),
    Text("financing.apply.heading", PAGE, "Heading of the “how to apply” box", "How to apply"),
    Text("financing.apply.button", PAGE, "Prequalify button", "See if you prequalify"),
    Text(
        "financing.apply.button_where",
        PAGE,
        "Prequalify button: words read out by screen readers only, after the button's words",
        "on {program}’s website",
        placeholders=("program",),
    ),
    Text(
        "financing.apply.questions",
        PAGE,
        "Under the prequalify button",
        "Questions? " + CALL_US + ".",
        markdown=True,
        placeholders=PHONE,
        help=PHONE_HELP,
    ),
    Text("financing.plans.heading", PAGE, "Heading of the plans section", "Plans offered here"),
    # Wherever a page says "no interest if paid in full", this follows: the home page's teaser, the plans table,
    # an estimate on such a plan.
    Text(
        "financing.deferred_interest_warning",
        PAGE,
        "Warning after every “no interest if paid in full” (home and costs pages, plans table, estimate)",
        "If the balance is not paid in full in time, interest is charged from the purchase date.",
        help="Keep what it says: without it, “no interest” would promise more than the plans do.",
        also_on=(HOME, COSTS),
    ),
    Text(
        "financing.plans.deferred_interest",
        PAGE,
        "Plans table: heading of the “no interest if paid in full” plans",
        "No interest if paid in full within the plan length",
    ),
    Text(
        "financing.plans.fixed_apr",
        PAGE,
        "Plans table: heading of the fixed-payment plans",
        "Reduced APR, fixed monthly payments",
    ),
    Text("financing.plans.length_column", PAGE, "Plans table: column of plan lengths", "Plan length"),
    Text("financing.plans.minimum_column", PAGE, "Plans table: column of minimum purchases", "For purchases of"),
    Text("financing.plans.apr_column", PAGE, "Plans table: column of APRs (fixed-payment plans)", "APR"),
    Text("financing.plans.months", PAGE, "Plans table: a plan's length", "{months} months", placeholders=("months",)),
    Text(
        "financing.plans.minimum",
        PAGE,
        "Plans table: a plan's minimum purchase",
        "{minimum} or more",
        placeholders=("minimum",),
        help="{minimum} is the plan's minimum purchase, such as $200.",
    ),
    Text("financing.plans.apr", PAGE, "Plans table: a plan's APR", "{apr}%", placeholders=("apr",)),
    Text(
        "financing.plans.ask_us",
        PAGE,
        "Plans table: in place of an APR not entered yet (such plans are left out of the estimator)",
        "Ask us: [{phone}](tel:{phone_e164})",
        markdown=True,
        placeholders=PHONE,
        help=PHONE_HELP,
    ),
    Text(
        "financing.plans.none",
        PAGE,
        "Plans section when no plan is listed",
        "No plans are listed right now. " + CALL_US + " to talk about ways to pay.",
        markdown=True,
        placeholders=PHONE,
        help=PHONE_HELP,
    ),
    Text("financing.terms.heading", PAGE, "Heading above the program's terms", "Important terms"),
    Text("financing.faq.heading", PAGE, "Heading of the questions section", "Questions about paying"),
    Text(
        "financing.no_program",
        PAGE,
        "The whole page while no financing program is shown on the site",
        "Financing details are being updated. " + CALL_US + " to talk about ways to pay.",
        markdown=True,
        placeholders=PHONE,
        help=PHONE_HELP,
    ),
    # Plan names, wherever a plan is named to patients (estimator list, estimate). Staff see other names in admin.
    Text(
        "financing.plan.deferred_interest",
        PAGE,
        "Name of a “no interest if paid in full” plan",
        "{months} months, no interest if paid in full",
        placeholders=("months",),
    ),
    Text(
        "financing.plan.fixed_apr",
        PAGE,
        "Name of a fixed-payment plan",
        "{months} months, fixed monthly payments",
        placeholders=("months",),
    ),
    # The estimator
    Text("financing.estimate.heading", ESTIMATOR, "Heading", "Estimate a monthly payment"),
    Text(
        "financing.estimate.intro",
        ESTIMATOR,
        "Explanation above the form",
        "Enter a cost and choose a plan. You will see an estimate to help you plan. It is not an offer of "
        "credit: {program} sets your actual payment and terms if you are approved.",
        placeholders=("program",),
    ),
    Text(
        "financing.estimate.left_out",
        ESTIMATOR,
        "Under the form, when some listed plans are not in the estimator (their APR is not entered)",
        "Plans marked “Ask us” in the table above are not in this estimate.",
    ),
    Text(
        "financing.estimate.unavailable",
        ESTIMATOR,
        "In place of the form, when no listed plan can be estimated",
        "We cannot estimate a payment online right now. " + CALL_US + " to talk about ways to pay.",
        markdown=True,
        placeholders=PHONE,
        help=PHONE_HELP,
    ),
    Text("financing.estimate.amount_label", ESTIMATOR, "Label of the cost box", "Treatment cost in dollars"),
    Text("financing.estimate.amount_help", ESTIMATOR, "Hint under the cost box", "For example $2,500 or 2500.00."),
    Text("financing.estimate.plan_label", ESTIMATOR, "Label of the plan list", "Financing plan"),
    Text("financing.estimate.plan_choose", ESTIMATOR, "First entry of the plan list", "Choose a plan"),
    Text(
        "financing.estimate.plan_option",
        ESTIMATOR,
        "A plan in the plan list",
        "{plan} (purchases of {minimum} or more)",
        placeholders=("plan", "minimum"),
        help="{plan} is the plan's name; {minimum} its minimum purchase.",
    ),
    Text("financing.estimate.button", ESTIMATOR, "Button", "Estimate my payment"),
    Text(
        "financing.estimate.errors_heading",
        ESTIMATOR,
        "Heading of the list of mistakes above the form (also starts the browser tab title then)",
        "Please check the estimate form",
    ),
    Text(
        "financing.estimate.error.amount_empty",
        ESTIMATOR,
        "Mistake: no cost entered",
        "Enter the treatment cost.",
    ),
    Text(
        "financing.estimate.error.amount_not_a_number",
        ESTIMATOR,
        "Mistake: the cost is not a number",
        "Enter the cost as a number.",
    ),
    Text(
        "financing.estimate.error.amount_bad_commas",
        ESTIMATOR,
        "Mistake: commas in the wrong place",
        "Check the commas: put one before each group of three digits, or leave them out.",
    ),
    Text(
        "financing.estimate.error.amount_too_many_decimals",
        ESTIMATOR,
        "Mistake: more than two digits after the decimal point",
        "Enter dollars and cents only: at most two digits after the decimal point.",
    ),
    Text(
        "financing.estimate.error.amount_not_positive",
        ESTIMATOR,
        "Mistake: a cost of zero or less",
        "Enter a cost greater than $0.",
    ),
    Text(
        "financing.estimate.error.amount_too_large",
        ESTIMATOR,
        "Mistake: a cost over the estimator's limit",
        "Enter a cost of {maximum} or less.",
        placeholders=("maximum",),
        help="{maximum} is the largest cost the estimator takes.",
    ),
    Text(
        "financing.estimate.error.amount_below_plan",
        ESTIMATOR,
        "Mistake: a cost under the chosen plan's minimum purchase",
        "This plan is for purchases of {minimum} or more. Enter a larger cost or choose another plan.",
        placeholders=("minimum",),
    ),
    Text("financing.estimate.error.plan_empty", ESTIMATOR, "Mistake: no plan chosen", "Choose a financing plan."),
    Text(
        "financing.estimate.error.plan_unknown",
        ESTIMATOR,
        "Mistake: a plan that is not in the list (from an old link)",
        "That plan is not in this estimate. Choose one from the list.",
    ),
    # The estimate. Each phrase stays on one line on a phone, so keep them short.
    Text("financing.result.heading", ESTIMATOR, "Estimate: heading", "Estimated monthly payment"),
    Text(
        "financing.result.per_month",
        ESTIMATOR,
        "Estimate: the payment, in large type",
        "{monthly} a month",
        placeholders=("monthly",),
        help="{monthly} is the estimated payment, such as $125.00.",
    ),
    Text(
        "financing.result.for_months",
        ESTIMATOR,
        "Estimate: after the payment",
        "for {months} months",
        placeholders=("months",),
    ),
    Text(
        "financing.result.cost",
        ESTIMATOR,
        "Estimate: what it was worked out for",
        "For a cost of {amount} on the plan “{plan}”.",
        placeholders=("amount", "plan"),
    ),
    Text(
        "financing.result.deferred_interest",
        ESTIMATOR,
        "Estimate: note for a “no interest if paid in full” plan",
        "To pay no interest, the whole {amount} must be paid off within {months} months.",
        placeholders=("amount", "months"),
        help="The warning about interest from the purchase date follows it.",
    ),
    Text(
        "financing.result.fixed_apr",
        ESTIMATOR,
        "Estimate: note for a fixed-payment plan",
        "At {apr}% APR, that is about {interest} in interest and {total} in all.",
        placeholders=("apr", "interest", "total"),
    ),
    Text(
        "financing.result.rounding",
        ESTIMATOR,
        "Estimate: small print",
        "Payments here are rounded up to the next cent.",
    ),
    # The home page
    Text(
        "home.financing_teaser.plans",
        HOME,
        "Financing section (also on the costs page): the promotional plans, after the program's summary",
        "Plans include no interest if paid in full within {months} months on purchases of {minimum} or more, "
        "subject to credit approval.",
        placeholders=("months", "minimum"),
        help="{months} lists the plan lengths, such as “6, 12, 18 or 24”; {minimum} is the lowest minimum purchase.",
        also_on=(COSTS,),
    ),
    Text(
        "home.financing_teaser.or",
        HOME,
        "Financing section (also on the costs page): the word before the last plan length, as in “6, 12, 18 or 24”",
        "or",
        also_on=(COSTS,),
    ),
    Text(
        "home.financing_teaser.button",
        HOME,
        "Financing section (also on the costs page): button",
        "See financing options and estimate a payment",
        also_on=(COSTS,),
    ),
    Text(
        "home.financing_teaser.no_program",
        HOME,
        "Financing section (also on the costs page) while no financing program is shown on the site",
        "Ask us about ways to pay for treatment. " + CALL_US + ".",
        markdown=True,
        placeholders=PHONE,
        help=PHONE_HELP,
        also_on=(COSTS,),
    ),
]


def estimator_showing(key: str) -> str:
    """The financing page, with an estimate worked out for the words of a result, or a mistake for an error's."""
    from django.urls import reverse

    from .models import FinancingPlan

    page = reverse("financing:index")
    plan = FinancingPlan.objects.estimable().filter(program__is_active=True).first()
    if key.startswith("financing.result.") and plan is not None:
        return f"{page}?amount=2500&plan={plan.pk}"
    if key.startswith("financing.estimate.error"):
        return f"{page}?amount=not-a-number&plan="
    return page


PREVIEWS = {PAGE: at("financing:index"), ESTIMATOR: Preview(path=estimator_showing)}
