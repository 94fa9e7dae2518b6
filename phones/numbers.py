"""Phone numbers, the one way: read as people type them, checked as dialable, stored in E.164, shown nationally.

A number with an extension ("ext 5", "x5", "#5") is refused with its own message rather than stored
without it: the clinic calls the number itself, and a call-back to a main line would not reach them.

Numbers without a country code are read as US numbers. A number is accepted only when it can really
be dialled (right length, real area code): "555-1234" is refused, where it would once have become
`tel:+15551234`. The 555-0100 to 555-0199 range is reserved for fiction: such a number is dialable in
form, so it is accepted, and the go-live checklist reports it (`is_fictional`).
"""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.db import models

DEFAULT_REGION = "US"
INVALID_MESSAGE = "Please enter a phone number with area code, like (619) 555-0100."
EXTENSION_MESSAGE = "Please enter a direct number without an extension, like (619) 555-0100."
NANP_COUNTRY_CODE = 1
FICTIONAL_EXCHANGE = "555"
FICTIONAL_LINES = range(100, 200)


def parse_phone(raw: str) -> phonenumbers.PhoneNumber:
    """The dialable number `raw` stands for; raises ValidationError with a message for the field."""
    try:
        number = phonenumbers.parse(raw or "", DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(INVALID_MESSAGE, code="invalid") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_MESSAGE, code="invalid")
    if number.extension:
        # Refused rather than dropped: E.164 has no extension, and a call to the main line would not reach them.
        raise ValidationError(EXTENSION_MESSAGE, code="extension")
    return number


def validate_phone(value: str) -> None:
    parse_phone(value)


def is_dialable(value: str) -> bool:
    try:
        parse_phone(value)
    except ValidationError:
        return False
    return True


def to_e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_e164(value: str) -> str:
    """`value` as E.164 (+16195550100), for storage and `tel:` links; a value that cannot be read is kept."""
    try:
        return to_e164(phonenumbers.parse(value, DEFAULT_REGION))
    except phonenumbers.NumberParseException:
        return value


def format_national(value: str) -> str:
    """`value` as people read it: (619) 555-0100 in North America, +44 20 7946 0958 elsewhere."""
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return value
    if number.country_code == NANP_COUNTRY_CODE:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def is_fictional(value: str) -> bool:
    """A North American 555-01xx number: reserved for films and examples, never a real line."""
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return False
    digits = str(number.national_number)
    return (
        number.country_code == NANP_COUNTRY_CODE
        and len(digits) == 10
        and digits[3:6] == FICTIONAL_EXCHANGE
        and int(digits[6:]) in FICTIONAL_LINES
    )


class PhoneFormField(forms.CharField):
    """Takes a number as people type it, cleans it to E.164, and shows a stored one in national format."""

    default_error_messages = {"invalid": INVALID_MESSAGE, "extension": EXTENSION_MESSAGE}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return format_national(value) if value else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        try:
            number = parse_phone(value)
        except ValidationError as error:
            raise ValidationError(self.error_messages[error.code], code=error.code) from None
        return to_e164(number)


class PhoneNumberField(models.CharField):
    """A dialable phone number stored in E.164, however it was typed (admin, forms, code or shell)."""

    default_validators = [validate_phone]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        try:
            value = to_e164(parse_phone(value))
        except ValidationError:
            return value  # kept as typed; validation and the go-live checklist report it
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        # People type spaces and brackets, so the field takes more characters than E.164 needs.
        return super().formfield(**{"form_class": PhoneFormField, "max_length": 30, **kwargs})
