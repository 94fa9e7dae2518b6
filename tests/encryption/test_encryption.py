"""Keys of encryption at rest: from the environment, required in production, rotated without losing a row;
and the migration step that encrypts rows stored before."""

import importlib
import io
import json
from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.db import connection

from encryption.fields import encrypted_fields
from intake.models import ContactAttempt, IntakeRequest
from outbox.models import OutgoingEmail
from outbox.services import record_email
from tests.clinic_site.test_foundation_settings import PRODUCTION_ENV, run_django
from tests.factories import IntakeRequestFactory

NEW_KEY = Fernet.generate_key().decode()
KEY_CHECK = "from django.conf import settings; print(len(settings.FIELD_ENCRYPTION_KEYS))"


@pytest.mark.own_database
@pytest.mark.parametrize("missing", ["DJANGO_FIELD_ENCRYPTION_KEYS", "DJANGO_FIELD_HASH_KEY"])
def test_production_refuses_to_start_without_each_key(missing):
    env = {name: value for name, value in PRODUCTION_ENV.items() if name != missing}
    result = run_django(["manage.py", "check"], env)
    assert result.returncode != 0 and missing in result.stderr


@pytest.mark.own_database
def test_production_refuses_a_key_that_is_not_a_fernet_key_and_never_prints_it():
    env = {**PRODUCTION_ENV, "DJANGO_FIELD_ENCRYPTION_KEYS": f"{NEW_KEY},not-a-real-key-at-all"}
    result = run_django(["manage.py", "check"], env)
    assert result.returncode != 0 and "key 2 is not a Fernet key" in result.stderr
    assert "not-a-real-key-at-all" not in result.stderr and NEW_KEY not in result.stderr


@pytest.mark.own_database
def test_keys_come_from_the_environment_comma_separated_newest_first():
    env = {
        **PRODUCTION_ENV,
        "DJANGO_FIELD_ENCRYPTION_KEYS": f"{NEW_KEY},{PRODUCTION_ENV['DJANGO_FIELD_ENCRYPTION_KEYS']}",
    }
    result = run_django(["manage.py", "shell", "-v0", "-c", KEY_CHECK], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"


def test_debug_mode_makes_a_local_key_file_once_and_keeps_it(tmp_path):
    from clinic_site.local_keys import local_keys

    path = tmp_path / "var" / "keys.json"
    keys = local_keys(path)
    assert Fernet(keys["DJANGO_FIELD_ENCRYPTION_KEYS"]) and len(keys["DJANGO_FIELD_HASH_KEY"]) >= 32
    assert Fernet(keys["ACCESS_RECORD_KEY"])
    assert local_keys(path) == keys and path.stat().st_mode & 0o077 == 0


def test_a_local_key_file_from_before_gains_the_key_it_lacks_and_keeps_the_others(tmp_path):
    from clinic_site.local_keys import local_keys

    path = tmp_path / "keys.json"
    earlier = {"DJANGO_FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(), "DJANGO_FIELD_HASH_KEY": "h" * 40}
    path.write_text(json.dumps(earlier))
    keys = local_keys(path)
    assert keys == {**earlier, "ACCESS_RECORD_KEY": keys["ACCESS_RECORD_KEY"]} and Fernet(keys["ACCESS_RECORD_KEY"])
    assert json.loads(path.read_text()) == keys


def stored(model, field):
    """The text in the database column, as a dump would show it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {field} FROM {model._meta.db_table} WHERE {field} <> ''")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def every_stored_value():
    return [
        value
        for model in (IntakeRequest, IntakeRequest.history.model, ContactAttempt, ContactAttempt.history.model,
                      OutgoingEmail)
        for field in encrypted_fields(model)
        for value in stored(model, field.column)
    ]  # fmt: skip


@pytest.mark.django_db
def test_after_a_key_rotation_old_rows_still_read_and_then_need_only_the_new_key(settings):
    old_keys = settings.FIELD_ENCRYPTION_KEYS
    entry = IntakeRequestFactory(first_name="Rosalind", email="rosalind@example.org")
    ContactAttempt.objects.create(request=entry, outcome="spoke", note="Mornings only")
    record_email(purpose="test", recipient="rosalind@example.org", subject="Hello", body="A link")
    history_rows, updated_at = entry.history.count(), entry.updated_at
    before = every_stored_value()
    assert len(before) >= 11

    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, *old_keys]  # the new key first, the old one still reads
    entry.refresh_from_db()
    assert entry.first_name == "Rosalind"
    call_command("rotate_field_encryption", stdout=(output := io.StringIO()))
    assert "waitlist.IntakeRequest: 4 values re-encrypted" in output.getvalue()  # names, email and phone
    assert "Done" in output.getvalue()
    after = every_stored_value()
    assert len(after) == len(before) and not set(after) & set(before)
    assert all(Fernet(NEW_KEY).decrypt(value.encode()) for value in after)

    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]  # the old key removed
    entry = IntakeRequest.objects.with_email("rosalind@example.org").get()
    assert (entry.first_name, entry.contact_attempts.get().note) == ("Rosalind", "Mornings only")
    assert {row.first_name for row in entry.history.all()} == {"Rosalind"}
    assert OutgoingEmail.objects.get().recipient == "rosalind@example.org"
    assert entry.history.count() == history_rows and entry.updated_at == updated_at  # no phantom change

    call_command("rotate_field_encryption", stdout=(again := io.StringIO()))
    assert "0 values re-encrypted" in again.getvalue() and every_stored_value() == after


@pytest.mark.django_db
def test_a_value_no_key_can_read_is_an_error_never_shown_as_stored(settings):
    entry = IntakeRequestFactory()
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    with pytest.raises(InvalidToken):
        IntakeRequest.objects.get(pk=entry.pk)


@pytest.mark.django_db
def test_the_migration_encrypts_rows_stored_plain_fills_their_hashes_and_can_undo_it():
    from django.apps import apps

    step = importlib.import_module("intake.migrations.0009_encrypted_contact_details")
    entry = IntakeRequestFactory(first_name="Beatriz", last_name="Sáenz", email="Bea@Example.org")
    ContactAttempt.objects.create(request=entry, outcome="note", note="Plain before")
    table = IntakeRequest._meta.db_table
    with connection.cursor() as cursor:  # as a row stood before the migration: plain, without hashes
        cursor.execute(f"UPDATE {table} SET first_name='Beatriz', last_name='Sáenz', email='Bea@Example.org', "  # noqa: S608
                       "phone='+16195550123', email_hash='', phone_hash='', name_hashes=''")  # fmt: skip
        cursor.execute("UPDATE waitlist_contactattempt SET note='Plain before'")
        cursor.execute("UPDATE waitlist_historicalintakerequest SET first_name='Beatriz', email='Bea@Example.org'")

    editor = SimpleNamespace(connection=connection)  # all the step uses of its schema editor
    step.encrypt_contact_details(apps, editor)
    assert all(
        value.startswith("gAAAAA") for value in stored(IntakeRequest, "first_name") + stored(ContactAttempt, "note")
    )
    assert IntakeRequest.objects.with_email("bea@example.org").with_name_word("saenz").get().first_name == "Beatriz"
    assert IntakeRequest.objects.with_phone("619-555-0123").exists()
    assert {row.email for row in IntakeRequest.history.all()} == {"Bea@Example.org"}

    step.decrypt_contact_details(apps, editor)
    assert stored(IntakeRequest, "first_name") == ["Beatriz"] and stored(ContactAttempt, "note") == ["Plain before"]
