"""A transactional test ends by putting back the rows the session's setup left (tests/support/snapshot.py): the
rows it added go, the rows it changed or deleted come back, and new rows can still be saved afterwards."""

import threading

import psycopg
import pytest
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from clinic.models import ClinicDetails
from tests.support import snapshot
from tests.support.server import POSTGRES_ADMIN_URL
from treatments.models import Treatment

pytestmark = pytest.mark.django_db(transaction=True)


def the_rows():
    return {
        "treatments": sorted(Treatment.objects.values_list("pk", "slug", "name")),
        "clinic": list(ClinicDetails.objects.values_list("pk", "phone")),
        "groups": sorted(Group.objects.values_list("pk", "name")),
        "permissions": Permission.objects.count(),
        "content types": ContentType.objects.count(),
        "users": User.objects.count(),
    }


def test_restoring_undoes_what_a_transactional_test_did(initial_content):
    before = the_rows()
    assert before["treatments"] and before["clinic"] and before["groups"] and before["permissions"]

    User.objects.create_user(username="left-behind")
    Treatment.objects.filter(slug="spravato").update(name="Renamed")
    Treatment.objects.filter(slug="iv-ketamine-infusion").delete()
    assert the_rows() != before

    set_the_group_ids_back()  # as restoring a backup does
    assert snapshot.restore()
    assert the_rows() == before
    made = Group.objects.create(name="Made after restoring")  # the next id is past every restored row's
    assert Group.objects.get(pk=made.pk).name == "Made after restoring"


def set_the_group_ids_back():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence('auth_group', 'id'), 1, false)")
        else:
            cursor.execute("UPDATE sqlite_sequence SET seq = 0 WHERE name = 'auth_group'")


def test_an_explicit_flush_still_empties_the_database(initial_content):
    call_command("flush", interactive=False, verbosity=0)
    assert not Treatment.objects.exists() and not ClinicDetails.objects.exists()

    assert snapshot.restore()
    assert Treatment.objects.filter(slug="spravato").exists()


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks held by another connection")
def test_a_request_still_holding_rows_when_the_test_ends_makes_the_restore_wait_and_try_again(
    initial_content, monkeypatch
):
    """A live server's last request, still in its transaction when a browser test ends, holds rows of a table the
    restore has not emptied yet, then asks for rows it has emptied: a deadlock, in which PostgreSQL ends the
    restore. The restore tries again once the request is through, and the rows come back all the same."""
    before = the_rows()
    Treatment.objects.filter(slug="spravato").update(name="Renamed")
    tables = list(snapshot._taken["default"].rows)  # the tables with rows, in the order the restore empties them
    first, last = connection.ops.quote_name(tables[0]), connection.ops.quote_name(tables[-1])
    settings = connection.settings_dict
    request = psycopg.connect(
        dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"], port=settings["PORT"] or 5432
    )
    request.execute("SET deadlock_timeout = '30s'")  # the restore, waiting 1 s, finds the deadlock first
    request.execute(f"SELECT 1 FROM {last} FOR UPDATE")
    restore_pid = connection.cursor().connection.info.backend_pid
    tries = []
    copy_back = snapshot._copy_back
    monkeypatch.setattr(snapshot, "_copy_back", lambda *args, **kwargs: tries.append(1) or copy_back(*args, **kwargs))
    outcome = {}

    def hold_then_ask():
        try:
            wait_until_waiting_for_a_lock(restore_pid)
            request.execute(f"SELECT 1 FROM {first} FOR UPDATE")  # rows the restore deleted: waits for it
            outcome["request"] = "done"
        finally:
            request.rollback()  # the request's transaction ends; the restore's next try goes through
            request.close()

    thread = threading.Thread(target=hold_then_ask)
    thread.start()
    assert snapshot.restore()
    thread.join(timeout=30)
    assert outcome == {"request": "done"}
    # PostgreSQL ended the first try, and the restore tried again (on a busy machine a second try can meet the request
    # once more, before its rollback, and be ended too).
    assert len(tries) >= 2
    assert the_rows() == before


def wait_until_waiting_for_a_lock(pid):
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:  # sees the activity of now, not of a snapshot
        for _ in range(3000):
            waiting = admin.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()
            if waiting and waiting[0] == "Lock":
                return
            threading.Event().wait(0.01)
    raise AssertionError("the restore never waited for the request's rows")
