"""The staff admin: Django's admin site that, in production, also requires a verified second factor.

It replaces the default `admin.site` (ClinicAdminConfig.default_site), so every `@admin.register` and
every `admin:` URL name keeps working. ADMIN_REQUIRE_2FA (env DJANGO_ADMIN_REQUIRE_2FA) switches the
second factor; it is read per request.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.db import models
from django.urls import NoReverseMatch, reverse

from content.go_live import go_live_issues
from staff import accounts as staff_accounts
from staff import sign_in_limits
from staff.sign_in_forms import PasswordLoginForm, SecondFactorLoginForm


class ClinicAdminSite(admin.AdminSite):
    site_header = "Resilience Integrative Wellness — staff"
    site_title = "Clinic staff"
    index_title = "Site content and waitlist"
    login_template = "admin/clinic_login.html"
    index_template = "admin/clinic_index.html"

    @property
    def login_form(self):
        return SecondFactorLoginForm if staff_accounts.second_factor_required() else PasswordLoginForm

    def login(self, request, extra_context=None):
        response = super().login(request, extra_context)
        # A redirect after a POST with a signed-in user: the whole sign-in (password and code) passed.
        if request.method == "POST" and response.status_code == 302 and request.user.is_authenticated:
            sign_in_limits.remember_browser(username=request.user.get_username(), request=request, response=response)
        wait = getattr(request, "staff_sign_in_wait", None)
        if wait:
            response.status_code = 429
            response["Retry-After"] = str(wait)
        return response

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
