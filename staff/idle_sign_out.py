"""Automatic sign-out of idle staff sessions (HIPAA 164.312(a)(2)(iii)).

A staff session ends STAFF_IDLE_MINUTES after its last activity: any request a signed-in staff member
makes, except the warning script's checks of the time left (views marked `not_activity`). The server
enforces it (staff.middleware.StaffIdleSignOutMiddleware); the admin's script only warns before.
"""

import math
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone

LAST_ACTIVITY_SESSION_KEY = "clinic_last_activity_at"


def idle_limit_seconds() -> int:
    return round(settings.STAFF_IDLE_MINUTES * 60)


def idle_limit_text() -> str:
    """'15 minutes', '1 minute': how long a session may stay idle, in words."""
    minutes = settings.STAFF_IDLE_MINUTES
    return f"{minutes:g} minute" + ("" if minutes == 1 else "s")


def note_activity(*, session) -> None:
    now = int(timezone.now().timestamp())
    if session.get(LAST_ACTIVITY_SESSION_KEY) != now:  # at most one session write a second
        session[LAST_ACTIVITY_SESSION_KEY] = now


def seconds_left(*, session) -> int:
    """Whole seconds before the session ends for want of activity; 0 once it has."""
    last_activity = session.get(LAST_ACTIVITY_SESSION_KEY)
    if last_activity is None:
        note_activity(session=session)  # a session from before this rule: its clock starts now
        return idle_limit_seconds()
    return max(0, math.ceil(idle_limit_seconds() - (timezone.now().timestamp() - last_activity)))


def is_idle(*, session) -> bool:
    return seconds_left(session=session) == 0


def not_activity(view: Callable) -> Callable:
    """Mark a view whose requests do not by themselves keep a staff session alive."""
    view.staff_idle_not_activity = True  # type: ignore[attr-defined]  # a mark on the function, like csrf_exempt
    return view


def counts_as_activity(view: Callable) -> bool:
    return not getattr(view, "staff_idle_not_activity", False)
