"""Patients' contact details are encrypted at rest: a dump of the database or the bytes of its file show none
of them, while everything that matches a person (one open request, duplicates, the queue's search) still works
on the keyed hashes stored beside them."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from intake import services
from intake.models import ContactAttempt, IntakeRequest
from outbox.models import OutgoingEmail
from staff.roles import INTAKE_COORDINATORS
from tests.factories import CallBackRequestFactory, IntakeRequestFactory
from tests.markup import soup, text
from tests.support.dumps import pg_dump

PROJECT = Path(__file__).resolve().parents[2]
CHANGELIST = reverse("admin:waitlist_intakerequest_changelist")

# Words found nowhere else in the database, so finding one in a dump can only mean a patient's details leaked.
SIGN_UPS = """
from intake import services
from intake.models import ContactAttempt, IntakeRequest
from tests.factories import TreatmentFactory
from treatments.models import Treatment

def sign_up(**details):
    return services.SignUp(preferred_contact="phone", best_time="any", is_adult=True, contact_consent=True,
                           sms_consent=False, **details)

waitlist = TreatmentFactory(status=Treatment.Status.WAITLIST)
available = TreatmentFactory(status=Treatment.Status.AVAILABLE)
entry = services.join_waitlist(treatment=waitlist, base_url="http://clinic.test", sign_up=sign_up(
    first_name="Zephyrine", last_name="Quillfeather", email="zephyrine.q@example.org", phone="+16195550142"))
services.request_call_back(treatment=available, base_url="http://clinic.test", sign_up=sign_up(
    first_name="Octavian", last_name="Marblewood", email="", phone="(858) 555-0177"))
ContactAttempt.objects.create(request=entry, outcome="note", note="Prefers Thursdays, ask for Bartholomew")
services.set_status(entries=[entry], status="contacted")  # one more history row
print(IntakeRequest.objects.count(), IntakeRequest.history.count())
"""
SECRETS = [
    "Zephyrine", "Quillfeather", "zephyrine.q", "6195550142", "Octavian", "Marblewood", "8585550177", "Bartholomew",
]  # fmt: skip


def assert_no_secrets(data: bytes):
    lowered = data.lower()
    found = [secret for secret in SECRETS if secret.lower().encode() in lowered]
    assert found == [], f"patient details in plain text: {found}"


@pytest.mark.own_database
def test_the_sqlite_file_holds_no_patient_s_name_email_phone_or_note(tmp_path, sqlite_sites):
    database = sqlite_sites.copy(tmp_path / "site.sqlite3", content=False)
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": f"sqlite:///{database}"}

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    assert manage("shell", "-v0", "-c", SIGN_UPS).split() == ["2", "3"]
    files = sorted(tmp_path.glob("site.sqlite3*"))  # the database and, if any is left, its write-ahead log
    data = b"".join(path.read_bytes() for path in files)
    assert b"SQLite format 3" in data and b"call_back" in data  # rows are there to read, in plain bytes
    assert_no_secrets(data)
    # The same details read back in plain text through the models.
    read_back = manage(
        "shell", "-v0", "-c",
        "from intake.models import IntakeRequest, ContactAttempt; "
        "print(sorted(f'{e.first_name} {e.last_name} {e.email} {e.phone}' for e in IntakeRequest.objects.all())); "
        "print(ContactAttempt.objects.get().note)",
    )  # fmt: skip
    assert "Zephyrine Quillfeather zephyrine.q@example.org +16195550142" in read_back
    assert "Octavian Marblewood  +18585550177" in read_back
    assert "ask for Bartholomew" in read_back


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_pg_dump_holds_no_patient_s_name_email_phone_or_note():
    exec(SIGN_UPS, {})  # committed: pg_dump sees what any other connection would
    assert IntakeRequest.objects.count() == 2 and OutgoingEmail.objects.count() == 3
    dump = pg_dump()
    assert b"COPY public.waitlist_intakerequest " in dump and b"call_back" in dump  # the rows are in the dump
    assert_no_secrets(dump)
    entry = IntakeRequest.objects.with_email("Zephyrine.Q@example.org").get()
    assert entry.contact_attempts.get().note.endswith("Bartholomew")
    assert connection.vendor == "postgresql"


@pytest.mark.django_db
def test_stored_values_are_ciphertext_with_keyed_hashes_beside_them_and_read_back_plain():
    entry = IntakeRequestFactory(first_name="María José", last_name="Núñez-Ortega", email="MJ@Example.org")
    ContactAttempt.objects.create(request=entry, outcome="spoke", note="Call after 5")
    with connection.cursor() as cursor:
        cursor.execute("SELECT first_name, email, phone, email_hash, phone_hash FROM waitlist_intakerequest")
        first_name, email, phone, email_hash, phone_hash = cursor.fetchone()
        cursor.execute("SELECT note FROM waitlist_contactattempt")
        (note,) = cursor.fetchone()
        cursor.execute("SELECT first_name, email FROM waitlist_historicalintakerequest")
        history_rows = cursor.fetchall()
        cursor.execute("SELECT recipient FROM outbox_outgoingemail")
        recipients = [row[0] for row in cursor.fetchall()]
    for stored in (first_name, email, phone, note, *(value for row in history_rows for value in row)):
        assert stored.startswith("gAAAAA") and "José" not in stored and "xample" not in stored  # Fernet tokens
    assert len(email_hash) == len(phone_hash) == 64 and email_hash != phone_hash
    assert recipients == []  # the factory records no email; sign-ups below do
    entry.refresh_from_db()
    assert (entry.first_name, entry.email, entry.phone) == ("María José", "MJ@Example.org", "+16195550123")
    assert IntakeRequest.objects.with_email(" mj@example.ORG ").get() == entry
    assert IntakeRequest.objects.with_phone("(619) 555-0123").get() == entry
    for word in ("maria", "JOSÉ", "nunez", "Ortega"):
        assert IntakeRequest.objects.with_name_word(word).get() == entry
    for part in ("Mar", "Núñez-Ortega Smith", "", "Jos"):
        assert not IntakeRequest.objects.with_name_word(part).exists()


@pytest.mark.django_db
def test_a_lookup_on_an_encrypted_value_is_an_error_not_an_empty_answer():
    with pytest.raises(ValueError, match="stored encrypted"):
        list(IntakeRequest.objects.filter(email="someone@example.org"))
    with pytest.raises(Exception, match="Unsupported lookup"):
        list(IntakeRequest.objects.filter(last_name__icontains="riv"))
    assert list(IntakeRequest.objects.filter(email="")) == []  # "no email" is still a question the database answers


def sign_up(**details):
    values = {"first_name": "Ines", "last_name": "Ochoa", "email": "ines@example.org", "phone": "+16195550150"}
    return services.SignUp(
        preferred_contact="email", best_time="any", is_adult=True, contact_consent=True, sms_consent=False,
        **(values | details),
    )  # fmt: skip


@pytest.mark.django_db
def test_a_sign_up_s_owed_emails_have_encrypted_recipients_and_bodies_and_duplicates_are_still_caught(spravato):
    entry = services.join_waitlist(treatment=spravato, sign_up=sign_up(), base_url="http://clinic.test")
    assert entry is not None
    again = sign_up(first_name="Inés", email=" INES@example.org")
    assert services.join_waitlist(treatment=spravato, sign_up=again, base_url="http://clinic.test") is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT recipient, body FROM outbox_outgoingemail WHERE id = %s", [entry.confirmation_email_id])
        recipient, body = cursor.fetchone()
    assert recipient.startswith("gAAAAA") and body.startswith("gAAAAA") and "ines" not in recipient + body
    email = OutgoingEmail.objects.get(pk=entry.confirmation_email_id)
    assert email.recipient == "ines@example.org" and "/waitlist/status/" in email.body


@pytest.fixture
def coordinator(staff_client):
    return staff_client(INTAKE_COORDINATORS)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "term",
    ["Núñez", "nunez", "NÚÑEZ", "Ortega", "maría", "Maria Nunez", "m.nunez@example.org", "(858) 555-0161",
     "858.555.0161", "+18585550161", '"Maria" Ortega'],
)  # fmt: skip
def test_the_queue_finds_a_person_by_a_whole_name_word_email_or_phone(coordinator, term):
    match = CallBackRequestFactory(
        first_name="María", last_name="Núñez-Ortega", email="M.Nunez@example.org", phone="+18585550161"
    )
    CallBackRequestFactory(first_name="Mario", last_name="Nunes", email="mario@example.org")
    assert list(coordinator.get(CHANGELIST, {"q": term}).context["cl"].result_list) == [match]


@pytest.mark.django_db
@pytest.mark.parametrize("term", ["Núñ", "ortega@", "example.org", "555-01", "016", "María Rivera", "Ortegas"])
def test_parts_of_words_and_addresses_find_nobody_and_the_help_says_why(coordinator, term):
    CallBackRequestFactory(first_name="María", last_name="Núñez-Ortega", email="m@example.org", phone="+18585550161")
    page = coordinator.get(CHANGELIST, {"q": term})
    assert list(page.context["cl"].result_list) == []
    assert "Parts of names or addresses cannot be searched" in text(soup(page).select_one("#searchbar_helptext"))
