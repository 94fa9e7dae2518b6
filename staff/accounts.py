"""Staff accounts: second factor (TOTP app plus one-time recovery codes) and signing out everywhere.

Staff set up their own second factor with a one-time enrolment link from the administrator (staff.services);
`manage.py enrol_staff_2fa USERNAME` does it on the server, for the first administrator (README "Staff
accounts"). A staff session counts as verified once a code from one of the user's devices was accepted at
the admin login; django-otp keeps that device's id in the session, so deleting a device (a reset) or the
sessions (`sign_out_everywhere`) ends the verification too.
"""

import re
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import events
from .models import EnrolmentLink, UsedRecoveryCode

# Engines whose sessions are rows in the database, so one user's sessions can be found.
DATABASE_SESSION_ENGINES = ("django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db")
RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
_TOTP_CODE = re.compile(r"^\d{6}$")


class AlreadyEnrolled(Exception):
    """The user already has a second factor; replacing it needs an explicit reset."""


@dataclass(frozen=True)
class Enrolment:
    totp_device: TOTPDevice
    config_url: str  # otpauth://totp/... for the authenticator app (a credential: show once, never log)
    recovery_codes: list[str]


def second_factor_required() -> bool:
    return settings.ADMIN_REQUIRE_2FA


def is_verified_staff(*, user) -> bool:
    """Whether this user may use staff pages in this session: verified by a second factor when one is required."""
    if not (user.is_active and user.is_staff):
        return False
    if not second_factor_required():
        return True
    is_verified = getattr(user, "is_verified", None)  # set by django_otp's OTPMiddleware
    return bool(is_verified and is_verified())


def has_second_factor(*, user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def enrol(*, user, reset: bool = False) -> Enrolment:
    """Give `user` a new authenticator-app secret and a fresh set of recovery codes.

    Without `reset` a user who already has an authenticator app is refused (AlreadyEnrolled). With it,
    every existing device and recovery code is deleted first, and so is every session verified by them.
    """
    replacing = has_second_factor(user=user)
    if replacing and not reset:
        raise AlreadyEnrolled(user.get_username())
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    EnrolmentLink.objects.filter(user=user).delete()  # set up here instead: an open link would replace it
    totp = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
    codes = new_recovery_codes(user=user)
    events.second_factor_enrolled.send(sender=enrol, user=user, replaced=replacing)
    return Enrolment(totp_device=totp, config_url=totp.config_url, recovery_codes=codes)


def new_recovery_codes(*, user) -> list[str]:
    """A fresh set of recovery codes on the user's one recovery-code device (kept, so a session it verified
    stays verified); the old codes, and the memory of used ones, go."""
    device = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    StaticToken.objects.filter(device=device).delete()
    UsedRecoveryCode.objects.filter(device=device).delete()
    codes = [str(StaticToken.random_token()) for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def device_for_token(*, user, token: str) -> Device | None:
    """The device a typed code belongs to: six digits are from the app, anything else is a recovery code.

    Choosing by shape means a wrong app code never counts as a failed recovery-code attempt (and the
    other way round), so one device's throttling never blocks the other.
    """
    model = TOTPDevice if _TOTP_CODE.match(token.strip()) else StaticDevice
    return model.objects.filter(user=user, confirmed=True).first()


def sign_out_everywhere(*, user) -> int:
    """End every session of `user` on every browser (and so their second-factor verification); returns how many."""
    if settings.SESSION_ENGINE not in DATABASE_SESSION_ENGINES:
        raise ImproperlyConfigured(f"Signing out everywhere needs database sessions, not {settings.SESSION_ENGINE}.")
    store = import_module(settings.SESSION_ENGINE).SessionStore
    user_id = str(user.pk)
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == user_id:
            store(session_key=session.session_key).delete()  # through the engine, so a cached copy goes too
            ended += 1
    return ended


SIGNED_IN_AT_SESSION_KEY = "clinic_signed_in_at"


def note_sign_in(*, session) -> None:
    session[SIGNED_IN_AT_SESSION_KEY] = int(timezone.now().timestamp())


def session_is_too_old(*, session) -> bool:
    """Whether a signed-in session has lasted longer than SESSION_COOKIE_AGE since sign-in (not since last use)."""
    signed_in_at = session.get(SIGNED_IN_AT_SESSION_KEY)
    if signed_in_at is None:
        note_sign_in(session=session)  # a session from before this rule: its clock starts now
        return False
    return timezone.now().timestamp() - signed_in_at > settings.SESSION_COOKIE_AGE
