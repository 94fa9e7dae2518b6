from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import accounts, idle_sign_out


@receiver(user_logged_in, dispatch_uid="staff.signed_in")
def start_session_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        accounts.note_sign_in(session=request.session)
        idle_sign_out.note_activity(session=request.session)
