"""The keys that encrypt what the access record must keep but may not store in plain text (queue search words).

ACCESS_RECORD_KEY holds one or more Fernet keys, comma-separated: the first encrypts, every one decrypts,
so a key is rotated by putting a new one in front and dropping the old one once its entries are past
retention. Production refuses to start without a valid key; in debug (`make run`) and `make serve` it comes
from the local keys file (clinic_site/local_keys.py). Pure Python, no Django: the settings import it.
"""

from cryptography.fernet import Fernet


class InvalidAccessRecordKey(ValueError):
    pass


def parse_keys(*, value: str) -> list[str]:
    """The keys in ACCESS_RECORD_KEY, newest first; InvalidAccessRecordKey when there is none or one is malformed."""
    keys = [key.strip() for key in value.split(",") if key.strip()]
    if not keys:
        raise InvalidAccessRecordKey("ACCESS_RECORD_KEY is empty.")
    for key in keys:
        try:
            Fernet(key)
        except ValueError:
            raise InvalidAccessRecordKey(
                "ACCESS_RECORD_KEY must be Fernet keys (32 url-safe base64-encoded bytes), comma-separated."
            ) from None
    return keys
