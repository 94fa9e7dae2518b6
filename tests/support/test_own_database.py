"""A test marked `own_database` is left out of `.ci/run`'s PostgreSQL pass, so the suite's database is closed
to it: a test that reads that database after all fails instead of quietly losing its PostgreSQL run."""

import pytest
from django.contrib.auth.models import Group


@pytest.mark.own_database
@pytest.mark.django_db
def test_a_test_marked_own_database_cannot_reach_the_suites_database():
    with pytest.raises(RuntimeError, match="Database access not allowed"):
        Group.objects.count()


@pytest.mark.django_db
def test_an_unmarked_test_reaches_it():
    assert Group.objects.filter(name="Content editors").exists()
