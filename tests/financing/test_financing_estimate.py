"""The payment formulas against worked examples, and their properties for any input."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from financing.services import deferred_interest_payment, fixed_apr_payment

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("50000"), places=2)
months = st.integers(min_value=1, max_value=120)
aprs = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("35.00"), places=2)


@pytest.mark.parametrize(
    ("amount", "months", "expected"),
    [
        ("1000.00", 12, "83.34"),  # 1000 / 12 = 83.333… → up to 83.34 (12 × 83.34 = 1000.08 clears it)
        ("200.00", 6, "33.34"),  # 200 / 6 = 33.333… → 33.34
        ("1200.00", 12, "100.00"),  # exact
        ("4999.99", 24, "208.34"),  # 4999.99 / 24 = 208.3329… → 208.34
    ],
)
def test_deferred_interest_payment_worked_examples(amount, months, expected):
    assert deferred_interest_payment(amount=Decimal(amount), months=months) == Decimal(expected)


@pytest.mark.parametrize(
    ("amount", "months", "apr", "expected"),
    [
        # r = 0.01; 1000 × 0.01 / (1 − 1.01^−12) = 10 / 0.1125508 = 88.8488 → 88.85
        ("1000.00", 12, "12.00", "88.85"),
        # r = 0.005; 10000 × 0.005 / (1 − 1.005^−60) = 50 / 0.2586278 = 193.3280 → 193.33
        ("10000.00", 60, "6.00", "193.33"),
        # r = 0.015; 1.015^36 = 1.709140; 2500 × 0.015 / (1 − 1 / 1.709140) = 37.5 / 0.4149103 = 90.3809 → 90.39
        ("2500.00", 36, "18.00", "90.39"),
        # APR 0 is an even split
        ("1000.00", 24, "0.00", "41.67"),
    ],
)
def test_fixed_apr_payment_worked_examples(amount, months, apr, expected):
    assert fixed_apr_payment(amount=Decimal(amount), months=months, apr=Decimal(apr)) == Decimal(expected)


@given(amount=amounts, months=months)
def test_deferred_payment_is_to_the_cent_and_clears_the_balance_in_time(amount, months):
    payment = deferred_interest_payment(amount=amount, months=months)
    assert payment.as_tuple().exponent == -2
    assert payment * months >= amount
    assert (payment - Decimal("0.01")) * months < amount  # and not a cent more than needed


@given(amount=amounts, months=months, apr=aprs)
def test_fixed_payment_is_to_the_cent_and_repays_at_least_the_principal(amount, months, apr):
    payment = fixed_apr_payment(amount=amount, months=months, apr=apr)
    assert payment.as_tuple().exponent == -2
    assert payment * months >= amount
    assert payment >= deferred_interest_payment(amount=amount, months=months)  # interest never lowers it


@given(amount=amounts, extra=amounts, months=months, apr=aprs)
def test_a_larger_amount_never_gives_a_smaller_payment(amount, extra, months, apr):
    larger = amount + extra
    assert deferred_interest_payment(amount=larger, months=months) >= deferred_interest_payment(
        amount=amount, months=months
    )
    assert fixed_apr_payment(amount=larger, months=months, apr=apr) >= fixed_apr_payment(
        amount=amount, months=months, apr=apr
    )


@given(amount=amounts, months=st.integers(min_value=1, max_value=119), apr=aprs)
def test_more_months_never_give_a_larger_payment(amount, months, apr):
    assert deferred_interest_payment(amount=amount, months=months + 1) <= deferred_interest_payment(
        amount=amount, months=months
    )
    assert fixed_apr_payment(amount=amount, months=months + 1, apr=apr) <= fixed_apr_payment(
        amount=amount, months=months, apr=apr
    )


@given(
    amount=amounts,
    months=months,
    apr=aprs,
    more=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10"), places=2),
)
def test_a_higher_apr_never_gives_a_smaller_payment(amount, months, apr, more):
    assert fixed_apr_payment(amount=amount, months=months, apr=apr + more) >= fixed_apr_payment(
        amount=amount, months=months, apr=apr
    )
