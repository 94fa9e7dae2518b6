from django.contrib import admin
from django.db import models

from content.history_admin import ReadableHistoryAdmin
from content.plain_language_admin import PlainLanguageAdminMixin
from publishing.admin import LivePageAdmin
from translation.admin import TranslatedAdminMixin

from .models import ClinicDetails, ClosedDay, LegalPage, MenuLink, OpeningHours, VisitPage


class RequiredRecordMixin:
    """Records every page needs: staff edit them; nobody deletes them (the model refuses too)."""

    def has_delete_permission(self, request, obj=None):
        return False


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0
    max_num = 7
    fields = ["weekday", "opens", "closes"]


class ClosedDayInline(admin.TabularInline):
    model = ClosedDay
    extra = 1
    fields = ["date", "note", "note_es"]


@admin.register(ClosedDay)
class ClosedDayAdmin(TranslatedAdminMixin, admin.ModelAdmin):
    """The closed days are entered on the clinic details; this list is where the go-live checklist sends staff to
    write a note's Spanish."""

    list_display = ["date", "note"]
    fields = ["clinic", "date", ("note", "note_es")]
    date_hierarchy = "date"

    def has_add_permission(self, request):
        return False  # added on the clinic details, beside the weekly hours


@admin.register(ClinicDetails)
class ClinicDetailsAdmin(TranslatedAdminMixin, RequiredRecordMixin, ReadableHistoryAdmin):
    list_display = ["name", "phone_shown", "email", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "short_description"]}),
        ("Contact", {"fields": ["phone", "text_phone", "email", "street_address", "city", "region", "postal_code"]}),
        (
            "Opening hours",
            {
                "fields": ["hours_are_real"],
                "description": "The hours for each day of the week and the days the clinic is closed are below. "
                "Every page's footer, the Visit us page (with its “Open now”) and search engines read them.",
            },
        ),
        ("Links", {"fields": ["map_url", "carecredit_url"]}),
    ]
    inlines = [OpeningHoursInline, ClosedDayInline]
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


@admin.register(VisitPage)
class VisitPageAdmin(TranslatedAdminMixin, PlainLanguageAdminMixin, RequiredRecordMixin, LivePageAdmin):
    list_display = ["title", "updated_at"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": ["title", "meta_description", "intro", *VisitPage.detail_fields],
                "description": "The address and opening hours on this page are the clinic details'. A detail that "
                "still starts with PLACEHOLDER is left off the page until you replace it.",
            },
        )
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not VisitPage.objects.exists()
