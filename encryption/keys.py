"""The keys of encryption at rest, from settings (DJANGO_FIELD_ENCRYPTION_KEYS, DJANGO_FIELD_HASH_KEY).

Values are encrypted with Fernet (AES-128-CBC with HMAC-SHA256, a random IV per value) under the first
encryption key; every key in the list can decrypt, so a new key goes first and the old ones stay until
`manage.py rotate_field_encryption` has re-encrypted every row. Both are independent of SECRET_KEY.

What must be matched (one open request per email or phone, duplicates, exact search) cannot be matched on
ciphertext, so it is matched on a keyed hash (HMAC-SHA256 under its own key) of the normalised value.
"""

import functools
import hashlib
import hmac
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MIN_HASH_KEY_LENGTH = 32


def check_keys(*, encryption_keys: list[str], hash_key: str) -> None:
    """Raise ImproperlyConfigured (naming which key, never showing it) unless the keys can be used."""
    if not encryption_keys:
        raise ImproperlyConfigured(
            "DJANGO_FIELD_ENCRYPTION_KEYS is needed: one or more Fernet keys, comma-separated, newest first. "
            'Make one with: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
        )
    for position, key in enumerate(encryption_keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                f"DJANGO_FIELD_ENCRYPTION_KEYS: key {position} is not a Fernet key (32 url-safe base64-encoded bytes)."
            ) from None
    if len(hash_key) < MIN_HASH_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"DJANGO_FIELD_HASH_KEY is needed: {MIN_HASH_KEY_LENGTH}+ random characters, never changed once data "
            'is stored. Make one with: python -c "import secrets; print(secrets.token_urlsafe(32))"'
        )


@functools.cache
def fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.FIELD_ENCRYPTION_KEYS])


def forget_keys(*, setting: str, **kwargs: Any) -> None:
    """Tests change the keys with override_settings; forget the ones built from the old settings."""
    if setting == "FIELD_ENCRYPTION_KEYS":
        fernet.cache_clear()


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The plain text of a stored value. A value no key can read is an error, never shown as it is."""
    try:
        return fernet().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeEncodeError):
        raise InvalidToken(
            "A stored value could not be decrypted with any key in DJANGO_FIELD_ENCRYPTION_KEYS"
        ) from None


def rotate(token: str) -> str:
    """The same value encrypted under the first key (it may have been under any of them)."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")


def is_under_first_key(token: str) -> bool:
    try:
        Fernet(settings.FIELD_ENCRYPTION_KEYS[0]).decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True


def keyed_hash(*, purpose: str, value: str) -> str:
    """HMAC-SHA256 of an already normalised value, hex; `purpose` keeps equal words of different kinds apart."""
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(settings.FIELD_HASH_KEY.encode(), message, hashlib.sha256).hexdigest()
