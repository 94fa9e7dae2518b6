"""Admin for pages patients read: edits to a live page wait as a draft change until they are published.

A content app's admin for a page-like model (one with a public address) subclasses LivePageAdmin. Its
change form shows the waiting change, if any, and offers "Save as a draft change", "Save draft and
preview", "Schedule" and "Publish now"; the page's publishing settings (publish at, go offline at,
needs clinical review) sit in their own fieldset.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from content.history import WHEN_FORMAT, revert_reason, staff_name
from content.history_admin import ReadableHistoryAdmin

from . import selectors, services
from .changes import change_summary
from .forms import (
    ALL_PUBLISHING_FIELDS,
    DRAFT,
    PREVIEW,
    PUBLISH,
    SCHEDULE,
    FollowsReviewRule,
    LivePageForm,
    publishing_fields,
)
from .models import PageChange
from .previews import NothingToPreview, preview_languages, render_preview
from .values import apply_values

OVERDUE_LABEL = "Overdue: the worker has not published it — is the worker running?"


def page_admin_url(change: PageChange) -> str:
    meta = change.content_type
    return reverse(f"admin:{meta.app_label}_{meta.model}_change", args=[change.object_id])


def may_edit_page(user, change: PageChange) -> bool:
    return user.has_perm(f"{change.content_type.app_label}.change_{change.content_type.model}")


class ReviewedContentAdmin(ReadableHistoryAdmin):
    """The admin of content whose saves go straight to the site, and LivePageAdmin's base: every way it saves
    (the change form, adding, a row of the list, a revert from the history, a delete, one at a time or as a
    bulk action) follows the clinical review rule, including for records that are shown on a reviewed page."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_changelist_form(self, request, **kwargs):
        row_form = super().get_changelist_form(request, **{"form": FollowsReviewRule, **kwargs})
        return type(row_form.__name__, (row_form,), {"user": request.user, "row": True})

    def save_model(self, request, obj, form, change):
        version = getattr(request, "history_revert_to", None)
        if getattr(form, "row", False) and set(form.changed_data) <= {"ordering"}:
            # A new order changes no words, so it is not counted as a change to them (updated_at stays).
            obj._history_user = request.user
            obj.save(update_fields=["ordering"])
            return
        reason = revert_reason(version=version, user=request.user) if version is not None else None
        services.publish_now(page=obj, user=request.user, reason=reason)

    def revert_disabled(self, request, obj=None):
        # A revert saves the old version to the site at once, so it follows the clinical review rule.
        return super().revert_disabled(request, obj) or (
            obj is not None and not selectors.may_save_live(user=request.user, record=obj)
        )

    def get_deleted_objects(self, objs, request):
        """Deleting a record live on a reviewed page changes that page: refused, as Django refuses protected
        objects, unless a clinical reviewer does it."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for record in objs:
            refusal = services.review_refusal(user=request.user, record=record, live=False, advice="ask")
            if refusal:
                protected.append(f"{record}: {refusal}")
        return deleted, model_count, perms_needed, protected

    @admin.display(description="Clinical review")
    def clinical_review(self, obj):
        reasons = selectors.review_reasons(obj, live=True) if obj is not None and obj.pk else []
        if not reasons:
            return "Not needed: anyone who edits content can publish it."
        return f"Needed, because {' and '.join(reasons)}: only a clinical reviewer can publish a change to it."


class LivePageAdmin(ReviewedContentAdmin):
    form = LivePageForm
    change_form_template = "admin/publishing/change_form.html"
    live_noun = "page"  # the change form says "This page is live"

    # --- the change form ---------------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        context = dict(extra_context or {})
        page = self.get_object(request, unquote(object_id)) if object_id is not None else None
        if page is not None:
            context.update(self._publishing_context(request, page))
        request.publishing_overlay = object_id is not None  # from here on, the form shows the waiting change
        return super().changeform_view(request, object_id, form_url, context)

    def get_object(self, request, object_id, from_field=None):
        page = super().get_object(request, object_id, from_field)
        if page is not None and getattr(request, "publishing_overlay", False):
            change = selectors.open_change(page)
            if change is not None:
                apply_values(page, change.values)
        return page

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        controls = obj is not None and not hasattr(request, "history_revert_to")
        return type(form.__name__, (form,), {"publishing_controls": controls})

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [field for field in options["fields"] if field not in ALL_PUBLISHING_FIELDS]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is not None and not hasattr(request, "history_revert_to"):
            fieldsets.append(("Publishing", {"fields": publishing_fields(self.model)}))
        return fieldsets

    def save_model(self, request, obj, form, change):
        if not change or hasattr(request, "history_revert_to") or not getattr(request, "publishing_overlay", False):
            return super().save_model(request, obj, form, change)  # adding, a revert, a row of the list
        request.publishing_action = form.action
        waiting = selectors.open_change(obj)
        request.unscheduled = waiting is not None and waiting.state == PageChange.State.SCHEDULED
        self._save_settings(request, obj, form)
        if form.action in (DRAFT, PREVIEW):
            request.page_change = services.save_draft(page=obj, user=request.user)
            return None
        if form.action == SCHEDULE:
            publish_at = form.cleaned_data["publish_at"]
            request.page_change = services.schedule(page=obj, user=request.user, publish_at=publish_at)
            return None
        return super().save_model(request, obj, form, change)  # publish now

    def construct_change_message(self, request, form, formsets, add=False):
        action = getattr(request, "publishing_action", PUBLISH)
        if action in (DRAFT, PREVIEW):
            return "Saved a draft change (not published)."
        if action == SCHEDULE:
            return "Scheduled a change."
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        action = getattr(request, "publishing_action", PUBLISH)
        if action == PUBLISH:
            return super().response_change(request, obj)
        change = request.page_change
        if change is None:
            self.message_user(request, "Nothing to save: the form is the same as the live page.", messages.WARNING)
            return HttpResponseRedirect(request.path)
        if action == PREVIEW:
            return HttpResponseRedirect(reverse("admin:publishing_pagechange_preview", args=[change.pk]))
        if action == SCHEDULE:
            when = date_format(timezone.localtime(change.publish_at), WHEN_FORMAT)
            self.message_user(request, f"Scheduled: your change goes live on {when}.", messages.SUCCESS)
        else:
            message = "Saved as a draft change. The live page has not changed."
            if request.unscheduled:
                message += " It is no longer scheduled: press Schedule to set a time again."
            self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(request.path)

    def _save_settings(self, request, page, form):
        if "needs_clinical_review" in form.changed_data:
            services.set_needs_clinical_review(
                page=page, needed=form.cleaned_data["needs_clinical_review"], user=request.user
            )
        if "offline_at" in form.changed_data:
            services.set_offline_at(page=page, when=form.cleaned_data["offline_at"], user=request.user)

    def _publishing_context(self, request, page) -> dict:
        change = selectors.open_change(page)
        reasons = selectors.review_reasons(page, live=True)
        offline = selectors.open_change(page, kind=PageChange.Kind.OFFLINE)
        return {
            "publishing": True,
            "page_is_live": selectors.is_live(page),
            "live_noun": self.live_noun,
            "page_needs_review": bool(reasons),
            "review_because": " and ".join(reason for reason in reasons if reason != selectors.MARKED),
            "may_publish": selectors.may_publish(user=request.user, page=page),
            "waiting_change": change,
            "waiting_change_summary": change_summary(change) if change else [],
            "waiting_change_by": staff_name(change.prepared_by) if change else "",
            "preview_in": {code: name for code, name in preview_languages().items() if code != settings.LANGUAGE_CODE},
            "waiting_offline": offline,
            "overdue_label": OVERDUE_LABEL,
            "waiting_change_overdue": selectors.is_overdue(change, now=timezone.now()),
            "waiting_offline_overdue": selectors.is_overdue(offline, now=timezone.now()),
            "last_review": selectors.latest_review(page),
            "may_discard": change is not None and request.user.has_perm("publishing.delete_pagechange"),
        }


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


@admin.register(PageChange)
class PageChangeAdmin(admin.ModelAdmin):
    """Waiting and published changes to live pages: the reviewers' list of what waits for them.

    Its links lead to the pages' change forms and previews: whoever may see this list (content editors,
    clinical reviewers) may change every page.
    """

    list_display = ["page_link", "kind", "state", "prepared", "goes_live", "overdue", "review", "preview_link"]
    list_filter = ["state", "kind", OverdueFilter]
    actions = None
    fields = ["page_link", "kind", "state", "what_it_changes", "prepared", "goes_live", "review", "published"]
    readonly_fields = fields  # type: ignore[assignment]  # the same names, all shown read-only

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("content_type", "prepared_by", "published_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Discarding a waiting change; published ones stay as the record of who published what.
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_open)

    def delete_model(self, request, obj):
        request.discarded_from = page_admin_url(obj) if obj.page is not None else None
        super().delete_model(request, obj)

    def response_delete(self, request, obj_display, obj_id):
        """After discarding a change from its page's form, go back to that form."""
        if getattr(request, "discarded_from", None):
            self.message_user(request, "The change was discarded. The live page has not changed.", messages.SUCCESS)
            return HttpResponseRedirect(request.discarded_from)
        return super().response_delete(request, obj_display, obj_id)

    def get_urls(self):
        view = self.admin_site.admin_view(self.preview_view)
        preview = path("<int:change_id>/preview/", view, name="publishing_pagechange_preview")
        return [preview, *super().get_urls()]

    def preview_view(self, request, change_id):
        change = get_object_or_404(PageChange, pk=change_id, kind=PageChange.Kind.EDIT)
        if not may_edit_page(request.user, change):
            raise PermissionDenied
        if not change.is_open:
            raise Http404("This change is already published.")
        language = request.GET.get("language")
        if language is not None and language not in preview_languages():
            raise Http404("No such language.")
        try:
            return render_preview(request=request, change=change, language=language)
        except NothingToPreview as reason:
            self.message_user(request, f"There is nothing to preview: {reason}", messages.WARNING)
            return HttpResponseRedirect(page_admin_url(change))

    @admin.display(description="page")
    def page_link(self, change):
        page = change.page
        if page is None:
            return "(a page that was deleted)"
        label = f"{change.content_type.name.capitalize()}: {page}"
        return format_html('<a href="{}">{}</a>', page_admin_url(change), label)

    @admin.display(description="prepared by")
    def prepared(self, change):
        when = date_format(timezone.localtime(change.updated_at), WHEN_FORMAT)
        return f"{staff_name(change.prepared_by) or '—'}, {when}"

    @admin.display(description="scheduled for")
    def goes_live(self, change):
        return date_format(timezone.localtime(change.publish_at), WHEN_FORMAT) if change.publish_at else "—"

    @admin.display(description="overdue")
    def overdue(self, change):
        if not selectors.is_overdue(change, now=timezone.now()):
            return "—"
        return format_html("<strong>{}</strong>", OVERDUE_LABEL)

    @admin.display(description="clinical review")
    def review(self, change):
        if not change.reviewed_at:
            return "—"
        return f"{change.reviewer_name}, {date_format(timezone.localtime(change.reviewed_at), WHEN_FORMAT)}"

    @admin.display(description="published")
    def published(self, change):
        if not change.published_at:
            return "Not yet"
        when = date_format(timezone.localtime(change.published_at), WHEN_FORMAT)
        return f"{when} by {staff_name(change.published_by) or 'the worker'}"

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
