"""Sign-ins and failed sign-ins, from django.contrib.auth's signals (django-axes' lockouts fail through them too)."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from . import services


@receiver(user_logged_in, dispatch_uid="access_record.signed_in")
def record_sign_in(sender, request, user, **kwargs):
    services.record_sign_in(request=request, user=user)


@receiver(user_login_failed, dispatch_uid="access_record.sign_in_failed")
def record_failed_sign_in(sender, credentials, request=None, **kwargs):
    services.record_failed_sign_in(request=request, username=str(credentials.get("username") or ""))
