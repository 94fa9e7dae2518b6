import logging

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from staff import accounts as staff_accounts
from staff import events

logger = logging.getLogger(__name__)


class StaffUserAdmin(UserAdmin):
    """Django's user admin, plus signing someone out of every browser (superusers only)."""

    actions = ["sign_out_everywhere"]

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
        return request.user.is_superuser


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), StaffUserAdmin)
