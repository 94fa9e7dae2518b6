import datetime

from django.contrib import admin
from django.utils import timezone

from publishing.admin import LivePageAdmin

from .models import EducationSection, Faq, Route, Treatment, TreatmentSlugRedirect

REVIEW_AFTER_DAYS = 365


class ReviewDueFilter(admin.SimpleListFilter):
    title = "content review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Due (never reviewed or over a year ago)"), ("current", "Reviewed in the last year")]

    def queryset(self, request, queryset):
        cutoff = timezone.localdate() - datetime.timedelta(days=REVIEW_AFTER_DAYS)
        if self.value() == "due":
            return queryset.filter(last_reviewed__isnull=True) | queryset.filter(last_reviewed__lt=cutoff)
        if self.value() == "current":
            return queryset.filter(last_reviewed__gte=cutoff)
        return queryset


class FaqScopeFilter(admin.SimpleListFilter):
    title = "shown on"
    parameter_name = "scope"

    def lookups(self, request, model_admin):
        return [("general", "The ketamine page (general)"), ("treatment", "A treatment page")]

    def queryset(self, request, queryset):
        if self.value() == "general":
            return queryset.filter(treatment__isnull=True)
        if self.value() == "treatment":
            return queryset.filter(treatment__isnull=False)
        return queryset


class SlugRedirectInline(admin.TabularInline):
    model = TreatmentSlugRedirect
    extra = 0
    fields = ["old_slug", "created_at"]
    readonly_fields = ["old_slug", "created_at"]
    verbose_name_plural = "Old page addresses (they redirect here)"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Treatment)
class TreatmentAdmin(LivePageAdmin):
    list_display = ["name", "status", "is_published", "ordering", "last_reviewed", "updated_at"]
    list_editable = ["ordering"]
    list_filter = ["status", "is_published", ReviewDueFilter]
    search_fields = ["name", "summary", "body", "what_to_expect"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [SlugRedirectInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "is_published", "ordering"]}),
        ("Page text", {"fields": ["summary", "body", "what_to_expect", "last_reviewed"]}),
        ("Search engines", {"fields": ["seo_title", "seo_description", "drug_name", "drug_active_ingredient"]}),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]


@admin.register(Route)
class RouteAdmin(LivePageAdmin):
    list_display = ["name", "treatment", "is_published", "ordering", "updated_at"]
    list_editable = ["ordering"]
    list_filter = ["is_published", "treatment"]
    search_fields = ["name", "effectiveness", "onset", "notes"]
    list_select_related = ["treatment"]


@admin.register(Faq)
class FaqAdmin(LivePageAdmin):
    list_display = ["question", "treatment", "is_published", "ordering", "updated_at"]
    list_editable = ["ordering"]
    list_filter = ["is_published", FaqScopeFilter, "treatment"]
    search_fields = ["question", "answer"]
    list_select_related = ["treatment"]


@admin.register(EducationSection)
class EducationSectionAdmin(LivePageAdmin):
    list_display = ["heading", "slug", "is_published", "ordering", "updated_at"]
    list_editable = ["ordering"]
    list_filter = ["is_published"]
    search_fields = ["heading", "body"]
    prepopulated_fields = {"slug": ["heading"]}
