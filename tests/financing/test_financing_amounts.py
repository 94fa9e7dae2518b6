"""Reading a typed cost: exactly the ways people write dollars, one clear problem for anything else."""

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from financing.services import MAXIMUM_AMOUNT, AmountProblem, format_dollars, parse_amount

DIGITS = set("0123456789")


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("2500", "2500.00"),
        ("2,500", "2500.00"),
        ("$2,500", "2500.00"),
        ("$2,500.00", "2500.00"),
        (" 2500.5 ", "2500.50"),
        ("\t$1,234.56\n", "1234.56"),
        ("0.01", "0.01"),
        ("50,000", "50000.00"),
        ("50000.00", "50000.00"),
        ("007", "7.00"),
    ],
)
def test_costs_people_type_are_read_as_dollars_and_cents(typed, amount):
    assert parse_amount(text=typed) == Decimal(amount)
    assert parse_amount(text=typed).as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", AmountProblem.EMPTY),
        ("   ", AmountProblem.EMPTY),
        ("1e3", AmountProblem.NOT_A_NUMBER),
        ("1E3", AmountProblem.NOT_A_NUMBER),
        ("2.5.0", AmountProblem.NOT_A_NUMBER),
        ("NaN", AmountProblem.NOT_A_NUMBER),
        ("inf", AmountProblem.NOT_A_NUMBER),
        ("Infinity", AmountProblem.NOT_A_NUMBER),
        ("abc", AmountProblem.NOT_A_NUMBER),
        ("$", AmountProblem.NOT_A_NUMBER),
        ("2500.", AmountProblem.NOT_A_NUMBER),
        ("2 500", AmountProblem.NOT_A_NUMBER),
        ("٢٥٠٠", AmountProblem.NOT_A_NUMBER),  # digits of another script: Decimal would take them
        ("<script>alert(1)</script>", AmountProblem.NOT_A_NUMBER),
        ("2,50,0", AmountProblem.BAD_COMMAS),
        ("25,00", AmountProblem.BAD_COMMAS),
        (",500", AmountProblem.BAD_COMMAS),
        ("2500,", AmountProblem.BAD_COMMAS),
        ("1234,567", AmountProblem.BAD_COMMAS),
        ("12.345", AmountProblem.TOO_MANY_DECIMALS),
        ("0.001", AmountProblem.TOO_MANY_DECIMALS),
        ("-50", AmountProblem.NOT_POSITIVE),
        ("-$50", AmountProblem.NOT_POSITIVE),
        ("$-50", AmountProblem.NOT_POSITIVE),
        ("0", AmountProblem.NOT_POSITIVE),
        ("$0.00", AmountProblem.NOT_POSITIVE),
        ("50000.01", AmountProblem.TOO_LARGE),
        ("1,000,000", AmountProblem.TOO_LARGE),
        ("9" * 60, AmountProblem.TOO_LARGE),  # beyond Decimal's precision: still an answer, not an error
    ],
)
def test_anything_else_gets_the_one_problem_that_stops_it(typed, problem):
    assert parse_amount(text=typed) is problem


@pytest.mark.parametrize(
    ("amount", "full", "short"),
    [("2500", "$2,500.00", "$2,500"), ("2500.5", "$2,500.50", "$2,500.50"), ("200.00", "$200.00", "$200")],
)
def test_dollars_are_shown_with_commas_and_cents(amount, full, short):
    assert format_dollars(amount=Decimal(amount)) == full
    assert format_dollars(amount=Decimal(amount), drop_zero_cents=True) == short


def written_like_a_cost(text):
    """The accepted spelling, worked out without the parser's regexes: "$" optional, commas in threes, ≤ 2 cents."""
    whole, point, cents = text.strip().removeprefix("$").partition(".")
    if point and not (1 <= len(cents) <= 2 and set(cents) <= DIGITS):
        return None
    groups = whole.split(",")
    if not all(group and set(group) <= DIGITS for group in groups):
        return None
    if len(groups) > 1 and not (len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])):
        return None
    return Decimal("".join(groups) + "." + (cents or "0"))


costs = st.decimals(min_value=Decimal("0.01"), max_value=MAXIMUM_AMOUNT, places=2)


@given(st.text() | st.text(alphabet="0123456789,.$-+ eE", max_size=14))
@example("1,234.5")
@example("$,123")
@example("12,345.67")
def test_never_raises_and_accepts_exactly_the_costs_written_as_people_write_them(typed):
    parsed = parse_amount(text=typed)
    assert isinstance(parsed, Decimal | AmountProblem)
    expected = written_like_a_cost(typed)
    if expected is not None and Decimal("0.01") <= expected <= MAXIMUM_AMOUNT:
        assert parsed == expected and parsed.as_tuple().exponent == -2
    else:
        assert isinstance(parsed, AmountProblem)


@given(costs, st.sampled_from(["{:.2f}", "{:,.2f}", "${:,.2f}", " ${:,} ", "{}"]))
def test_every_cost_in_range_is_read_back_from_any_accepted_spelling(amount, spelling):
    assert parse_amount(text=spelling.format(amount)) == amount
    assert parse_amount(text=format_dollars(amount=amount)) == amount
