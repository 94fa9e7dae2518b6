from django.contrib import admin
from django.db import models

from content.history_admin import ReadableHistoryAdmin
from content.plain_language_admin import PlainLanguageAdminMixin
from publishing.admin import LivePageAdmin
from translation.admin import TranslatedAdminMixin

from .models import ClinicDetails, LegalPage, MenuLink


class RequiredRecordMixin:
    """Records every page needs: staff edit them; nobody deletes them (the model refuses too)."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ClinicDetails)
class ClinicDetailsAdmin(TranslatedAdminMixin, RequiredRecordMixin, ReadableHistoryAdmin):
    list_display = ["name", "phone_shown", "email", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "short_description"]}),
        (
            "Contact",
            {"fields": ["phone", "text_phone", "email", "street_address", "city", "region", "postal_code", "hours"]},
        ),
        ("Links", {"fields": ["map_url", "carecredit_url"]}),
    ]
    # A link typed without a scheme ("maps.example.com/...") is read as https, Django 6's default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ClinicDetails.objects.exists()

    @admin.display(description="Phone")
    def phone_shown(self, clinic):
        return clinic.phone_display


@admin.register(LegalPage)
class LegalPageAdmin(TranslatedAdminMixin, PlainLanguageAdminMixin, RequiredRecordMixin, LivePageAdmin):
    list_display = ["title", "kind", "updated_at"]
    search_fields = ["title", "body"]
    readonly_fields = ["updated_at"]

    def has_add_permission(self, request):
        existing = LegalPage.objects.values_list("kind", flat=True)
        return super().has_add_permission(request) and bool(set(LegalPage.Kind.values) - set(existing))


@admin.register(MenuLink)
class MenuLinkAdmin(TranslatedAdminMixin, ReadableHistoryAdmin):
    list_display = ["label", "page", "is_published", "ordering"]
    list_editable = ["ordering"]
    fieldsets = [
        (
            None,
            {
                "fields": ["label", "page", "is_published", "ordering"],
                "description": "The menu shows these links in order (lowest number first), then a link to "
                "each treatment's waitlist while it is open. To take a link out of the menu, untick Published.",
            },
        )
    ]
