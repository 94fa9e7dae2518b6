"""The worker's nightly backup: off without a folder, keeps the newest N, and never fails the worker."""

import logging
import os
import time

import pytest
from django.db import connection, connections

from backups.encryption import new_key
from backups.services import BackupFailed, backup_database, configured_key
from jobs.models import RoutineRun
from jobs.registry import routine_jobs
from jobs.services import run_routine_job
from tests.faults import silent_server

pytestmark = pytest.mark.django_db(transaction=True)  # a backup sees committed data only


@pytest.fixture
def backup_folder(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path
    settings.BACKUP_KEY = new_key()
    return tmp_path


def test_the_nightly_backup_is_a_routine_job_of_the_worker():
    job = routine_jobs()["backup-database"]
    assert job.function == "backups.services.run_nightly_backup" and job.every_seconds == 24 * 3600


def test_off_when_no_folder_is_set(settings):
    settings.BACKUP_DIR = None
    assert run_routine_job(job="backup-database", slot=1) == "off (DJANGO_BACKUP_DIR is not set)"


def test_writes_a_backup_and_keeps_only_the_newest(backup_folder, settings):
    settings.BACKUP_KEEP = 3
    old = [backup_folder / f"clinic-2020010{day}-030000.backup" for day in range(1, 6)]
    for path in old:
        path.write_bytes(b"an old backup")
    unrelated = backup_folder / "notes.txt"
    unrelated.write_text("not a backup")

    result = run_routine_job(job="backup-database", slot=1)

    kept = sorted(path.name for path in backup_folder.glob("clinic-*.backup"))
    assert len(kept) == 3
    assert kept[:2] == [old[3].name, old[4].name]  # the two newest old ones and tonight's
    assert kept[2].startswith(time.strftime("clinic-%Y", time.gmtime()))
    assert (backup_folder / kept[2]).stat().st_size > 1000
    assert oct((backup_folder / kept[2]).stat().st_mode & 0o777) == "0o600"
    assert unrelated.exists()
    assert result.startswith(kept[2]) and result.endswith("removed 3 old")
    assert RoutineRun.objects.get(job="backup-database", slot=1).result == result


def test_a_backup_that_died_half_way_is_cleared_later_but_not_a_running_one(backup_folder, settings):
    stale = backup_folder / "clinic-20200101-030000.backup.partial"
    running = backup_folder / "clinic-20200102-030000.backup.partial"
    stale.write_bytes(b"half")
    running.write_bytes(b"half")
    long_ago = time.time() - 3 * settings.BACKUP_TIMEOUT_SECONDS
    os.utime(stale, (long_ago, long_ago))
    run_routine_job(job="backup-database", slot=1)
    assert not stale.exists() and running.exists()


def test_a_missing_folder_is_logged_and_reported_never_raised(settings, tmp_path, caplog):
    settings.BACKUP_DIR = tmp_path / "not-mounted"
    settings.BACKUP_KEY = new_key()
    with caplog.at_level(logging.ERROR, logger="backups.services"):
        result = run_routine_job(job="backup-database", slot=1)
    assert result == f"failed: the backup folder {tmp_path / 'not-mounted'} does not exist"
    assert "Nightly backup failed" in caplog.text
    assert RoutineRun.objects.get(job="backup-database", slot=1).result == result


def test_a_missing_key_is_reported(backup_folder, settings):
    settings.BACKUP_KEY = ""
    assert run_routine_job(job="backup-database", slot=1).startswith("failed: Set DJANGO_BACKUP_KEY")
    assert not list(backup_folder.iterdir())


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_a_missing_pg_dump_is_reported(backup_folder, monkeypatch):
    monkeypatch.setenv("PATH", str(backup_folder))
    result = run_routine_job(job="backup-database", slot=1)
    assert result == "failed: pg_dump is not installed (Debian: apt-get install postgresql-client)."
    assert not list(backup_folder.iterdir())


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_a_database_that_never_answers_stops_the_backup_at_the_timeout(backup_folder, settings, monkeypatch):
    settings.BACKUP_TIMEOUT_SECONDS = 1
    with silent_server() as server:
        # The same database settings, at an address that accepts connections and never answers.
        options = {**connection.settings_dict["OPTIONS"], "connect_timeout": 60}
        silent = {**connection.settings_dict, "HOST": "127.0.0.1", "PORT": server.port, "OPTIONS": options}
        monkeypatch.setitem(connections.settings, "silent", silent)
        try:
            with pytest.raises(BackupFailed, match=r"^pg_dump took longer than 1 s and was stopped\.$"):
                backup_database(destination=backup_folder / "clinic.backup", key=configured_key(), using="silent")
        finally:
            del connections["silent"]
        assert server.received > 0  # pg_dump did reach the silent server
    assert not list(backup_folder.iterdir())
