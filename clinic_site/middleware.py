import logging

from django.db import InterfaceError, OperationalError

from .views import render_without_database

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """A database that is down or too slow gets the branded "try again soon" page, status 503.

    Sits near the top so it also catches what the page cache and the views below it raise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        # The class name only: database errors can quote the values of a failed statement.
        logger.error("Database unavailable while serving a request: %s", type(exception).__name__)
        return render_without_database("503.html", status=503, headers={"Retry-After": "30"})
