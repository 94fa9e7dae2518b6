"""Model fields stored encrypted (encryption.keys), read back as plain text.

A field keeps its ordinary behaviour in Python (form field, validators, max_length on the plain text) and
is a text column in the database. The empty string stays empty, so "has no email" still holds in a
check constraint and an optional field stays cheap. Nothing else can be looked up or ordered by in the
database: the same value is stored differently every time. A lookup such as `email="a@b.c"` therefore
raises an error instead of finding nothing; match on the keyed hash stored beside the value instead.

Why not a library: django-fernet-encrypted-fields 0.4 derives its keys from SECRET_KEY (rotating that
would lose every value), returns the stored ciphertext when no key fits instead of failing, stores an
empty string as NULL (our columns are NOT NULL), and marks the shared field object while cleaning a form,
which races between threads. What it does is small: this module is cryptography's MultiFernet and
Django's field hooks.
"""

from typing import Any

from django.db import models
from django.db.models.lookups import Exact, IsNull

from phones.numbers import PhoneNumberField

from .keys import decrypt, encrypt


class EmptyOnlyExact(Exact):
    """`field=""` works (no value); any other value can never match a ciphertext, so asking is an error."""

    def get_prep_lookup(self) -> Any:
        if self.rhs not in ("", None):
            raise ValueError(
                f"{self.lhs.output_field.name} is stored encrypted and cannot be matched in the database; "
                "use its keyed hash."
            )
        return super().get_prep_lookup()


class EncryptedMixin:
    """Encrypts on the way into the database and decrypts on the way out."""

    encrypted = True

    def get_internal_type(self) -> str:
        return "TextField"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)  # type: ignore[misc]  # the mixin sits before a Field
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "exact":
            return EmptyOnlyExact
        if lookup_name == "isnull":
            return IsNull
        return None

    def get_transform(self, lookup_name: str) -> Any:
        return None


class EncryptedCharField(EncryptedMixin, models.CharField):
    pass


class EncryptedTextField(EncryptedMixin, models.TextField):
    pass


class EncryptedEmailField(EncryptedMixin, models.EmailField):
    pass


class EncryptedPhoneNumberField(EncryptedMixin, PhoneNumberField):
    """A phone number normalised to E.164 (phones.numbers) and then encrypted."""


def encrypted_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The encrypted concrete fields of a model."""
    return [field for field in model._meta.concrete_fields if getattr(field, "encrypted", False)]
