"""The keys that encrypt what the access record must keep but may not store in plain text (queue search words).

ACCESS_RECORD_KEY holds one or more Fernet keys, comma-separated: the first encrypts, every one decrypts,
so a key is rotated by putting a new one in front and dropping the old one once its entries are past
retention. Production refuses to start without a valid key; in debug (`make run`) a key is derived from
the secret key, and `make serve` derives one from the machine's name (`local_key`). Pure Python, no Django:
the settings import it.
"""

import base64
import hashlib

from cryptography.fernet import Fernet


class InvalidAccessRecordKey(ValueError):
    pass


def local_key(*, seed: str) -> str:
    """A valid Fernet key derived from `seed`: for local work only, where nothing real is recorded."""
    digest = hashlib.sha256(f"access-record:{seed}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


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


if __name__ == "__main__":  # `python -m access_record.keys SEED`: the local key `make serve` uses
    import sys

    print(local_key(seed=sys.argv[1]))
