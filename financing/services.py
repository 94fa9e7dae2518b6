"""Financing data for the pages and the monthly payment estimate.

All money is Decimal. Payments are rounded up to the next cent, so paying the
estimate every month always covers the balance: an estimate that errs never
leaves a patient short.
"""

from dataclasses import dataclass
from decimal import ROUND_UP, Decimal

from django.db.models import Prefetch, Subquery

from clinic.content_cache import cached_value

from .models import FinancingFaq, FinancingPlan, FinancingProgram

CENT = Decimal("0.01")
MAXIMUM_AMOUNT = Decimal("50000.00")


@dataclass(frozen=True)
class Estimate:
    plan: FinancingPlan
    amount: Decimal
    monthly_payment: Decimal

    @property
    def total_paid(self):
        return self.monthly_payment * self.plan.months

    @property
    def total_interest(self):
        return max(self.total_paid - self.amount, Decimal("0.00"))


def deferred_interest_payment(*, amount, months):
    """Equal payments that clear `amount` within the promotional period."""
    return (amount / months).quantize(CENT, rounding=ROUND_UP)


def fixed_apr_payment(*, amount, months, apr):
    """Standard amortization: amount × r / (1 − (1 + r)^−months), with r the monthly rate."""
    monthly_rate = apr / Decimal(1200)
    if monthly_rate == 0:
        return deferred_interest_payment(amount=amount, months=months)
    payment = amount * monthly_rate / (1 - (1 + monthly_rate) ** -months)
    return payment.quantize(CENT, rounding=ROUND_UP)


def estimate_payment(*, plan, amount):
    if plan.is_deferred_interest:
        monthly = deferred_interest_payment(amount=amount, months=plan.months)
    else:
        monthly = fixed_apr_payment(amount=amount, months=plan.months, apr=plan.apr)
    return Estimate(plan=plan, amount=amount, monthly_payment=monthly)


def active_program():
    """The program shown on the site with its active plans, or None."""
    plans = Prefetch("plans", queryset=FinancingPlan.objects.filter(is_active=True))
    return FinancingProgram.objects.filter(is_active=True).prefetch_related(plans).first()


def published_faqs():
    return FinancingFaq.objects.filter(is_published=True)


def get_financing_teaser():
    """The home page's short financing section, from the same data as /financing/."""
    return cached_value("financing-teaser", _build_teaser)


def _build_teaser():
    # One query on the home page: the active program's active plans, each carrying the program.
    first_active_program = FinancingProgram.objects.filter(is_active=True).values("pk")[:1]
    plans = list(
        FinancingPlan.objects.filter(is_active=True, program=Subquery(first_active_program)).select_related("program")
    )
    program = plans[0].program if plans else active_program()
    if program is None:
        return None
    promotional_months = sorted({plan.months for plan in plans if plan.is_deferred_interest})
    return {
        "name": program.name,
        "summary": program.summary,
        "promotional_months": promotional_months,
        "lowest_minimum": min((plan.minimum_purchase for plan in plans), default=None),
    }
