"""A transactional test ends by putting back the rows the session's setup left (tests/support/snapshot.py): the
rows it added go, the rows it changed or deleted come back, and new rows can still be saved afterwards."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from clinic.models import ClinicDetails
from tests.support import snapshot
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
