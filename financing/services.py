"""Financing data for the pages and the monthly payment estimate.

All money is Decimal. Payments are rounded up to the next cent, so paying the
estimate every month always covers the balance: an estimate that errs never
leaves a patient short.
"""

from dataclasses import dataclass
from decimal import ROUND_UP, Decimal

from .models import FinancingPlan

CENT = Decimal("0.01")
MAXIMUM_AMOUNT = Decimal("50000.00")


@dataclass(frozen=True)
class Estimate:
    plan: FinancingPlan
    amount: Decimal
    monthly_payment: Decimal

    @property
    def total_paid(self) -> Decimal:
        return self.monthly_payment * self.plan.months

    @property
    def total_interest(self) -> Decimal:
        return max(self.total_paid - self.amount, Decimal("0.00"))


def deferred_interest_payment(*, amount: Decimal, months: int) -> Decimal:
    """Equal payments that clear `amount` within the promotional period."""
    return (amount / months).quantize(CENT, rounding=ROUND_UP)


def fixed_apr_payment(*, amount: Decimal, months: int, apr: Decimal) -> Decimal:
    """Standard amortization: amount × r / (1 − (1 + r)^−months), with r the monthly rate."""
    monthly_rate = apr / Decimal(1200)
    if monthly_rate == 0:
        return deferred_interest_payment(amount=amount, months=months)
    payment = amount * monthly_rate / (1 - (1 + monthly_rate) ** -months)
    return payment.quantize(CENT, rounding=ROUND_UP)


def estimate_payment(*, plan: FinancingPlan, amount: Decimal) -> Estimate:
    if plan.is_deferred_interest:
        monthly = deferred_interest_payment(amount=amount, months=plan.months)
    else:
        monthly = fixed_apr_payment(amount=amount, months=plan.months, apr=plan.apr)
    return Estimate(plan=plan, amount=amount, monthly_payment=monthly)
