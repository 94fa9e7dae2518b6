"""Production fails closed: a backup folder without a usable key refuses to start."""

import pytest

from backups.encryption import new_key
from tests.clinic_site.test_foundation_settings import PRODUCTION_ENV, run_django

PRINT_BACKUP_SETTINGS = "from django.conf import settings; print(settings.BACKUP_DIR, settings.BACKUP_KEEP)"


@pytest.mark.own_database
def test_production_refuses_a_backup_folder_without_a_key(tmp_path):
    result = run_django(
        ["manage.py", "shell", "-c", PRINT_BACKUP_SETTINGS], {**PRODUCTION_ENV, "DJANGO_BACKUP_DIR": str(tmp_path)}
    )
    assert result.returncode != 0
    assert "Production needs it whenever DJANGO_BACKUP_DIR is set" in result.stderr


@pytest.mark.own_database
def test_a_malformed_key_is_refused_in_any_mode(tmp_path):
    result = run_django(
        ["manage.py", "shell", "-c", PRINT_BACKUP_SETTINGS],
        {"DJANGO_DEBUG": "true", "DJANGO_BACKUP_KEY": "password123"},
    )
    assert result.returncode != 0
    assert "DJANGO_BACKUP_KEY must be 32 random bytes" in result.stderr


@pytest.mark.own_database
def test_production_starts_with_a_folder_and_a_key_and_keeps_14_by_default(tmp_path):
    env = {**PRODUCTION_ENV, "DJANGO_BACKUP_DIR": str(tmp_path), "DJANGO_BACKUP_KEY": new_key()}
    result = run_django(["manage.py", "shell", "-c", PRINT_BACKUP_SETTINGS], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [str(tmp_path), "14"]


def test_the_go_live_checklist_reports_a_site_without_nightly_backups(settings, tmp_path):
    from backups.checks import nightly_backups_are_set_up

    settings.BACKUP_DIR = None
    assert [message.id for message in nightly_backups_are_set_up()] == ["backups.W001"]
    settings.BACKUP_DIR = tmp_path
    assert nightly_backups_are_set_up() == []
