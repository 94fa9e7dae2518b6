from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

from . import accounts, idle_sign_out


class StaffSessionMaxAgeMiddleware:
    """Sign staff out SESSION_COOKIE_AGE (8 hours) after they signed in, however busy the session was."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _is_signed_in(request) and accounts.session_is_too_old(session=request.session):
            logout(request)
        return self.get_response(request)


class StaffIdleSignOutMiddleware:
    """Sign staff out after STAFF_IDLE_MINUTES without activity (staff.idle_sign_out).

    After MessageMiddleware, so the login page can say why. Like the 8-hour cap, it looks only at requests
    that carry a session cookie, so a visitor's public page never touches a session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _is_signed_in(request) and idle_sign_out.is_idle(session=request.session):
            logout(request)
            messages.info(
                request,
                f"You were signed out after {idle_sign_out.idle_limit_text()} without activity.",
                fail_silently=True,
            )
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _is_signed_in(request) and idle_sign_out.counts_as_activity(view_func):
            idle_sign_out.note_activity(session=request.session)


def _is_signed_in(request) -> bool:
    # Only requests that carry a session cookie: touching the session of a visitor without one would
    # add "Vary: Cookie" to every public page.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated
