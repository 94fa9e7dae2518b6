"""The tests' live server answers one request at a time while its database is SQLite in memory.

Django's live server shares the test's one in-memory SQLite connection between all its threads, so two requests
at once would run in one transaction: a page's live preview (a transaction it rolls back) beside the editor's
next click would roll back, or break, the other's work. A real server gives each request a connection of its own.
The test's own queries share that connection too: a browser test waits for a change form's live preview to
answer (`aria-busy="false"` on its frame) before it reads or writes the database, or it may read the preview's
words before they are rolled back.
"""

import threading
from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, HttpResponse

_turn = threading.Lock()


class OneRequestAtATime:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if connection.vendor != "sqlite" or not connection.is_in_memory_db():  # type: ignore[attr-defined]
            return self.get_response(request)
        with _turn:
            return self.get_response(request)


def wait_for_requests() -> None:
    """Until the request under way, if any, is answered (a test's end, before its database is emptied)."""
    with _turn:
        pass
