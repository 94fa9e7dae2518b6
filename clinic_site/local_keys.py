"""Encryption keys for local work only: made once, kept in var/local-field-keys.json (git-ignored).

Settings read this file in debug mode when DJANGO_FIELD_ENCRYPTION_KEYS or DJANGO_FIELD_HASH_KEY is not
set, so `make run` needs no setup and a local database stays readable between runs. Production never
reads it: there the keys must come from the environment. `python -m clinic_site.local_keys NAME` prints
one value (`make serve` runs production mode locally with them).
"""

import json
import os
import secrets
import sys
from pathlib import Path

from cryptography.fernet import Fernet

LOCAL_KEYS_FILE = Path(__file__).resolve().parent.parent / "var" / "local-field-keys.json"


def local_field_keys(path: Path = LOCAL_KEYS_FILE) -> dict[str, str]:
    """{environment variable: value} for both keys, made on first use."""
    if not path.exists():
        keys = {
            "DJANGO_FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "DJANGO_FIELD_HASH_KEY": secrets.token_urlsafe(32),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        draft.write_text(json.dumps(keys, indent=2))
        draft.chmod(0o600)
        try:
            os.link(draft, path)  # the first process to get here wins; the web server and worker start together
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return json.loads(path.read_text())


if __name__ == "__main__":
    print(local_field_keys()[sys.argv[1]])
