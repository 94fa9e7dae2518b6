"""Financing data for the pages and the monthly payment estimate.

All money is Decimal. Payments are rounded up to the next cent, so paying the
estimate every month always covers the balance: an estimate that errs never
leaves a patient short.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_UP, Decimal
from enum import StrEnum

from sitetext.rendering import text_as_plain

from .models import FinancingPlan

CENT = Decimal("0.01")
MAXIMUM_AMOUNT = Decimal("50000.00")

# What people type for a cost: "2500", "2,500", "$2,500.00", "-50". ASCII digits only, so Decimal never
# sees "1e3", "NaN", "Infinity" or digits from other scripts.
_AMOUNT_SHAPE = re.compile(r"(?P<sign>-\$?|\$-?)?(?P<whole>[0-9][0-9,]*|,[0-9,]*)(?:\.(?P<cents>[0-9]*))?")
_WHOLE_DOLLARS = re.compile(r"[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+")


class AmountProblem(StrEnum):
    """Why a typed cost is not a cost the estimator takes; each has its own message for the patient."""

    EMPTY = "empty"
    NOT_A_NUMBER = "not_a_number"
    BAD_COMMAS = "bad_commas"
    TOO_MANY_DECIMALS = "too_many_decimals"
    NOT_POSITIVE = "not_positive"
    TOO_LARGE = "too_large"


def parse_amount(*, text: str) -> Decimal | AmountProblem:
    """A typed cost as dollars and cents, or the one problem that stops it. Never raises.

    Accepted: digits with an optional "$" in front, commas only in groups of three ("2,500", not
    "2,50,0"), at most two decimal places, spaces around it; from $0.01 to MAXIMUM_AMOUNT.
    """
    text = text.strip()
    if not text:
        return AmountProblem.EMPTY
    shape = _AMOUNT_SHAPE.fullmatch(text)
    if shape is None or shape["cents"] == "":
        return AmountProblem.NOT_A_NUMBER
    if not _WHOLE_DOLLARS.fullmatch(shape["whole"]):
        return AmountProblem.BAD_COMMAS
    if shape["cents"] is not None and len(shape["cents"]) > 2:
        return AmountProblem.TOO_MANY_DECIMALS
    amount = Decimal(shape["whole"].replace(",", "") + "." + (shape["cents"] or "0"))
    if "-" in (shape["sign"] or "") or amount < CENT:
        return AmountProblem.NOT_POSITIVE
    if amount > MAXIMUM_AMOUNT:
        return AmountProblem.TOO_LARGE
    return amount.quantize(CENT)


def amount_to_open_with(*, text: str) -> Decimal | None:
    """The cost a link opens the estimator with (a treatment's price: `?amount=450`), or None if it is none."""
    amount = parse_amount(text=text)
    return None if isinstance(amount, AmountProblem) else amount


def format_dollars(*, amount: Decimal, drop_zero_cents: bool = False) -> str:
    """ "$2,500.00"; with `drop_zero_cents`, "$2,500" (but still "$2,500.50")."""
    if drop_zero_cents and amount == amount.to_integral_value():
        return f"${amount:,.0f}"
    return f"${amount:,.2f}"


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


def plan_name(*, plan: FinancingPlan, texts: dict[str, str]) -> str:
    """A plan's name as patients read it, in the words staff keep for its kind (plain text)."""
    key = plan.label_text_key
    return text_as_plain(key=key, words=texts[key], values={"months": plan.months})


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
        assert plan.apr is not None, "only plans that can_estimate are estimated"
        monthly = fixed_apr_payment(amount=amount, months=plan.months, apr=plan.apr)
    return Estimate(plan=plan, amount=amount, monthly_payment=monthly)
