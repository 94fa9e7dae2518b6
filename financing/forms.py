from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from clinic_site.form_rendering import patient_form_renderer
from sitetext.rendering import text_as_plain

from .services import MAXIMUM_AMOUNT, AmountProblem, format_dollars, parse_amount, plan_name

AMOUNT_ERRORS = {problem: f"financing.estimate.error.amount_{problem}" for problem in AmountProblem}


class AmountField(forms.Field):
    """A cost as people type it ("2500", "$2,500.00"), read strictly by `parse_amount`: one message per mistake."""

    def __init__(self, *, messages: dict[AmountProblem, str], **kwargs):
        super().__init__(**kwargs)
        self.messages = messages

    def to_python(self, value):
        amount = parse_amount(text=value if isinstance(value, str) else "")
        if isinstance(amount, AmountProblem):
            raise ValidationError(self.messages[amount], code=amount.value)
        return amount

    def prepare_value(self, value):
        """A cost the estimator took is shown back as "$2,500.00"; anything else as it was typed, to correct."""
        amount = parse_amount(text=value) if isinstance(value, str) else value
        return format_dollars(amount=amount) if isinstance(amount, Decimal) else value


class EstimateForm(forms.Form):
    """Amount and plan for a monthly payment estimate. Sent by GET, so it works without JavaScript."""

    default_renderer = patient_form_renderer
    amount = AmountField(messages={}, widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    plan = forms.TypedChoiceField(empty_value=None)

    def __init__(self, *args, plans, plans_left_out=False, texts, **kwargs):
        """`plans`: the plans the estimator offers, already loaded for the page (so no query of its own);
        `plans_left_out`: whether the program has plans it cannot estimate (the plan list then says why);
        `texts`: the site texts' current words, for labels and messages."""
        super().__init__(*args, **kwargs)
        self.texts = texts
        amount, plan = self.fields["amount"], self.fields["plan"]
        amount.label = self._words("financing.estimate.amount_label")
        amount.help_text = self._words("financing.estimate.amount_help")
        amount.messages = {
            problem: self._words(key, maximum=format_dollars(amount=MAXIMUM_AMOUNT))
            if problem == AmountProblem.TOO_LARGE
            else self._words(key)
            for problem, key in AMOUNT_ERRORS.items()
        }
        plan.label = self._words("financing.estimate.plan_label")
        plan.error_messages = {
            "required": self._words("financing.estimate.error.plan_empty"),
            "invalid_choice": self._words("financing.estimate.error.plan_unknown"),
        }
        by_id = {str(choice.pk): choice for choice in plans}
        plan.choices = [("", self._words("financing.estimate.plan_choose"))] + [
            (key, self._plan_option(choice)) for key, choice in by_id.items()
        ]
        plan.coerce = by_id.__getitem__
        if plans_left_out:
            plan.help_text = self._words("financing.estimate.left_out")

    def clean(self):
        cleaned = super().clean()
        plan, amount = cleaned.get("plan"), cleaned.get("amount")
        if plan is not None and amount is not None and amount < plan.minimum_purchase:
            minimum = format_dollars(amount=plan.minimum_purchase)
            self.add_error("amount", self._words("financing.estimate.error.amount_below_plan", minimum=minimum))
        return cleaned

    def _plan_option(self, plan):
        name = plan_name(plan=plan, texts=self.texts)
        minimum = format_dollars(amount=plan.minimum_purchase, drop_zero_cents=True)
        return self._words("financing.estimate.plan_option", plan=name, minimum=minimum)

    def _words(self, key, **values):
        return text_as_plain(key=key, words=self.texts[key], values=values)
