"""Sign-ins and failed sign-ins, from django.contrib.auth's signals (django-axes' lockouts fail through them too),
and what happens to staff accounts, from the staff app's own (staff.events)."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from staff import events

from . import services


@receiver(user_logged_in, dispatch_uid="access_record.signed_in")
def record_sign_in(sender, request, user, **kwargs):
    services.record_sign_in(request=request, user=user)


@receiver(user_login_failed, dispatch_uid="access_record.sign_in_failed")
def record_failed_sign_in(sender, credentials, request=None, **kwargs):
    services.record_failed_sign_in(request=request, username=str(credentials.get("username") or ""))


@receiver(events.second_factor_enrolled, dispatch_uid="access_record.second_factor")
def record_second_factor(sender, user, replaced, request=None, **kwargs):
    services.record_second_factor(user=user, reset=replaced, request=request)


@receiver(events.second_factor_reset, dispatch_uid="access_record.second_factor_reset")
def record_second_factor_reset(sender, user, request, **kwargs):
    services.record_second_factor(user=user, reset=True, request=request)


@receiver(events.recovery_codes_renewed, dispatch_uid="access_record.recovery_codes_renewed")
def record_recovery_codes_renewed(sender, user, request, **kwargs):
    services.record_second_factor(user=user, reset=False, request=request, detail="new recovery codes")


@receiver(events.signed_out_everywhere, dispatch_uid="access_record.signed_out_everywhere")
def record_sign_out_everywhere(sender, request, users, **kwargs):
    services.record_sign_out_everywhere(request=request, users=users)
