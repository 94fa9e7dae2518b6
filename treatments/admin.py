import datetime

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone

from content.plain_language_admin import PlainLanguageAdminMixin
from publishing.admin import LivePageAdmin
from publishing.forms import LivePageForm
from translation.admin import TranslatedAdminMixin

from . import services
from .models import EducationSection, Faq, FirstVisitSection, Route, Treatment, TreatmentSlugRedirect

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


class TreatmentAdminForm(LivePageForm):
    """Unpublishing is refused while other pages link to the treatment or people wait on its waitlist."""

    def clean(self):
        cleaned = super().clean()
        was_published = Treatment.objects.filter(pk=self.instance.pk, is_published=True).exists()
        if was_published and not cleaned.get("is_published"):
            problems = services.removal_problems(treatment=self.instance)
            if problems:
                refused = "This treatment stays published for now, because other parts of the site depend on it:"
                advice = "Remove those first, or change the status instead."
                raise ValidationError({"is_published": [refused, *problems, advice]})
        return cleaned


@admin.register(Treatment)
class TreatmentAdmin(TranslatedAdminMixin, PlainLanguageAdminMixin, LivePageAdmin):
    form = TreatmentAdminForm
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
        (
            "Costs and insurance",  # the price line on this page and on /costs/ (issue 23.4)
            {"fields": ["pricing", "price", "price_note", "insurance"]},
        ),
        ("Search engines", {"fields": ["seo_title", "seo_description", "drug_name", "drug_active_ingredient"]}),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]

    def get_deleted_objects(self, objs, request):
        """Deleting is refused, as Django refuses protected objects, while something depends on the treatment."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for treatment in objs:
            protected += [f"{treatment}: {problem}" for problem in services.removal_problems(treatment=treatment)]
        return deleted, model_count, perms_needed, protected


@admin.register(Route)
class RouteAdmin(TranslatedAdminMixin, LivePageAdmin):
    list_display = ["name", "treatment", "is_published", "ordering", "updated_at"]
    list_editable = ["ordering"]
    list_filter = ["is_published", "treatment"]
    search_fields = ["name", "effectiveness", "onset", "notes"]
    list_select_related = ["treatment"]


@admin.register(Faq)
class FaqAdmin(TranslatedAdminMixin, PlainLanguageAdminMixin, LivePageAdmin):
    list_display = ["question", "treatment", "is_published", "ordering", "updated_at"]
    list_editable = ["ordering"]
    list_filter = ["is_published", FaqScopeFilter, "treatment"]
    search_fields = ["question", "answer"]
    list_select_related = ["treatment"]


@admin.register(EducationSection)
class EducationSectionAdmin(TranslatedAdminMixin, PlainLanguageAdminMixin, LivePageAdmin):
    list_display = ["heading", "slug", "is_published", "ordering", "updated_at"]
    list_editable = ["ordering"]
    list_filter = ["is_published"]
    search_fields = ["heading", "body"]
    prepopulated_fields = {"slug": ["heading"]}


# --- first visit (issue 23.3) ---------------------------------------------------------------------------------


@admin.register(FirstVisitSection)
class FirstVisitSectionAdmin(TranslatedAdminMixin, PlainLanguageAdminMixin, LivePageAdmin):
    list_display = ["treatment", "topic", "is_written", "is_published", "ordering", "updated_at"]
    list_editable = ["ordering"]
    list_filter = ["is_published", "treatment", "topic"]
    search_fields = ["body"]
    list_select_related = ["treatment"]

    @admin.display(boolean=True, description="written (patients see it)")
    def is_written(self, section):
        """False while it still says PLACEHOLDER: the page leaves it out and the go-live checklist lists it."""
        return not section.is_placeholder
