from dataclasses import fields

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout, Submit
from django import forms
from django.utils.functional import cached_property

from core.phones import PhoneFormField

from .models import WaitlistEntry
from .services import SignUp

HONEYPOT_FIELD = "website"


class WaitlistForm(forms.Form):
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
    phone = PhoneFormField(
        label="Phone number",
        error_messages={"required": "Please enter your phone number."},
        help_text="A US number, like (619) 555-0100.",
    )
    preferred_contact = forms.ChoiceField(
        label="How should we contact you?",
        choices=WaitlistEntry.ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose how we should contact you."},
    )
    best_time = forms.ChoiceField(
        label="Best time to reach you",
        choices=WaitlistEntry.BestTime.choices,
        initial=WaitlistEntry.BestTime.ANY,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose the best time to reach you."},
    )
    insurance = forms.ChoiceField(
        label="How would you pay?",
        choices=WaitlistEntry.Insurance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose how you would pay. “I’m not sure” is fine."},
    )
    referral = forms.ChoiceField(
        label="How did you hear about us? (optional)",
        choices=[("", "Choose one")] + WaitlistEntry.Referral.choices,
        required=False,
    )
    is_adult = forms.BooleanField(
        label="I am 18 or older.", error_messages={"required": "You must be 18 or older to join this waitlist."}
    )
    contact_consent = forms.BooleanField(
        label="The clinic may contact me about the waitlist.",
        error_messages={"required": "Please check this box so we can contact you about the waitlist."},
    )
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
            Fieldset("Payment", "insurance", "referral"),
            Fieldset("Please confirm", "is_adult", "contact_consent", "sms_consent"),
            Div(HONEYPOT_FIELD, css_class="waitlist-hp", aria_hidden="true"),
            Submit("submit", "Join the waitlist", css_class="btn-lg mt-2"),
        )
        return helper

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))

    def sign_up(self) -> SignUp:
        """The accepted answers as the service takes them (call after is_valid())."""
        return SignUp(**{field.name: self.cleaned_data[field.name] for field in fields(SignUp)})

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("preferred_contact") == WaitlistEntry.ContactMethod.TEXT and not cleaned.get("sms_consent"):
            self.add_error(
                "sms_consent",
                "You chose text messages. Check this box so we may text you, or choose phone or email instead.",
            )
        return cleaned
