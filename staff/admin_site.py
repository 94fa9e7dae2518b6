"""The staff admin: Django's admin site that, in production, also requires a verified second factor.

It replaces the default `admin.site` (ClinicAdminConfig.default_site), so every `@admin.register` and
every `admin:` URL name keeps working. ADMIN_REQUIRE_2FA (env DJANGO_ADMIN_REQUIRE_2FA) switches the
second factor; it is read per request.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.db import models
from django.urls import NoReverseMatch, reverse
from django_otp.admin import OTPAdminAuthenticationForm

from content.go_live import go_live_issues
from staff import accounts as staff_accounts


class SecondFactorLoginForm(OTPAdminAuthenticationForm):
    """Username, password and one code: from the authenticator app, or a recovery code."""

    otp_token = forms.CharField(
        label="Authentication code",
        required=False,
        max_length=32,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": "Please enter the code from your authenticator app (or a recovery code).",
        "invalid_token": "That code did not work. Codes change every 30 seconds; please try the current one.",
        "device_required": "This account has no second factor yet. Please ask the administrator to set one up.",
    }

    def _chosen_device(self, user):
        # No device menu: the code's shape says which device it is for (see staff_accounts.device_for_token).
        return staff_accounts.device_for_token(user=user, token=self.cleaned_data.get("otp_token") or "")


class ClinicAdminSite(admin.AdminSite):
    site_header = "Resilience Integrative Wellness — staff"
    site_title = "Clinic staff"
    index_title = "Site content and waitlist"
    login_template = "admin/clinic_login.html"
    index_template = "admin/clinic_index.html"

    @property
    def login_form(self):
        return SecondFactorLoginForm if staff_accounts.second_factor_required() else AdminAuthenticationForm

    def has_permission(self, request):
        return super().has_permission(request) and staff_accounts.is_verified_staff(user=request.user)

    def index(self, request, extra_context=None):
        """The admin home, with the go-live checklist for the staff who can fix it, each item linked to its fix."""
        checklist = [
            {"message": issue.msg, "hint": issue.hint, "url": _admin_url(issue)}
            for issue in go_live_issues()
            if _can_fix(request.user, issue.obj)
        ]
        return super().index(request, {"go_live_issues": checklist, **(extra_context or {})})


def _is_model(obj) -> bool:
    return isinstance(obj, type) and issubclass(obj, models.Model)


def _can_fix(user, obj) -> bool:
    """Staff who may change the record (obj=record) or the model's records (obj=Model) the issue is about."""
    if not isinstance(obj, models.Model) and not _is_model(obj):
        return True
    return user.has_perm(f"{obj._meta.app_label}.change_{obj._meta.model_name}")


def _admin_url(issue) -> str | None:
    """Where the issue is fixed: the record's change form, or the model's change list narrowed to the records."""
    obj = issue.obj
    try:
        if _is_model(obj):
            url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_changelist")
            query = getattr(issue, "changelist_query", {})
            return f"{url}?{urlencode(query)}" if query else url
        if isinstance(obj, models.Model) and obj.pk is not None:
            return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        pass
    return None
