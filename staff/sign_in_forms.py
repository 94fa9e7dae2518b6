"""The staff sign-in forms: one answer for every wrong username, password or code.

What a failed sign-in shows is the same whichever part was wrong (an unknown or inactive user, a
wrong password, a non-staff account, a missing second factor, a wrong or reused code): the same
message, status 200, and the same steps taken (the password is always hashed, Django hashes even for
unknown users; every failure is counted by django-axes and by the account's delay). So a right
password is never confirmed without a right code, not even by the password being typed back into
the field. An empty code box is refused before anything is checked, the same for any password.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_static.models import StaticDevice

from . import accounts as staff_accounts
from . import services as staff_services
from . import sign_in_limits

SIGN_IN_FAILED_WITH_CODE = (
    "Sign-in did not work: the username, password or authentication code is not right. "
    "App codes change every 30 seconds, and each recovery code works only once."
)
SIGN_IN_FAILED = "Sign-in did not work: the username or password is not right."
CODE_REQUIRED = "Please enter the code from your authenticator app (or a recovery code)."
ACCOUNT_WAIT = (
    "There have been many failed sign-ins to this account, so each try now has to wait. "
    "Please wait {seconds} seconds and try again."
)


class OneAnswerMixin(AuthenticationForm):
    """Checks the account's delay, then the credentials; any failure is counted and answered alike."""

    failed_message = SIGN_IN_FAILED

    def clean(self):
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if username is None or password is None or self.errors:
            return self.cleaned_data  # a field is missing: said next to it, nothing checked
        wait = sign_in_limits.seconds_to_wait(username=username, request=self.request)
        if wait:
            self.request.staff_sign_in_wait = wait
            raise ValidationError(ACCOUNT_WAIT.format(seconds=wait), code="account_wait")
        try:
            self.check_credentials()
        except ValidationError:
            self._count_failure(username)
            raise ValidationError(self.failed_message, code="invalid_login") from None
        sign_in_limits.forget_failures(username=username)
        return self.cleaned_data

    def check_credentials(self) -> None:
        raise NotImplementedError

    def _count_failure(self, username: str) -> None:
        if self.user_cache is not None:
            # The password was right and something after it was not (not staff, no or a wrong code).
            # authenticate() told django-axes of nothing, so tell it here: it counts like a wrong password.
            user_login_failed.send(sender=type(self), credentials={"username": username}, request=self.request)
            self.user_cache = None
        sign_in_limits.note_failure(username=username)


class PasswordLoginForm(OneAnswerMixin, AdminAuthenticationForm):
    """Username and password (local work, where no second factor is required)."""

    def check_credentials(self) -> None:
        AdminAuthenticationForm.clean(self)


class SecondFactorLoginForm(OneAnswerMixin, OTPAdminAuthenticationForm):
    """Username, password and one code: from the authenticator app, or a recovery code."""

    failed_message = SIGN_IN_FAILED_WITH_CODE

    otp_token = forms.CharField(
        label="Authentication code",
        max_length=32,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        error_messages={"required": CODE_REQUIRED},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def clean_otp_token(self) -> str:
        return staff_services.normalised_code(self.cleaned_data["otp_token"])

    def check_credentials(self) -> None:
        OTPAdminAuthenticationForm.clean(self)  # the password (AuthenticationForm), then the code
        device = getattr(self.user_cache, "otp_device", None)
        if isinstance(device, StaticDevice):  # remembered, to say so where the person is signed in and types it again
            staff_services.note_recovery_code_used(device=device, code=self.cleaned_data["otp_token"])

    def _chosen_device(self, user):
        # No device menu: the code's shape says which device it is for (see staff_accounts.device_for_token).
        return staff_accounts.device_for_token(user=user, token=self.cleaned_data.get("otp_token") or "")

    def _update_form(self, user):
        # django-otp types the password back into the form once it was right: that would confirm it.
        pass
