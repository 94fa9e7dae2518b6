"""Staff accounts in the browser: one-time enrolment links, the authenticator app, recovery codes, resets.

The administrator issues a link (`issue_enrolment_link`): it is emailed through the outbox and shown once.
With it the new member chooses a password, scans a QR code, proves a code from the app (`finish_enrolment`)
and receives recovery codes. A reset (`reset_second_factor`) removes the second factor and ends every
session; a new link then lets the person set up their new phone. Everything the access record keeps is
announced through staff.events; nothing here logs a token, a secret or a code.
"""

import hashlib
import re
import secrets
from base64 import b32encode
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from typing import cast

import segno
from django.contrib.auth.models import AbstractBaseUser, User
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from outbox.services import record_email, send_soon

from . import accounts, events
from .models import EnrolmentLink, UsedRecoveryCode

LINK_HOURS = 24
MAX_WRONG_PASSWORDS = 5  # typed to continue an enrolment; then the link ends
ENROLMENT_EMAIL_PURPOSE = "staff.enrolment"
_RECOVERY_CODE_SALT = "staff.used-recovery-code"
APP_CODE = re.compile(r"^\d{6}$")


class LinkProblem(Enum):
    """Why a link does not open: each has its own words on the page (a token cannot be guessed)."""

    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"


class LinkNotValid(Exception):
    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class CodeCheck(Enum):
    """What a typed code turned out to be, for a person whose password is already proven."""

    RIGHT = "right"
    APP_CODE_WRONG = "app_code_wrong"
    RECOVERY_CODE_USED = "recovery_code_used"
    RECOVERY_CODE_UNKNOWN = "recovery_code_unknown"


@dataclass(frozen=True)
class IssuedLink:
    link: EnrolmentLink
    url: str  # a credential: shown once to the administrator and emailed, never logged or stored
    emailed_to: str  # "" when the account has no email address


@dataclass(frozen=True)
class AppSetup:
    """What the member's authenticator app needs: shown once, on the enrolment page, never logged."""

    key: str  # the secret in base32, in groups of four, to type by hand
    config_url: str  # otpauth://totp/...
    qr_code: str  # the same as an SVG data: URI (an <img>, so the strict CSP holds)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- links ---------------------------------------------------------------------------------------------


@transaction.atomic
def issue_enrolment_link(*, user: User, by: User | None, base_url: str) -> IssuedLink:
    """A new one-time link for `user`, valid LINK_HOURS, replacing any earlier link, emailed when possible.

    The account's password stops working (the member chooses a new one with the link): without a second
    factor it could not sign in anyway, and a forgotten half-finished enrolment never blocks a new one.
    Refused (accounts.AlreadyEnrolled) while the user has a second factor: reset it first.
    """
    if accounts.has_second_factor(user=user):
        raise accounts.AlreadyEnrolled(user.get_username())
    EnrolmentLink.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()  # an unfinished enrolment's app secret
    token = secrets.token_urlsafe(32)
    link = EnrolmentLink.objects.create(
        user=user, token_hash=hash_token(token), created_by=by, expires_at=timezone.now() + timedelta(hours=LINK_HOURS)
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    url = base_url.rstrip("/") + reverse("staff_enrol_link", args=[token])
    if user.email:
        email = record_email(
            purpose=ENROLMENT_EMAIL_PURPOSE,
            recipient=user.email,
            subject=ENROLMENT_EMAIL_SUBJECT,
            body=ENROLMENT_EMAIL_BODY.format(name=user.first_name or user.get_username(), username=user.get_username(),
                                             url=url, hours=LINK_HOURS),
        )  # fmt: skip
        send_soon(emails=[email])
    return IssuedLink(link=link, url=url, emailed_to=user.email)


ENROLMENT_EMAIL_SUBJECT = "Set up your staff account at Resilience Integrative Wellness"
ENROLMENT_EMAIL_BODY = """Hello {name},

An administrator has made you a staff account at Resilience Integrative Wellness. Your username is: {username}

Open this link within {hours} hours to choose your password and set up an authenticator app on your phone:

{url}

The link works once. Keep it to yourself: anyone who has it could set up your account.
If you did not expect this email, do not open the link, and tell the clinic's administrator.
"""


def link_for_token(*, token: str) -> EnrolmentLink:
    """The link a token opens, or LinkNotValid saying why not (unknown, expired or already used)."""
    link = EnrolmentLink.objects.select_related("user").filter(token_hash=hash_token(token)).first()
    return _still_valid(link)


def link_by_id(*, link_id: int) -> EnrolmentLink:
    """The link an enrolment in progress (kept in the browser's session) belongs to, if it still works."""
    return _still_valid(EnrolmentLink.objects.select_related("user").filter(pk=link_id).first())


def _still_valid(link: EnrolmentLink | None) -> EnrolmentLink:
    if link is None or not link.user.is_active:
        raise LinkNotValid(LinkProblem.UNKNOWN)
    if link.used_at is not None:
        raise LinkNotValid(LinkProblem.USED)
    if link.is_expired:
        raise LinkNotValid(LinkProblem.EXPIRED)
    return link


def needs_new_password(*, link: EnrolmentLink) -> bool:
    """Whether the member still has to choose a password (else they type the one they chose with this link)."""
    return not link.user.has_usable_password()


# --- the enrolment -------------------------------------------------------------------------------------


def choose_password(*, link: EnrolmentLink, password: str) -> TOTPDevice:
    """Set the member's password (already checked by the validators) and start their authenticator app."""
    user = link.user
    user.set_password(password)
    user.save(update_fields=["password"])
    return new_app_device(user=user)


@dataclass(frozen=True)
class PasswordCheck:
    device: TOTPDevice | None  # the fresh app secret when the password was right
    tries_left: int  # 0: the link has ended


@transaction.atomic
def continue_with_password(*, link: EnrolmentLink, password: str) -> PasswordCheck:
    """The password chosen earlier with this link, typed again (a new browser): right, a fresh app secret.

    After MAX_WRONG_PASSWORDS wrong ones the link ends, so the link and a guessed password never add up.
    """
    locked = EnrolmentLink.objects.select_for_update().get(pk=link.pk)
    if link.user.check_password(password):
        return PasswordCheck(device=new_app_device(user=link.user), tries_left=MAX_WRONG_PASSWORDS)
    locked.wrong_passwords += 1
    if locked.wrong_passwords >= MAX_WRONG_PASSWORDS:
        locked.delete()
    else:
        locked.save(update_fields=["wrong_passwords"])
    return PasswordCheck(device=None, tries_left=MAX_WRONG_PASSWORDS - locked.wrong_passwords)


def new_app_device(*, user: User) -> TOTPDevice:
    """A new, not yet confirmed authenticator-app secret, replacing any other unconfirmed one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=accounts.TOTP_DEVICE_NAME, confirmed=False)


def app_setup(*, device: TOTPDevice) -> AppSetup:
    key = b32encode(device.bin_key).decode()
    config_url = cast(str, device.config_url)
    # Black on white whatever the admin's colour theme, so every camera reads it.
    qr = segno.make(config_url, error="m")
    qr_code = qr.svg_data_uri(scale=1, border=2, omitsize=True, dark="#000", light="#fff")
    return AppSetup(key=" ".join(key[i : i + 4] for i in range(0, len(key), 4)), config_url=config_url, qr_code=qr_code)


def unconfirmed_device(*, link: EnrolmentLink, device_id: int) -> TOTPDevice | None:
    """The app secret this enrolment started, if it is still the member's unconfirmed one."""
    device: TOTPDevice | None = TOTPDevice.objects.filter(pk=device_id, user=link.user, confirmed=False).first()
    return device


def app_code_is_right(*, device: TOTPDevice, code: str) -> bool:
    return bool(APP_CODE.match(code)) and bool(device.verify_token(code))


@transaction.atomic
def finish_enrolment(*, link: EnrolmentLink, device: TOTPDevice, request: HttpRequest) -> list[str]:
    """The app's code was right: confirm the app, give the member recovery codes, and end the link.

    Returns the recovery codes (a credential: shown once). Announces the set-up for the access record.
    """
    locked = EnrolmentLink.objects.select_for_update().filter(pk=link.pk).first()
    _still_valid(locked)
    assert locked is not None  # _still_valid refuses a link that is gone
    user = link.user
    if accounts.has_second_factor(user=user):  # set up meanwhile on the server (enrol_staff_2fa)
        raise LinkNotValid(LinkProblem.USED)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = accounts.new_recovery_codes(user=user)
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at"])
    events.second_factor_enrolled.send(sender=finish_enrolment, user=user, replaced=False, request=request)
    return codes


# --- recovery codes ------------------------------------------------------------------------------------


@transaction.atomic
def renew_recovery_codes(*, user: User, request: HttpRequest) -> list[str]:
    """A signed-in member's new set of recovery codes (the old ones stop working); announced for the record."""
    codes = accounts.new_recovery_codes(user=user)
    events.recovery_codes_renewed.send(sender=renew_recovery_codes, user=user, request=request)
    return codes


def normalised_code(code: str) -> str:
    """A code as typed, without spaces; recovery codes are lower case (django-otp's alphabet), so any case works."""
    return "".join(code.split()).lower()


def _code_hash(code: str) -> str:
    return salted_hmac(_RECOVERY_CODE_SALT, code).hexdigest()


def note_recovery_code_used(*, device: StaticDevice, code: str) -> None:
    """Remember that `code` was used on `device` (django-otp has deleted it), to say so if it is typed again."""
    UsedRecoveryCode.objects.create(device=device, code_hash=_code_hash(normalised_code(code)))


def recovery_codes_left(*, user: AbstractBaseUser) -> int:
    count: int = StaticToken.objects.filter(device__user=user, device__name=accounts.RECOVERY_DEVICE_NAME).count()
    return count


def check_code(*, user: User, code: str) -> CodeCheck:
    """A code typed by someone whose password and second factor are already proven (signed in): what it is.

    Only here may the answer tell a used recovery code from a wrong one, and either from a wrong app code;
    the sign-in itself answers every failure alike (staff.sign_in_forms).
    """
    code = normalised_code(code)
    if APP_CODE.match(code):
        app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        return CodeCheck.RIGHT if app is not None and app.verify_token(code) else CodeCheck.APP_CODE_WRONG
    recovery = StaticDevice.objects.filter(user=user, name=accounts.RECOVERY_DEVICE_NAME).first()
    if recovery is None:
        return CodeCheck.RECOVERY_CODE_UNKNOWN
    if recovery.verify_token(code):
        note_recovery_code_used(device=recovery, code=code)
        return CodeCheck.RIGHT
    if UsedRecoveryCode.objects.filter(device=recovery, code_hash=_code_hash(code)).exists():
        return CodeCheck.RECOVERY_CODE_USED
    return CodeCheck.RECOVERY_CODE_UNKNOWN


# --- resets --------------------------------------------------------------------------------------------


@transaction.atomic
def reset_second_factor(*, user: User, request: HttpRequest) -> int:
    """Remove `user`'s authenticator app and recovery codes and end every session they have (returns how many).

    A lost phone, and any browser it verified, stops working at once. Announced for the access record as a
    reset and a sign-out everywhere, by the administrator in `request`.
    """
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    EnrolmentLink.objects.filter(user=user).delete()
    ended = accounts.sign_out_everywhere(user=user)
    events.second_factor_reset.send(sender=reset_second_factor, user=user, request=request)
    events.signed_out_everywhere.send(sender=reset_second_factor, request=request, users=[user])
    return ended
