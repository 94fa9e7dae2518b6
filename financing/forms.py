from decimal import Decimal

from django import forms

from .services import MAXIMUM_AMOUNT


class DollarField(forms.DecimalField):
    """A decimal field that accepts what people type: "$1,500.00" means 1500.00."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", "").removeprefix("$").strip()
        return super().to_python(value)


class EstimateForm(forms.Form):
    """Amount and plan for a monthly payment estimate. Sent by GET, so it works without JavaScript."""

    amount = DollarField(
        label="Treatment cost in dollars",
        help_text="For example 1500 or 1500.00.",
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=MAXIMUM_AMOUNT,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": "Enter the treatment cost, for example 1500.",
            "invalid": "Enter the cost as a number, for example 1500 or 1500.00.",
            "min_value": "Enter a cost greater than $0.",
            "max_value": f"Enter a cost of ${MAXIMUM_AMOUNT:,.0f} or less.",
            "max_decimal_places": "Enter dollars and cents only, for example 1500.50.",
            "max_digits": f"Enter a cost of ${MAXIMUM_AMOUNT:,.0f} or less.",
            "max_whole_digits": f"Enter a cost of ${MAXIMUM_AMOUNT:,.0f} or less.",
        },
    )
    plan = forms.TypedChoiceField(
        label="Financing plan",
        empty_value=None,
        error_messages={
            "required": "Choose a financing plan.",
            "invalid_choice": "That plan is not offered now. Choose one of the plans in the list.",
        },
    )

    def __init__(self, *args, plans, **kwargs):
        """`plans` are the plans on offer, already loaded for the page, so the form needs no query of its own."""
        super().__init__(*args, **kwargs)
        by_id = {str(plan.pk): plan for plan in plans}
        self.fields["plan"].choices = [("", "Choose a plan")] + [
            (key, f"{plan.label} (purchases of ${plan.minimum_purchase:,.0f} or more)") for key, plan in by_id.items()
        ]
        self.fields["plan"].coerce = by_id.__getitem__

    def clean(self):
        cleaned = super().clean()
        plan, amount = cleaned.get("plan"), cleaned.get("amount")
        if plan is None or amount is None:
            return cleaned
        if amount < plan.minimum_purchase:
            self.add_error("amount", f"This plan is for purchases of ${plan.minimum_purchase:,.2f} or more.")
        if not plan.is_deferred_interest and plan.apr is None:
            self.add_error(
                "plan",
                "We can’t estimate this plan yet: its APR is set by CareCredit when you apply. "
                "Choose another plan, or call us and we will help.",
            )
        return cleaned
