from django.contrib import admin
from django.db import models

from content.history_admin import ReadableHistoryAdmin
from content.plain_language_admin import PlainLanguageAdminMixin
from publishing.admin import LivePageAdmin, LivePreviewMixin
from translation.admin import TranslatedAdminMixin

from .models import FinancingFaq, FinancingPlan, FinancingProgram


class FinancingPlanInline(admin.TabularInline):
    model = FinancingPlan
    extra = 0
    fields = ["kind", "months", "minimum_purchase", "apr", "is_active", "ordering"]


@admin.register(FinancingProgram)
class FinancingProgramAdmin(LivePreviewMixin, TranslatedAdminMixin, PlainLanguageAdminMixin, ReadableHistoryAdmin):
    list_display = ["name", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "summary", "description"]
    inlines = [FinancingPlanInline]
    # A link typed without a scheme ("carecredit.com/...") is read as https, Django 6's default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(FinancingPlan)
class FinancingPlanAdmin(ReadableHistoryAdmin):
    list_display = ["label", "kind", "months", "minimum_purchase", "apr", "in_the_estimator", "is_active", "ordering"]
    list_editable = ["is_active", "ordering"]
    list_filter = ["kind", "is_active", "program"]
    ordering = ["ordering", "kind", "months"]

    @admin.display(boolean=True, description="in the estimator")
    def in_the_estimator(self, plan):
        """A plan without its minimum purchase (or a fixed plan without its APR) is listed with "Ask us" instead."""
        return plan.can_estimate


@admin.register(FinancingFaq)
class FinancingFaqAdmin(TranslatedAdminMixin, PlainLanguageAdminMixin, LivePageAdmin):
    list_display = ["question", "is_published", "ordering"]
    list_editable = ["is_published", "ordering"]
    list_filter = ["is_published"]
    search_fields = ["question", "answer"]
