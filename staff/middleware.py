from django.conf import settings
from django.contrib.auth import logout

from . import accounts


class StaffSessionMaxAgeMiddleware:
    """Sign staff out SESSION_COOKIE_AGE (8 hours) after they signed in, however busy the session was."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only requests that carry a session cookie: touching the session of a visitor without one would
        # add "Vary: Cookie" to every public page.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            if accounts.session_is_too_old(session=request.session):
                logout(request)
        return self.get_response(request)
