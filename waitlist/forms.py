from dataclasses import fields

import phonenumbers
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout, Submit
from django import forms
from django.utils.functional import cached_property

from .models import IntakeRequest
from .services import SignUp

HONEYPOT_FIELD = "website"


class IntakeForm(forms.Form):
    """The contact details and consents both intake forms ask for; subclasses add their own words and fields."""

    submit_label = ""

    first_name = forms.CharField(
        label="First name",
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": "Please enter your first name."},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": "Please enter your last name."},
    )
    email = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Please enter your email address.",
            "invalid": "Please enter an email address like name@example.com.",
        },
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=30,
        error_messages={"required": "Please enter your phone number."},
        help_text="A US number, like (619) 555-0100.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    preferred_contact = forms.ChoiceField(
        label="How should we contact you?",
        choices=IntakeRequest.ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose how we should contact you."},
    )
    best_time = forms.ChoiceField(
        label="Best time to reach you",
        choices=IntakeRequest.BestTime.choices,
        initial=IntakeRequest.BestTime.ANY,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose the best time to reach you."},
    )
    is_adult = forms.BooleanField(label="I am 18 or older.")
    contact_consent = forms.BooleanField()
    sms_consent = forms.BooleanField(
        label="You may also send me text messages (optional).",
        help_text="Message and data rates may apply. Reply STOP to stop texts at any time.",
        required=False,
    )
    # Honeypot: hidden from people by CSS, so anything typed here came from a bot.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @cached_property
    def helper(self):
        """Layout for crispy-forms; built only when the form is rendered, not for every accepted sign-up."""
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True  # the template's <form> carries the token
        helper.layout = Layout(
            Fieldset(
                "About you",
                Div(Div("first_name", css_class="col-sm-6"), Div("last_name", css_class="col-sm-6"), css_class="row"),
                "email",
                "phone",
            ),
            Fieldset("Contact", "preferred_contact", "best_time"),
            *self.extra_fieldsets(),
            Fieldset("Please confirm", "is_adult", "contact_consent", "sms_consent"),
            Div(HONEYPOT_FIELD, css_class="waitlist-hp", aria_hidden="true"),
            Submit("submit", self.submit_label, css_class="btn-lg mt-2"),
        )
        return helper

    def extra_fieldsets(self) -> list[Fieldset]:
        return []

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))

    def sign_up(self) -> SignUp:
        """The accepted answers as the service takes them (call after is_valid())."""
        return SignUp(
            **{field.name: self.cleaned_data[field.name] for field in fields(SignUp) if field.name in self.fields}
        )

    def clean_phone(self):
        raw = self.cleaned_data["phone"]
        try:
            number = phonenumbers.parse(raw, "US")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise forms.ValidationError("Please enter a phone number with area code, like (619) 555-0100.")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("preferred_contact") == IntakeRequest.ContactMethod.TEXT and not cleaned.get("sms_consent"):
            self.add_error(
                "sms_consent",
                "You chose text messages. Check this box so we may text you, or choose phone or email instead.",
            )
        return cleaned


class WaitlistForm(IntakeForm):
    submit_label = "Join the waitlist"

    insurance = forms.ChoiceField(
        label="How would you pay?",
        choices=IntakeRequest.Insurance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose how you would pay. “I’m not sure” is fine."},
    )
    referral = forms.ChoiceField(
        label="How did you hear about us? (optional)",
        choices=[("", "Choose one")] + IntakeRequest.Referral.choices,
        required=False,
    )

    field_order = [
        "first_name", "last_name", "email", "phone", "preferred_contact", "best_time", "insurance", "referral",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["is_adult"].error_messages["required"] = "You must be 18 or older to join this waitlist."
        self.fields["contact_consent"].label = "The clinic may contact me about the waitlist."
        self.fields["contact_consent"].error_messages["required"] = (
            "Please check this box so we can contact you about the waitlist."
        )

    def extra_fieldsets(self) -> list[Fieldset]:
        return [Fieldset("Payment", "insurance", "referral")]


class CallBackForm(IntakeForm):
    """Asks only what a call back needs: no insurance, no referral, and email only if the person wants email."""

    submit_label = "Request a call back"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.required = False
        email.label = "Email (optional unless you choose email)"
        email.help_text = "We send a confirmation with a link to cancel your request."
        self.fields["is_adult"].error_messages["required"] = "You must be 18 or older to ask for a call back."
        self.fields["contact_consent"].label = "The clinic may contact me about my request."
        self.fields["contact_consent"].error_messages["required"] = (
            "Please check this box so we can contact you about your request."
        )
        self.fields["best_time"].label = "Best time to call you"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("preferred_contact") == IntakeRequest.ContactMethod.EMAIL and not cleaned.get("email"):
            if "email" not in self.errors:
                self.add_error("email", "You chose email. Please enter your email address, or choose phone or text.")
        return cleaned
