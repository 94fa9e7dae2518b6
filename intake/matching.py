"""How a person is recognised without reading their encrypted details: keyed hashes of normalised values.

Email: trimmed and case-folded (the old constraint compared lower-case). Phone: E.164, however typed.
Names: each whole word (split at spaces and hyphens), case-folded and without accents, so "Núñez",
"nunez" and "NUÑEZ" match; parts of words cannot be matched, by design.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

from encryption.keys import keyed_hash
from phones.numbers import parse_phone, to_e164

WORD_SEPARATORS = re.compile(r"[\s\-‐‑–—]+")


def email_hash(email: str) -> str:
    normalised = unicodedata.normalize("NFC", email).strip().casefold()
    return keyed_hash(purpose="email", value=normalised) if normalised else ""


def is_phone(text: str) -> bool:
    try:
        parse_phone(text)
    except ValidationError:
        return False
    return True


def phone_hash(phone: str) -> str:
    if not phone:
        return ""
    try:
        phone = to_e164(parse_phone(phone))
    except ValidationError:
        phone = phone.strip()  # stored as typed (phones.numbers), so hashed as typed
    return keyed_hash(purpose="phone", value=phone)


def _plain_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def name_words(text: str) -> list[str]:
    return [_plain_word(word) for word in WORD_SEPARATORS.split(text) if word.strip()]


def name_word_hash(word: str) -> str:
    return keyed_hash(purpose="name", value=_plain_word(word))


def name_word_hashes(*names: str) -> str:
    """Every whole word of the names as one string of hashes, each between spaces, for `contains` lookups."""
    hashes = dict.fromkeys(keyed_hash(purpose="name", value=word) for name in names for word in name_words(name))
    return f" {' '.join(hashes)} " if hashes else ""
