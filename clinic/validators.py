import phonenumbers
from django.core.exceptions import ValidationError


def validate_us_phone(value):
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        raise ValidationError("Enter a phone number such as (619) 555-0100.") from None
    if not phonenumbers.is_possible_number(number):
        raise ValidationError("Enter a phone number such as (619) 555-0100.")
