"""Backups that restore: back up, wipe, restore into a new database; the restored site works, and the file
holds nothing readable."""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from backups.encryption import decrypt_stream, new_key, parse_key
from intake.models import IntakeRequest
from tests.factories import waitlist_form_data

PROJECT = Path(__file__).resolve().parents[2]
POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
# Long enough that random ciphertext never holds them by chance (a 3-letter name would, in 1 file of 20).
NAME, ADMIN = "Zoelynn Backupwright", "boss-of-the-backups"
SIGN_UPS = ["zoe.backup-one@example.org", "li.backup-two@example.org", "sam.backup-three@example.org"]


def row_counts():
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def wipe():
    call_command("flush", interactive=False, verbosity=0)
    assert IntakeRequest.objects.count() == 0 and User.objects.count() == 0


def check_restored_site(database_url, *, email):
    """What the restored database answers in a process of its own (tests/backups/restored_site.py)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(DATABASE_URL=database_url, DJANGO_ADMIN_REQUIRE_2FA="false", DJANGO_LOG_LEVEL="WARNING")
    env.pop("CACHE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "tests.backups.restored_site", email],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def site_with_sign_ups(transactional_db, initial_content, spravato, settings, client):
    """The shipped content, a superuser and three waitlist sign-ups made through the public form (committed,
    so that pg_dump sees them)."""
    settings.WAITLIST_RATE_LIMIT = ""
    for email in SIGN_UPS:
        response = client.post("/waitlist/spravato/", waitlist_form_data(email=email, first_name=NAME))
        assert response.status_code == 302
    User.objects.create_superuser(username=ADMIN, password="a-long-test-password")
    assert IntakeRequest.objects.count() == len(SIGN_UPS)
    return row_counts()


@pytest.fixture
def key(settings):
    settings.BACKUP_KEY = new_key()
    return parse_key(settings.BACKUP_KEY)


def back_up(tmp_path, key):
    backup = tmp_path / "clinic.backup"
    call_command("backup_database", output=backup, stdout=open(os.devnull, "w"))
    raw = backup.read_bytes()
    for email in SIGN_UPS:
        assert email.encode() not in raw
    assert NAME.encode() not in raw and ADMIN.encode() not in raw
    with backup.open("rb") as source:  # the same words are there once decrypted: the search above could fail
        plain = b"".join(decrypt_stream(source=source, key=key))
    if plain.startswith(b"PGDMP"):  # pg_dump's custom format compresses the data: read it as SQL
        plain = subprocess.run(
            ["pg_restore", "--data-only", "--file=-"], input=plain, capture_output=True, check=True
        ).stdout
    assert ADMIN.encode() in plain  # the search above finds what is in the file once it is decrypted
    assert SIGN_UPS[0].encode() not in plain and NAME.encode() not in plain  # the site encrypts these itself
    return backup


def assert_restored_site_works(database_url, *, counts_before):
    new_email = "new.after-restore@example.org"
    restored = check_restored_site(database_url, email=new_email)
    assert restored["tables"] == counts_before
    assert sum(counts_before.values()) > 100  # the initial content is really there
    assert restored["signup_status"] == 302 and restored["signup_redirect"].endswith("/thanks/")
    assert restored["new_requests"] == 1
    assert restored["admin_home"] == restored["admin_queue"] == 200
    assert restored["admin_queue_matches"] == 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite drill; PostgreSQL has its own below")
def test_sqlite_backup_restores_into_a_new_file_that_works(site_with_sign_ups, key, tmp_path):
    backup = back_up(tmp_path, key)
    wipe()
    target = tmp_path / "restored.sqlite3"
    call_command("restore_database", str(backup), into=str(target), stdout=open(os.devnull, "w"))
    assert_restored_site_works(f"sqlite:///{target}", counts_before=site_with_sign_ups)


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_postgresql_backup_restores_into_a_new_database_that_works(site_with_sign_ups, key, tmp_path):
    backup = back_up(tmp_path, key)
    wipe()
    database = f"test_backup_restore_{os.getpid()}"
    try:
        call_command("restore_database", str(backup), into=database, stdout=open(os.devnull, "w"))
        assert_restored_site_works(f"postgres://postgres@127.0.0.1:5432/{database}", counts_before=site_with_sign_ups)
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def test_a_wrong_key_is_refused_with_a_clear_message_and_restores_nothing(transactional_db, key, settings, tmp_path):
    backup = tmp_path / "clinic.backup"
    call_command("backup_database", output=backup, stdout=open(os.devnull, "w"))
    settings.BACKUP_KEY = new_key()
    target = tmp_path / "restored.sqlite3"
    with pytest.raises(CommandError, match="Wrong key: DJANGO_BACKUP_KEY is not the key this backup was made with"):
        call_command("restore_database", str(backup), into=str(target))
    assert not target.exists() and not list(tmp_path.glob("restored*"))


def test_restore_never_overwrites_an_existing_file(transactional_db, key, tmp_path):
    backup = tmp_path / "clinic.backup"
    call_command("backup_database", output=backup, stdout=open(os.devnull, "w"))
    target = tmp_path / "existing.sqlite3"
    target.write_bytes(b"precious")
    if connection.vendor == "sqlite":
        with pytest.raises(CommandError, match="already exists"):
            call_command("restore_database", str(backup), into=str(target))
        assert target.read_bytes() == b"precious"
    else:
        with pytest.raises(CommandError, match="never over the live one"):
            call_command("restore_database", str(backup), into=connection.settings_dict["NAME"])


def test_backup_needs_a_key(db, settings, tmp_path):
    settings.BACKUP_KEY = ""
    with pytest.raises(CommandError, match="Set DJANGO_BACKUP_KEY"):
        call_command("backup_database", output=tmp_path / "clinic.backup")
    assert not list(tmp_path.iterdir())
