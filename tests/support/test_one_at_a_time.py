"""On in-memory SQLite the live server shares the test's connection: a test's query waits for the request under
way (a live preview's transaction it rolls back), so it never reads words that are about to be rolled back."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from tests.support import one_at_a_time

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_query_of_the_test_waits_for_the_request_under_way(live_server):
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        pytest.skip("a database of its own (PostgreSQL) gives each request a connection of its own")
    order, holding = [], threading.Event()

    def request_under_way():
        with one_at_a_time._turn:
            holding.set()
            threading.Event().wait(0.3)  # the request's work, while the test tries to read
            order.append("request answered")

    request = threading.Thread(target=request_under_way)
    request.start()
    assert holding.wait(10)
    Group.objects.count()
    order.append("test read")
    request.join(10)
    assert order == ["request answered", "test read"]
