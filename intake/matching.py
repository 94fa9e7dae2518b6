"""How a person is recognised without reading their encrypted details: keyed hashes of normalised values.

Email: trimmed and case-folded (the old constraint compared lower-case). Phone: E.164, however typed; and, for the
queue's search, the number's last seven digits (the local number without its area code, "555-0177") and last four
("0177"), each hashed on its own, so a number written in part is found through the hashes too.
Names: each whole word (split at spaces and hyphens), case-folded and without accents, so "Núñez",
"nunez" and "NUÑEZ" match; parts of words cannot be matched, by design.
"""

import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError

from encryption.keys import keyed_hash
from phones.numbers import parse_phone, to_e164

WORD_SEPARATORS = re.compile(r"[\s\-‐‑–—]+")
# The ends of a number that can be searched for: the local number without its area code, and its last four digits.
PHONE_TAIL_LENGTHS = (7, 4)
# A number as people write part of it: digits with spaces, dots, dashes or brackets between them, nothing else.
PARTIAL_PHONE = re.compile(r"[0-9\s().\-‐‑–—]+")
NOT_DIGITS = re.compile(r"[^0-9]")


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


def phone_digits(phone: str) -> str:
    """The digits of a stored number without its country code (6195550177 for +16195550177)."""
    try:
        return phonenumbers.national_significant_number(parse_phone(phone))
    except ValidationError:
        return NOT_DIGITS.sub("", phone)  # stored as typed


def _phone_tail_hash(digits: str) -> str:
    return keyed_hash(purpose=f"phone-last-{len(digits)}", value=digits)


def phone_tail_hashes(phone: str) -> str:
    """A hash of the number's last seven digits and one of its last four, each between spaces, for `contains`
    lookups (as `name_word_hashes`)."""
    digits = phone_digits(phone) if phone else ""
    hashes = [_phone_tail_hash(digits[-length:]) for length in PHONE_TAIL_LENGTHS if len(digits) >= length]
    return f" {' '.join(hashes)} " if hashes else ""


def phone_tail(text: str) -> str:
    """The digits of `text` when it is the end of a phone number as people write it, with or without separators:
    seven digits ("555-0177", "555 0177", "5550177") or four ("0177"); otherwise ""."""
    digits = NOT_DIGITS.sub("", text)
    if PARTIAL_PHONE.fullmatch(text.strip()) and len(digits) in PHONE_TAIL_LENGTHS:
        return digits
    return ""


def phone_tail_hash(text: str) -> str:
    """The hash `phone_tail_hashes` stores for the end of a number written as `text`, or "" if it is not one."""
    digits = phone_tail(text)
    return _phone_tail_hash(digits) if digits else ""


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
