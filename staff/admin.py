"""Staff members and roles in admin, in plain words.

An administrator (a superuser: README "Staff accounts") adds a member with a name, a work email and a role; the
member gets a one-time enrolment link (emailed, and shown once here to hand over) to choose a password and set up
their second factor. Each user's page says whether they have one, and resets it. Roles are chosen by what they let
a person do; the raw permission list is left to superusers, folded away.
"""

import logging

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import accounts as staff_accounts
from staff import events, selectors, services
from staff.admin_site import ViewOnlyAdmin
from staff.roles import ROLE_DESCRIPTIONS

logger = logging.getLogger(__name__)
User = get_user_model()


def can_administer_accounts(user) -> bool:
    """Who sends enrolment links, resets second factors and signs others out: superusers (README "Staff roles")."""
    return user.is_active and user.is_superuser


# --- choosing roles -------------------------------------------------------------------------------------


class RoleCheckboxes(forms.CheckboxSelectMultiple):
    """One checkbox per role, each with a sentence on what the role lets a person do."""

    option_template_name = "admin/staff/role_option.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        option["description"] = ROLE_DESCRIPTIONS.get(str(label), "")
        if option["description"] and option["attrs"].get("id"):
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}_description"
        return option


class RoleField(forms.ModelMultipleChoiceField):
    widget = RoleCheckboxes

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Group.objects.order_by("name"))
        kwargs.setdefault("label", "Roles")
        kwargs.setdefault("help_text", "What this person does at the clinic. Most people have one role.")
        super().__init__(required=False, **kwargs)

    def label_from_instance(self, obj):
        return obj.name


ADMINISTRATOR_LABEL = "Administrator"
ADMINISTRATOR_HELP = (
    "Can do everything, including adding staff and resetting their second factor. Keep this to the few who "
    "administer accounts."
)


class NewStaffMemberForm(forms.ModelForm):
    """A new staff member: no password here (they choose it with their enrolment link)."""

    groups = RoleField()

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "groups", "is_superuser"]
        labels = {"email": "Work email", "is_superuser": ADMINISTRATOR_LABEL}
        help_texts = {
            "email": "Their one-time enrolment link is sent here.",
            "is_superuser": ADMINISTRATOR_HELP,
            "username": "What they type to sign in: letters, digits and @ . + - _ only.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["first_name"].required = True

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User._default_manager.filter(username__iexact=username).exists():
            raise forms.ValidationError("There is already a staff member with this username.", code="unique")
        return username

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("groups") and not cleaned.get("is_superuser"):
            self.add_error("groups", "Choose at least one role (or make the person an administrator).")
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=False)
        user.is_staff = True
        user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user


class StaffMemberChangeForm(UserChangeForm):
    groups = RoleField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain = {
            "is_active": ("Can sign in", "Untick to stop this person signing in at once: open sessions stop too."),
            "is_staff": ("Staff member", "Can use the staff site."),
            "is_superuser": (ADMINISTRATOR_LABEL, ADMINISTRATOR_HELP),
            "user_permissions": (
                "Permissions given one by one",
                "Not needed for the four roles above; anything chosen here is on top of them.",
            ),
        }
        for name, (label, help_text) in plain.items():
            if name in self.fields:
                self.fields[name].label, self.fields[name].help_text = label, help_text


# --- the user list and pages ----------------------------------------------------------------------------


class SecondFactorFilter(admin.SimpleListFilter):
    title = "second factor"
    parameter_name = "second_factor"

    def lookups(self, request, model_admin):
        return [("yes", "Set up"), ("no", "Not set up")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(has_app=self.value() == "yes")
        return queryset


class RoleFilter(admin.SimpleListFilter):
    title = "role"
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [("administrators", "Administrators")] + [
            (str(group.pk), group.name) for group in Group.objects.order_by("name")
        ]

    def queryset(self, request, queryset):
        if self.value() == "administrators":
            return queryset.filter(is_superuser=True)
        return queryset.filter(groups__pk=self.value()) if self.value() else queryset


class StaffUserAdmin(UserAdmin):
    """Django's user admin in plain words, with the second factor: enrolment links, resets, signing out everywhere."""

    form = StaffMemberChangeForm
    add_form = NewStaffMemberForm
    add_form_template = "admin/staff/add_staff_member.html"
    change_form_template = "admin/staff/change_staff_member.html"
    add_fieldsets = (
        (None, {"fields": ("username", "first_name", "last_name", "email")}),
        ("Role", {"fields": ("groups", "is_superuser")}),
    )
    fieldsets = (
        (None, {"fields": ("username",)}),
        ("Name and email", {"fields": ("first_name", "last_name", "email")}),
        ("Role", {"fields": ("groups", "is_active", "is_staff", "is_superuser")}),
        ("Second factor", {"fields": ("second_factor",)}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    advanced_fieldset = (
        "Advanced: permissions given one by one",
        {"classes": ("collapse",), "fields": ("user_permissions",)},
    )
    readonly_fields = ("second_factor", "last_login", "date_joined")
    filter_horizontal = ("user_permissions",)
    list_display = ("username", "full_name", "roles", "second_factor_column", "can_sign_in")
    list_filter = (SecondFactorFilter, RoleFilter, "is_active")
    actions = ["sign_out_everywhere"]

    def get_queryset(self, request):
        return selectors.with_second_factor(super().get_queryset(request)).prefetch_related("groups")

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            if request.user.is_superuser:
                return self.add_fieldsets
            # Only an administrator makes administrators (Django would let anyone who may add users).
            return [
                (name, {"fields": [f for f in opts["fields"] if f != "is_superuser"]})
                for name, opts in self.add_fieldsets
            ]
        if request.user.is_superuser:
            return (*self.fieldsets, self.advanced_fieldset)
        return self.fieldsets

    def get_readonly_fields(self, request, obj=None):
        extra = () if request.user.is_superuser or obj is None else ("is_superuser",)
        return (*self.readonly_fields, *extra)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": "Staff members", **(extra_context or {})})

    @admin.display(description="name", ordering="last_name")
    def full_name(self, user):
        return user.get_full_name()

    @admin.display(description="roles")
    def roles(self, user):
        names = [group.name for group in user.groups.all()]
        if user.is_superuser:
            names.insert(0, ADMINISTRATOR_LABEL)
        return ", ".join(names) or "None"

    @admin.display(description="can sign in", boolean=True, ordering="is_active")
    def can_sign_in(self, user):
        return user.is_active

    @admin.display(description="second factor", boolean=True, ordering="has_app")
    def second_factor_column(self, user):
        return user.has_app

    @admin.display(description="second factor")
    def second_factor(self, user):
        enrolment = selectors.enrolment_of(user=user)
        if enrolment.has_app:
            return (
                f"Set up: an authenticator app, and {enrolment.recovery_codes_left} of "
                f"{staff_accounts.RECOVERY_CODE_COUNT} recovery codes left."
            )
        if enrolment.link_works:
            state = (
                f"Not set up yet. An enrolment link was sent {_when(enrolment.link_sent_at)}; it works until "
                f"{_when(enrolment.link_expires_at)}."
            )
        elif enrolment.link_sent_at:
            state = f"Not set up. The enrolment link expired {_when(enrolment.link_expires_at)}."
        else:
            state = "Not set up."
        return f"{state} They cannot sign in until it is." if staff_accounts.second_factor_required() else state

    def change_view(self, request, object_id, form_url="", extra_context=None):
        user = self.get_object(request, unquote(object_id))
        actions = self._second_factor_actions(request, user) if user is not None else []
        context = {"title": "Staff member", "second_factor_actions": actions, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)

    def _second_factor_actions(self, request, user):
        """The buttons at the top of a user's page: reset their second factor, or send them an enrolment link."""
        if not can_administer_accounts(request.user) or user.pk == request.user.pk:
            return []
        if staff_accounts.has_second_factor(user=user):
            return [("Reset second factor", reverse("admin:auth_user_second_factor_reset", args=[user.pk]))]
        label = "Send a new enrolment link" if user.enrolment_links.exists() else "Send an enrolment link"
        return [(label, reverse("admin:auth_user_enrolment_link", args=[user.pk]))]

    # --- adding a member: the link, shown once ------------------------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        context = {
            "title": "Add a staff member",
            "link_hours": services.LINK_HOURS,
            # Saving shows the member's enrolment link; nothing else comes after it.
            "show_save_and_add_another": False,
            "show_save_and_continue": False,
            **(extra_context or {}),
        }
        return super().add_view(request, form_url, context)

    def response_add(self, request, obj, post_url_continue=None):
        if not can_administer_accounts(request.user):
            self.message_user(request, "Ask an administrator to send their enrolment link.", messages.WARNING)
            return super().response_add(request, obj, post_url_continue)
        return self._issue_link(request, obj, "Added")

    def _issue_link(self, request, user, what: str):
        issued = services.issue_enrolment_link(user=user, by=request.user, base_url=request.build_absolute_uri("/"))
        self.log_change(request, user, "Sent an enrolment link")
        logger.info("Enrolment link for user id %s made by user id %s", user.pk, request.user.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": user,
            "title": f"Enrolment link for {user.get_username()}",
            "what": what,
            "issued": issued,
            "hours": services.LINK_HOURS,
        }
        response = TemplateResponse(request, "admin/staff/enrolment_link.html", context)
        response["Cache-Control"] = "no-store"
        return response

    # --- the second factor from the user's page ------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/enrolment-link/",
                self.admin_site.admin_view(self.enrolment_link_view),
                name="auth_user_enrolment_link",
            ),
            path(
                "<path:object_id>/second-factor/reset/",
                self.admin_site.admin_view(self.reset_view),
                name="auth_user_second_factor_reset",
            ),
        ] + super().get_urls()

    def _account_to_administer(self, request, object_id):
        if not can_administer_accounts(request.user):
            raise PermissionDenied
        user = self.get_object(request, unquote(object_id))
        if user is None:
            raise Http404("No such staff member")
        return user

    def _confirm(self, request, user, **context):
        return TemplateResponse(
            request,
            "admin/staff/confirm.html",
            {**self.admin_site.each_context(request), "opts": self.opts, "original": user, **context},
        )

    def _refuse_own(self, request, user):
        self.message_user(
            request,
            "You cannot do this to your own account here: ask another administrator, or use "
            "`manage.py enrol_staff_2fa --reset` on the server.",
            messages.ERROR,
        )
        return HttpResponseRedirect(reverse("admin:auth_user_change", args=[user.pk]))

    def enrolment_link_view(self, request, object_id):
        user = self._account_to_administer(request, object_id)
        if user.pk == request.user.pk:
            return self._refuse_own(request, user)
        if staff_accounts.has_second_factor(user=user):
            self.message_user(request, "They already have a second factor: reset it first.", messages.ERROR)
            return HttpResponseRedirect(reverse("admin:auth_user_change", args=[user.pk]))
        if request.method == "POST":
            return self._issue_link(request, user, "Sent")
        return self._confirm(
            request,
            user,
            title=f"Send {user.get_username()} an enrolment link",
            paragraphs=[
                f"The link works once, for {services.LINK_HOURS} hours. With it they choose a new password and "
                "set up an authenticator app on their phone.",
                "Any earlier link stops working, and so does their current password.",
            ],
            button="Make the link",
        )

    def reset_view(self, request, object_id):
        user = self._account_to_administer(request, object_id)
        if user.pk == request.user.pk:
            return self._refuse_own(request, user)
        if request.method == "POST":
            ended = services.reset_second_factor(user=user, request=request)
            self.log_change(request, user, "Reset the second factor and signed out of all sessions")
            logger.info("Second factor of user id %s reset by user id %s", user.pk, request.user.pk)
            self.message_user(
                request,
                f"The second factor of {user.get_username()} was reset, and they were signed out of "
                f"{ended} session{'' if ended == 1 else 's'}.",
                messages.SUCCESS,
            )
            return self._issue_link(request, user, "Reset")
        return self._confirm(
            request,
            user,
            title=f"Reset the second factor of {user.get_username()}",
            paragraphs=[
                "For a lost or replaced phone, or recovery codes that are used up or may have been seen.",
                "Their authenticator app and every recovery code stop working at once, and they are signed out "
                "on every device.",
                f"You then get a new enrolment link for them (also emailed), valid {services.LINK_HOURS} hours: "
                "with it they choose a new password and set up their phone again.",
            ],
            button="Reset and make a new link",
        )

    # --- signing out everywhere -----------------------------------------------------------------------------

    @admin.action(permissions=["sign_out"], description="Sign out of all sessions")
    def sign_out_everywhere(self, request, queryset):
        ended = sum(staff_accounts.sign_out_everywhere(user=user) for user in queryset)
        events.signed_out_everywhere.send(sender=type(self), request=request, users=list(queryset))
        for user in queryset:
            self.log_change(request, user, "Signed out of all sessions")
        logger.info(
            "User ids %s signed out of all sessions by user id %s", [user.pk for user in queryset], request.user.pk
        )
        self.message_user(
            request,
            f"Signed {len(queryset)} user(s) out of {ended} session(s). "
            "Their next sign-in needs password and code again.",
            messages.SUCCESS,
        )

    def has_sign_out_permission(self, request):
        return can_administer_accounts(request.user)


def _when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else ""


class RoleAdmin(ViewOnlyAdmin):
    """The four roles, read-only: migrations give each exactly its permissions (staff.roles), so an edit here
    would be undone; what each role does is said in words."""

    list_display = ("name", "what_it_does", "members")
    fields = ("name", "what_it_does", "member_list")
    readonly_fields = fields
    ordering = ("name",)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": "Roles", **(extra_context or {})})

    @admin.display(description="what it lets a person do")
    def what_it_does(self, group):
        return ROLE_DESCRIPTIONS.get(group.name, "")

    @admin.display(description="members")
    def members(self, group):
        return group.user_set.count()

    @admin.display(description="members")
    def member_list(self, group):
        return ", ".join(user.get_username() for user in group.user_set.order_by("username")) or "Nobody yet"


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, RoleAdmin)
# The raw device lists: each user's page says whether they have a second factor and resets it.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)
