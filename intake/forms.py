"""The two intake forms. Their words are site texts (intake/texts/), set per form."""

import unicodedata
from dataclasses import dataclass, fields

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from clinic_site.form_rendering import patient_form_renderer
from phones.numbers import PhoneFormField
from sitetext.selectors import current_texts

from .models import IntakeRequest
from .services import SignUp

HONEYPOT_FIELD = "website"

# "field.attribute" -> site text key; attribute is label, help, or an error code (required, invalid).
SHARED_WORDS = {
    "first_name.label": "intake.form.first_name",
    "first_name.required": "intake.form.first_name_required",
    "last_name.label": "intake.form.last_name",
    "last_name.required": "intake.form.last_name_required",
    "email.label": "intake.form.email",
    "email.required": "intake.form.email_required",
    "email.invalid": "intake.form.email_invalid",
    "email.hidden_characters": "intake.form.email_hidden_characters",
    "phone.label": "intake.form.phone",
    "phone.help": "intake.form.phone_help",
    "phone.required": "intake.form.phone_required",
    "phone.invalid": "intake.form.phone_invalid",
    "phone.extension": "intake.form.phone_extension",
    "preferred_contact.label": "intake.form.preferred_contact",
    "preferred_contact.required": "intake.form.preferred_contact_required",
    "best_time.required": "intake.form.best_time_required",
    "is_adult.label": "intake.form.is_adult",
    "sms_consent.label": "intake.form.sms_consent",
    "sms_consent.help": "intake.form.sms_consent_help",
}


# Control and format characters (bidirectional marks such as U+202E, zero-width spaces): invisible on
# screen, so an address holding one looks right and can never be delivered.
HIDDEN_CHARACTER_CATEGORIES = frozenset({"Cc", "Cf"})


class ReachableEmailField(forms.EmailField):
    """An address mail can reach: no hidden characters, and a dotted domain (not localhost, not an IP literal)."""

    default_error_messages = {"hidden_characters": "Please type this email address again."}

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        if any(unicodedata.category(character) in HIDDEN_CHARACTER_CATEGORIES for character in value):
            raise ValidationError(self.error_messages["hidden_characters"], code="hidden_characters")
        domain = value.rpartition("@")[2]
        if domain.startswith("[") or "." not in domain.strip("."):
            raise ValidationError(self.error_messages["invalid"], code="invalid")


class SentValueCheckbox(forms.CheckboxInput):
    """Ticked only by the value a ticked box sends ("on"): "0", "off", "false" or anything else is not a yes.

    Django's own checkbox reads any value but "false" as ticked. Unticked is the safe reading: a
    required consent then says so next to its box, and an optional one is simply not given.
    """

    SENT_VALUE = "on"

    def value_from_datadict(self, data, files, name):
        return data.get(name) == self.SENT_VALUE


def apply_words(form: forms.Form, words: dict[str, str]) -> dict[str, str]:
    """Give the form's fields their site-text words ("field.attribute" -> key) and return the texts used.

    Only the fields the form has: the status page's small forms take their share of the intake forms' words.
    """
    texts = current_texts()
    for target, key in words.items():
        name, attribute = target.split(".")
        if name not in form.fields:
            continue
        field, text = form.fields[name], texts[key]
        if attribute == "label":
            field.label = text
        elif attribute == "help":
            field.help_text = text
        else:
            field.error_messages[attribute] = text
    for name, answer_field in form.fields.items():
        if isinstance(answer_field, forms.ChoiceField) and name in ANSWER_FIELDS:
            answers: list[tuple[str, str]] = list(answer_field.choices)  # type: ignore[arg-type]
            answer_field.choices = [
                (value, texts[f"intake.form.{name}.{value}" if value else "intake.form.choose_one"])
                for value, _ in answers
            ]
    if HONEYPOT_FIELD in form.fields:
        form.fields[HONEYPOT_FIELD].label = texts["intake.form.honeypot"]
    return texts


# The choice fields whose answers are site texts `intake.form.<field>.<value>`.
ANSWER_FIELDS = frozenset({"preferred_contact", "best_time", "insurance", "referral"})


def honeypot_field() -> forms.CharField:
    """Hidden from people by CSS, so anything typed here came from a bot."""
    return forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))


class PatientForm(forms.Form):
    """What every form a patient fills in here shares: its words from site texts, Django's own rendering with
    Bootstrap's markup, the honeypot, and the button's words."""

    default_renderer = patient_form_renderer
    words: dict[str, str] = {}  # the subclass's own "field.attribute" -> site text key
    submit_key = ""

    website = honeypot_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.texts = apply_words(self, {**SHARED_WORDS, **self.words})

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix(HONEYPOT_FIELD)))

    @property
    def submit_text(self) -> str:
        return self.texts[self.submit_key]


@dataclass(frozen=True)
class Section:
    """A fieldset of a form as drawn: its legend and its rows, each one field or two side by side."""

    legend: str
    rows: list[list[forms.BoundField]]


class IntakeForm(PatientForm):
    """The contact details and consents both intake forms ask for; subclasses add their own fields and words."""

    template_name = "intake/intake_fields.html"

    first_name = forms.CharField(max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(max_length=100, widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    email = ReachableEmailField(
        max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})
    )
    phone = PhoneFormField()
    preferred_contact = forms.ChoiceField(choices=IntakeRequest.ContactMethod.choices, widget=forms.RadioSelect)
    best_time = forms.ChoiceField(
        choices=IntakeRequest.BestTime.choices, initial=IntakeRequest.BestTime.ANY, widget=forms.RadioSelect
    )
    is_adult = forms.BooleanField(widget=SentValueCheckbox)
    contact_consent = forms.BooleanField(widget=SentValueCheckbox)
    sms_consent = forms.BooleanField(required=False, widget=SentValueCheckbox)

    def sections(self) -> list[Section]:
        """The form's fieldsets in order (intake/jinja2/intake/intake_fields.html draws them)."""
        return [
            Section(
                self.texts["intake.form.legend_about"],
                [[self["first_name"], self["last_name"]], [self["email"]], [self["phone"]]],
            ),
            Section(self.texts["intake.form.legend_contact"], [[self["preferred_contact"]], [self["best_time"]]]),
            *self.extra_sections(),
            Section(
                self.texts["intake.form.legend_confirm"],
                [[self["is_adult"]], [self["contact_consent"]], [self["sms_consent"]]],
            ),
        ]

    def extra_sections(self) -> list[Section]:
        return []

    def sign_up(self) -> SignUp:
        """The accepted answers as the service takes them (call after is_valid())."""
        answers = {field.name: self.cleaned_data[field.name] for field in fields(SignUp) if field.name in self.fields}
        return SignUp(**answers, language=translation.get_language())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("preferred_contact") == IntakeRequest.ContactMethod.TEXT and not cleaned.get("sms_consent"):
            self.add_error("sms_consent", self.texts["intake.form.sms_consent_needed"])
        return cleaned


class WaitlistForm(IntakeForm):
    submit_key = "waitlist.form.submit"
    words = {
        "best_time.label": "waitlist.form.best_time",
        "insurance.label": "waitlist.form.insurance",
        "insurance.required": "waitlist.form.insurance_required",
        "referral.label": "waitlist.form.referral",
        "is_adult.required": "waitlist.form.is_adult_required",
        "contact_consent.label": "waitlist.form.contact_consent",
        "contact_consent.required": "waitlist.form.contact_consent_required",
    }

    insurance = forms.ChoiceField(choices=IntakeRequest.Insurance.choices, widget=forms.RadioSelect)
    referral = forms.ChoiceField(choices=[("", "")] + IntakeRequest.Referral.choices, required=False)
    field_order = [
        "first_name", "last_name", "email", "phone", "preferred_contact", "best_time", "insurance", "referral",
    ]  # fmt: skip

    def extra_sections(self) -> list[Section]:
        return [Section(self.texts["waitlist.form.legend_payment"], [[self["insurance"]], [self["referral"]]])]


class CallBackForm(IntakeForm):
    """Asks only what a call back needs: no insurance, no referral, and email only if the person wants email."""

    submit_key = "callback.button"
    words = {
        "email.label": "callback.form.email",
        "email.help": "callback.form.email_help",
        "best_time.label": "callback.form.best_time",
        "is_adult.required": "callback.form.is_adult_required",
        "contact_consent.label": "callback.form.contact_consent",
        "contact_consent.required": "callback.form.contact_consent_required",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("preferred_contact") == IntakeRequest.ContactMethod.EMAIL and not cleaned.get("email"):
            if "email" not in self.errors:
                self.add_error("email", self.texts["callback.form.email_needed"])
        return cleaned


# The status page's forms (/waitlist/status/<token>/): each changes one thing, under its own prefix, so the page
# holds them all with distinct field ids. Their words are the intake forms' and the status page's site texts.


class StatusForm(PatientForm):
    template_name = "intake/status_fields.html"
    action = ""  # the form's name on the page, its prefix and the value of the button that sends it

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.action)
        super().__init__(*args, **kwargs)

    def shown_fields(self) -> list[forms.BoundField]:
        """Every field but the honeypot, in order (intake/jinja2/intake/status_fields.html draws them)."""
        return [field for field in self if field.name != HONEYPOT_FIELD]


class PhoneForm(StatusForm):
    action = "phone"
    submit_key = "status.phone.submit"
    phone = PhoneFormField()


class EmailForm(StatusForm):
    action = "email"
    submit_key = "status.email.submit"
    words = {"email.help": "status.email.help"}
    email = ReachableEmailField(
        max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})
    )


class LanguageForm(StatusForm):
    action = "language"
    submit_key = "status.language.submit"
    words = {"language.label": "status.language.label", "language.required": "status.language.required"}
    language = forms.ChoiceField(choices=[], widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language named in its own words, whatever the page's language.
        self.fields["language"].choices = [
            (code, self.texts[f"status.language.{code}"]) for code, _ in settings.LANGUAGES
        ]


class ContactForm(StatusForm):
    action = "contact"
    submit_key = "status.contact.submit"
    words = {"best_time.label": "waitlist.form.best_time"}
    preferred_contact = forms.ChoiceField(choices=IntakeRequest.ContactMethod.choices, widget=forms.RadioSelect)
    best_time = forms.ChoiceField(choices=IntakeRequest.BestTime.choices, widget=forms.RadioSelect)
    sms_consent = forms.BooleanField(required=False, widget=SentValueCheckbox)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("preferred_contact") == IntakeRequest.ContactMethod.TEXT and not cleaned.get("sms_consent"):
            self.add_error("sms_consent", self.texts["intake.form.sms_consent_needed"])
        return cleaned


STATUS_FORMS: dict[str, type[StatusForm]] = {
    form.action: form for form in (PhoneForm, EmailForm, LanguageForm, ContactForm)
}
