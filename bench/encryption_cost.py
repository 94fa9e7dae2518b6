"""What encryption at rest costs a sign-up: N sign-ups through intake.services in-process, with encryption
and without (the fields' encrypt/decrypt and the keyed hash swapped for plain values), in one run.

Rounds alternate between the two, so a slow spell of the machine falls on both; the figures are medians of the
per-round means. Run: `.venv/bin/python bench/encryption_cost.py [N] [ROUNDS]`, on a throw-away SQLite file
(or DATABASE_URL). Prints the CPU probe of bench/run.py before and after.
"""

import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/encryption-cost.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from bench.run import cpu_probe_ms  # noqa: E402
from intake import services  # noqa: E402
from tests.factories import TreatmentFactory  # noqa: E402
from treatments.models import Treatment  # noqa: E402


@contextmanager
def without_encryption():
    """Values stored as given and matched on the plain normalised value, as before encryption."""
    with (
        mock.patch("encryption.fields.encrypt", lambda text: text),
        mock.patch("encryption.fields.decrypt", lambda token: token),
        mock.patch("intake.matching.keyed_hash", lambda *, purpose, value: f"{purpose}:{value}"[:64]),
    ):
        yield


def sign_ups(*, count: int, label: str) -> float:
    """Seconds per sign-up (each a new person: the request, its two owed emails, history, one transaction)."""
    treatment: Treatment = TreatmentFactory(status=Treatment.Status.WAITLIST)  # type: ignore[assignment]  # factory_boy returns the model
    start = time.perf_counter()
    for number in range(count):
        details = services.SignUp(
            first_name="Bench", last_name=f"Person {number}", email=f"{label}-{number}@example.org",
            phone="+16195550100", preferred_contact="email", best_time="any", is_adult=True,
            contact_consent=True, sms_consent=False,
        )  # fmt: skip
        assert services.join_waitlist(treatment=treatment, sign_up=details, base_url="http://bench.test")
    return (time.perf_counter() - start) / count


def main(count: int = 200, rounds: int = 5) -> None:
    call_command("migrate", verbosity=0)
    call_command("load_initial_content", verbosity=0)
    probe_start = cpu_probe_ms()
    sign_ups(count=20, label="warm-up")
    encrypted, plain = [], []
    for round_number in range(rounds):
        encrypted.append(sign_ups(count=count, label=f"encrypted-{round_number}"))
        with without_encryption():
            plain.append(sign_ups(count=count, label=f"plain-{round_number}"))
    probe_end = cpu_probe_ms()
    with_ms, without_ms = statistics.median(encrypted) * 1000, statistics.median(plain) * 1000
    print(f"{count} sign-ups x {rounds} rounds, {django.db.connection.vendor}")
    print(
        f"with encryption:    {with_ms:.2f} ms per sign-up (rounds: {', '.join(f'{s * 1000:.2f}' for s in encrypted)})"
    )
    print(
        f"without encryption: {without_ms:.2f} ms per sign-up (rounds: {', '.join(f'{s * 1000:.2f}' for s in plain)})"
    )
    print(f"cost: {with_ms - without_ms:+.2f} ms ({(with_ms / without_ms - 1) * 100:+.1f}%)")
    print(f"CPU probe: start {probe_start:.0f} ms, end {probe_end:.0f} ms")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
