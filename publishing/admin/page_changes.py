from django.contrib import admin
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from content.history import WHEN_FORMAT

from .. import selectors
from ..changes import change_summary, page_label
from ..models import PageChange
from . import steps
from .change_views import DiscardView, PreviewView, page_admin_url
from .review_views import ReviewView

OVERDUE_LABEL = "Overdue: the worker has not published it — is the worker running?"


class OverdueFilter(admin.SimpleListFilter):
    """The scheduled changes the worker should have published by now (the admin home links here)."""

    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue: not published at its time")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(pk__in=selectors.overdue_changes(now=timezone.now()).values("pk"))
        return queryset


class ReviewFilter(admin.SimpleListFilter):
    """Where changes stand with the clinical reviewers (the admin home links to those waiting)."""

    title = "clinical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("waiting", "Waiting for clinical review"), ("sent_back", "Sent back")]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(pk__in=selectors.waiting_for_review().values("pk"))
        if self.value() == "sent_back":
            return queryset.filter(state__in=PageChange.OPEN_STATES, review=PageChange.Review.SENT_BACK)
        return queryset


@admin.register(PageChange)
class PageChangeAdmin(admin.ModelAdmin):
    """Waiting and published changes to live pages: the reviewers' list of what waits for them.

    Its links lead to the pages' change forms and previews: whoever may see this list (content editors,
    clinical reviewers) may change every page.
    """

    list_display = ["page_link", "kind", "state", "prepared", "goes_live", "overdue", "review_status", "preview_link"]
    # The page's own link leads to its change form; the state opens this record. Django's default (the first
    # column) would put a link around the page's link, which browsers split into an empty link and the page's.
    list_display_links = ["state"]
    list_filter = ["state", "kind", ReviewFilter, OverdueFilter]
    actions = None
    fields = [
        "page_link",
        "kind",
        "state",
        "what_it_changes",
        "prepared",
        "goes_live",
        "review_status",
        "published",
        "change_steps",
    ]
    readonly_fields = fields  # type: ignore[assignment]  # the stubs' type is narrower than Django's own

    class Media:
        css = {"all": ["css/admin-editing.css"]}

    def get_queryset(self, request):
        related = ["content_type", "prepared_by", "published_by", "submitted_by"]
        return super().get_queryset(request).select_related(*related)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Discarding a waiting change; published ones stay as the record of who published what.
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_open)

    def get_urls(self):
        preview = PreviewView.as_view(model_admin=self)
        discard = DiscardView.as_view(model_admin=self)
        review = ReviewView.as_view(model_admin=self)
        return [
            path("<int:change_id>/review/", self.admin_site.admin_view(review), name="publishing_pagechange_review"),
            path("<int:change_id>/preview/", self.admin_site.admin_view(preview), name="publishing_pagechange_preview"),
            path("<path:object_id>/delete/", self.admin_site.admin_view(discard), name="publishing_pagechange_delete"),
            *super().get_urls(),
        ]

    @admin.display(description="page")
    def page_link(self, change):
        page = change.page
        if page is None:
            return "(a page that was deleted)"
        return format_html('<a href="{}">{}</a>', page_admin_url(change), page_label(change))

    @admin.display(description="prepared by")
    def prepared(self, change):
        return steps.prepared(change)

    @admin.display(description="scheduled for")
    def goes_live(self, change):
        return date_format(timezone.localtime(change.publish_at), WHEN_FORMAT) if change.publish_at else "—"

    @admin.display(description="overdue")
    def overdue(self, change):
        if not selectors.is_overdue(change=change, now=timezone.now()):
            return "—"
        return format_html("<strong>{}</strong>", OVERDUE_LABEL)

    @admin.display(description="clinical review")
    def review_status(self, change):
        if change.kind != PageChange.Kind.EDIT:
            return "—"
        status = steps.review_status(change)
        if change.reviewed_at or change.review == PageChange.Review.NOT_ASKED:
            return "—" if status in ("Not asked", "No clinical review") else status
        if change.review == PageChange.Review.WAITING:
            status = f"Waiting since {steps.when(change.submitted_at)}"  # the list is narrow; the review page says who
        url = reverse("admin:publishing_pagechange_review", args=[change.pk])
        return format_html('{} <a href="{}">Open the review</a>', status, url)

    @admin.display(description="published")
    def published(self, change):
        return steps.published(change)

    @admin.display(description="steps")
    def change_steps(self, change):
        return render_to_string("admin/publishing/change_steps.html", {"steps": steps.step_lines(change)})

    @admin.display(description="preview")
    def preview_link(self, change):
        if change.kind != PageChange.Kind.EDIT or not change.is_open:
            return ""
        return format_html('<a href="{}">Preview</a>', reverse("admin:publishing_pagechange_preview", args=[change.pk]))

    @admin.display(description="what it changes")
    def what_it_changes(self, change):
        if not change.is_open:
            return ", ".join(change.values) or "—"
        return render_to_string("admin/history/field_changes.html", {"changes": change_summary(change)})
