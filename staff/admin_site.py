"""The staff admin: Django's admin site that, in production, also requires a verified second factor.

It replaces the default `admin.site` (ClinicAdminConfig.default_site), so every `@admin.register` and
every `admin:` URL name keeps working. ADMIN_REQUIRE_2FA (env DJANGO_ADMIN_REQUIRE_2FA) switches the
second factor; it is read per request.
"""

from urllib.parse import urlencode

from django.apps import apps as django_apps
from django.contrib import admin, messages
from django.db import models
from django.urls import NoReverseMatch, path, reverse
from django_otp.plugins.otp_static.models import StaticDevice

from content import search as content_search
from content.go_live import go_live_issues
from staff import accounts as staff_accounts
from staff import services as staff_services
from staff import sign_in_limits
from staff.forms import ContentSearchForm
from staff.sign_in_forms import PasswordLoginForm, SecondFactorLoginForm

# The admin in plain words. Our apps name themselves in their AppConfigs; the libraries' apps get their names
# here (StaffConfig.ready: only the verbose name changes, never a label, table or migration; subclassing their
# AppConfigs instead would hide django.contrib.auth from django-stubs). A library model's own name cannot
# change without a migration in that library, so the home page names it here. Models staff never need are left
# off the home page (their pages still work, for developers).
PLAIN_APP_NAMES = {
    "auth": "Staff accounts",
    "axes": "Sign-in lockouts",
    "otp_totp": "Second factor: authenticator apps",
    "otp_static": "Second factor: recovery codes",
    "django_tasks_database": "Background work",
}
PLAIN_MODEL_NAMES = {
    "auth.user": "Staff members",
    "auth.group": "Roles",
    "axes.accessattempt": "Failed sign-ins by address",
}
LEFT_OFF_THE_HOME_PAGE = {"axes.accesslog", "axes.accessfailurelog", "django_tasks_database.dbtaskresult"}


def name_library_apps() -> None:
    for label, name in PLAIN_APP_NAMES.items():
        django_apps.get_app_config(label).verbose_name = name


class ViewOnlyAdmin(admin.ModelAdmin):
    """A model staff only read in the admin: nobody adds, changes or deletes a record there, superusers too."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
            if isinstance(getattr(request.user, "otp_device", None), StaticDevice):
                _say_recovery_code_used(request)
        wait = getattr(request, "staff_sign_in_wait", None)
        if wait:
            response.status_code = 429
            response["Retry-After"] = str(wait)
        return response

    def has_permission(self, request):
        return super().has_permission(request) and staff_accounts.is_verified_staff(user=request.user)

    def get_urls(self):
        from staff.views import content_search, own_second_factor

        return [
            path("second-factor/", self.admin_view(own_second_factor), name="own_second_factor"),
            path("search/", self.admin_view(content_search), name="content_search"),
        ] + super().get_urls()

    def searchable_models(self, request) -> list[type[models.Model]]:
        """The content models (content.search) whose change pages this staff member may open: what their search
        reads. Nobody else's: a coordinator, who may change no content, searches nothing."""
        return [
            model
            for model in content_search.sources()
            if self.is_registered(model) and self.get_model_admin(model).has_view_or_change_permission(request)
        ]

    def each_context(self, request):
        """Every admin page's context, with the address of the content search for staff who can search anything
        (the header's search box: templates/admin/base_site.html)."""
        context = super().each_context(request)
        if context["has_permission"] and self.searchable_models(request):
            context["content_search_url"] = reverse("admin:content_search")
        return context

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            models_shown = []
            for model in app["models"]:
                label = model["model"]._meta.label_lower
                if label in LEFT_OFF_THE_HOME_PAGE:
                    continue
                model["name"] = PLAIN_MODEL_NAMES.get(label, model["name"])
                models_shown.append(model)
            app["models"] = sorted(models_shown, key=lambda model: model["name"].lower())
        return [app for app in apps if app["models"]]

    def index(self, request, extra_context=None):
        """The admin home, with the content search and the go-live checklist for the staff who can fix it, each item
        linked to its fix."""
        checklist = [
            {"message": issue.msg, "hint": issue.hint, "url": _admin_url(issue)}
            for issue in go_live_issues()
            if _can_fix(request.user, issue.obj)
        ]
        search = ContentSearchForm()
        return super().index(
            request, {"go_live_issues": checklist, "content_search_form": search, **(extra_context or {})}
        )


def _say_recovery_code_used(request) -> None:
    """After a sign-in with a recovery code (the password and the code are proven): what happened, and what is left."""
    left = staff_services.recovery_codes_left(user=request.user)
    if left == 0:
        text = "You signed in with your last recovery code. Make a new set now, under “Your second factor”."
    else:
        text = (
            f"You signed in with a recovery code, so that code will not work again. You have {left} recovery "
            f"code{'' if left == 1 else 's'} left; you can make a new set under “Your second factor”."
        )
    messages.add_message(request, messages.WARNING if left <= 3 else messages.INFO, text)


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
