"""The tests' live server answers one request at a time while its database is SQLite in memory.

Django's live server shares the test's one in-memory SQLite connection between all its threads, so two requests
at once would run in one transaction: a page's live preview (a transaction it rolls back) beside the editor's
next click would roll back, or break, the other's work. A real server gives each request a connection of its own.
The test's own queries share that connection too, so they take their turn as well (`take_turns`, installed for
every test): a query of the test waits for the request under way, so it never reads a live preview's words before
they are rolled back, nor writes inside the preview's transaction.
"""

import threading
from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, HttpResponse

_turn = threading.RLock()  # a request's own queries take the turn it already has


class OneRequestAtATime:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if connection.vendor != "sqlite" or not connection.is_in_memory_db():  # type: ignore[attr-defined]
            return self.get_response(request)
        with _turn:
            return self.get_response(request)


def _in_turn(execute, sql, params, many, context):  # type: ignore[no-untyped-def]  # Django's execute_wrapper
    with _turn:
        return execute(sql, params, many, context)


def take_turns() -> None:
    """From now on every query on the shared in-memory SQLite connection (the test's too) waits for the request
    under way; nothing on a database of its own, such as PostgreSQL."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db() and _in_turn not in connection.execute_wrappers:  # type: ignore[attr-defined]
        connection.execute_wrappers.append(_in_turn)


def wait_for_requests() -> None:
    """Until the request under way, if any, is answered (a test's end, before its database is emptied)."""
    with _turn:
        pass
