"""Encrypting the few words the access record keeps (queue searches), with the keys in settings.ACCESS_RECORD_KEYS."""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.ACCESS_RECORD_KEYS])


def encrypt(*, text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def decrypt(*, token: str) -> str | None:
    """The words, or None when no key in ACCESS_RECORD_KEYS opens them (a key dropped too early)."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return None
