"""Keys for local work only: made once, kept in var/local-field-keys.json (git-ignored).

In debug mode the settings read this file for every key the environment does not set: the field
encryption keys, the keyed-hash key and the access record's key. So `make run` needs no setup, and a
local database stays readable between runs. Production never reads it: there every key must come from
the environment. `python -m clinic_site.local_keys NAME` prints one value (`make serve` runs production
mode locally with them).
"""

import fcntl
import json
import os
import secrets
import sys
from pathlib import Path

from cryptography.fernet import Fernet

LOCAL_KEYS_FILE = Path(__file__).resolve().parent.parent / "var" / "local-field-keys.json"


def _new_keys() -> dict[str, str]:
    return {
        "DJANGO_FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "DJANGO_FIELD_HASH_KEY": secrets.token_urlsafe(32),
        "ACCESS_RECORD_KEY": Fernet.generate_key().decode(),
    }


def local_keys(path: Path = LOCAL_KEYS_FILE) -> dict[str, str]:
    """{environment variable: value} for every local key; the missing ones are made and added, once.

    The web server and the worker start together, so the file is read and written under a lock.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f".{path.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        stored = json.loads(path.read_text()) if path.exists() else {}
        missing = {name: value for name, value in _new_keys().items() if name not in stored}
        if missing:
            draft = path.with_name(f".{path.name}.{os.getpid()}")
            draft.write_text(json.dumps({**stored, **missing}, indent=2))
            draft.chmod(0o600)
            os.replace(draft, path)
        return {**stored, **missing}


if __name__ == "__main__":
    print(local_keys()[sys.argv[1]])
