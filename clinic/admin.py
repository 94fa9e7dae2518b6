from django.contrib import admin

from core.history_admin import ReadableHistoryAdmin
from publishing.admin import LivePageAdmin

from .models import ClinicDetails, LegalPage


@admin.register(ClinicDetails)
class ClinicDetailsAdmin(ReadableHistoryAdmin):
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
class LegalPageAdmin(LivePageAdmin):
    list_display = ["title", "kind", "updated_at"]
    search_fields = ["title", "body"]
    readonly_fields = ["updated_at"]
