"""What a higher app offers on the call-back thank-you page (booking: "choose a time for our call"), and where a
person goes once they said yes to a place on the waitlist (booking: the page for choosing a time).

Intake never imports such an app: the app registers a function here (in its AppConfig.ready) that takes the request
this browser just made and returns what its include needs ({"template": ..., ...}), or None to offer nothing.
The request is known from a short-lived signed cookie set when the form is accepted (never for a duplicate, whose
existing request belongs to whoever made it).
"""

from collections.abc import Callable

from django.core import signing
from django.http import HttpRequest, HttpResponse

from .models import IntakeRequest

NextStep = Callable[[IntakeRequest], dict[str, object] | None]
CALL_BACK_NEXT_STEPS: list[NextStep] = []
# Each takes the waitlist entry whose invitation was just accepted and returns the path to send the person to, or None.
AFTER_ACCEPTING_A_PLACE: list[Callable[[IntakeRequest], str | None]] = []

COOKIE = "callback_request"
SALT = "intake.call-back-next-step"
MAX_AGE_SECONDS = 3600


def remember(*, response: HttpResponse, entry: IntakeRequest, path: str, secure: bool) -> None:
    """Let the thank-you page (at `path`) offer the next steps for this request, for an hour, in this browser only."""
    response.set_signed_cookie(
        COOKIE, str(entry.removal_key), salt=SALT, max_age=MAX_AGE_SECONDS, path=path, secure=secure,
        httponly=True, samesite="Lax",
    )  # fmt: skip


def offered(*, request: HttpRequest) -> list[dict[str, object]]:
    """What the registered apps offer for the request this browser just made; none without a valid cookie."""
    if not CALL_BACK_NEXT_STEPS:
        return []
    try:
        key = request.get_signed_cookie(COOKIE, salt=SALT, max_age=MAX_AGE_SECONDS)
    except (KeyError, signing.BadSignature):
        return []
    if not key:
        return []
    entry = IntakeRequest.objects.select_related("treatment").filter(removal_key=key).first()
    if entry is None or not entry.is_active:
        return []
    return [step for offer in CALL_BACK_NEXT_STEPS if (step := offer(entry)) is not None]


def after_accepting_a_place(*, entry: IntakeRequest) -> str | None:
    """The first registered app's next page for a person who just said yes to a place, or None (their own page)."""
    return next((path for step in AFTER_ACCEPTING_A_PLACE if (path := step(entry)) is not None), None)
