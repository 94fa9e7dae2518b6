from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ClinicDetails, LegalPage


@admin.register(ClinicDetails)
class ClinicDetailsAdmin(SimpleHistoryAdmin):
    list_display = ["name", "phone", "email", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "short_description"]}),
        ("Contact", {"fields": ["phone", "email", "street_address", "city", "region", "postal_code", "hours"]}),
        ("Links", {"fields": ["map_url", "carecredit_url"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ClinicDetails.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LegalPage)
class LegalPageAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "updated_at"]
    search_fields = ["title", "body"]
    readonly_fields = ["updated_at"]
