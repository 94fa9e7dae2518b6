from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import csrf_protect_m
from django.contrib.admin.utils import unquote
from django.db import router, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from content.history import WHEN_FORMAT, revert_reason

from .. import selectors, services
from ..changes import change_summary
from ..forms import ALL_PUBLISHING_FIELDS, DRAFT, LivePageForm, publishing_fields
from ..models import PageChange
from ..previews import preview_languages
from ..values import changed_values
from . import steps
from .content import ReviewedContentAdmin
from .edit_views import view_for
from .page_changes import OVERDUE_LABEL


class LivePageAdmin(ReviewedContentAdmin):
    """A page patients read. Adding one and a row of its list publish at once (ReviewedContentAdmin); the change
    form of an existing page is edit_views' (the form, and one view per button); a revert from the history makes
    a draft change, which is published (or submitted for a clinical review) like any other."""

    form = LivePageForm
    change_form_template = "admin/publishing/change_form.html"
    object_history_template = "admin/publishing/object_history.html"
    object_history_form_template = "admin/publishing/object_history_form.html"
    live_noun = "page"  # the change form says "This page is live"

    @csrf_protect_m
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        view = view_for(request).as_view(
            model_admin=self, object_id=unquote(object_id), form_url=form_url, extra_context=extra_context or {}
        )
        if request.method in ("GET", "HEAD"):
            return view(request)
        with transaction.atomic(using=router.db_for_write(self.model)):
            return view(request)

    def get_fieldsets(self, request, obj=None):
        """The page's own fields; the change form adds the publishing settings (edit_fieldsets)."""
        return [
            (name, {**options, "fields": [field for field in options["fields"] if field not in ALL_PUBLISHING_FIELDS]})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def edit_fieldsets(self, request, page) -> list:
        return [*self.get_fieldsets(request, page), ("Publishing", {"fields": publishing_fields(self.model)})]

    def publishing_context(self, request, *, page, waiting: PageChange | None) -> dict:
        """What the change form says about the live `page` and its `waiting` change."""
        reasons = selectors.review_reasons(record=page, live=True)
        offline = selectors.open_change(page=page, kind=PageChange.Kind.OFFLINE)
        now = timezone.now()
        return {
            "publishing": True,
            "page_is_live": selectors.is_live(page=page),
            "live_noun": self.live_noun,
            "page_needs_review": bool(reasons),
            "review_because": " and ".join(reason for reason in reasons if reason != selectors.MARKED),
            "may_publish": selectors.may_publish(user=request.user, page=page),
            "waiting_change": waiting,
            "waiting_change_summary": change_summary(waiting) if waiting else [],
            "waiting_change_prepared": steps.prepared(waiting) if waiting else "",
            "waiting_change_review": steps.review_status(waiting) if waiting else "",
            "waiting_change_steps": steps.step_lines(waiting) if waiting else [],
            "sent_back": selectors.last_sent_back(change=waiting) if waiting else None,
            "may_submit": bool(reasons) and not selectors.is_clinical_reviewer(user=request.user),
            "may_review": waiting is not None and selectors.is_clinical_reviewer(user=request.user),
            "preview_in": {code: name for code, name in preview_languages().items() if code != settings.LANGUAGE_CODE},
            "waiting_offline": offline,
            "overdue_label": OVERDUE_LABEL,
            "waiting_change_overdue": selectors.is_overdue(change=waiting, now=now),
            "waiting_offline_overdue": selectors.is_overdue(change=offline, now=now),
            "last_review": selectors.latest_review(page=page),
            "may_discard": waiting is not None and request.user.has_perm("publishing.delete_pagechange"),
        }

    # --- the history: each change's people and times; a revert is a draft like any other change -------------

    def history_view(self, request, object_id, extra_context=None):
        page = self.get_object(request, unquote(object_id))
        changes = selectors.changes_of(page=page).filter(kind=PageChange.Kind.EDIT) if page is not None else []
        rows = [
            {
                "change": change,
                "prepared": steps.prepared(change),
                "review": steps.review_status(change),
                "published": steps.published(change),
                "steps": steps.step_lines(change),
            }
            for change in changes.select_related("prepared_by", "published_by", "submitted_by").order_by("-pk")[:20]
        ]
        return super().history_view(request, object_id, extra_context={"page_changes": rows, **(extra_context or {})})

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        page = self.get_object(request, unquote(object_id))
        waiting = selectors.open_change(page=page) if page is not None else None
        context = {
            "revert_makes_draft": True,
            "waiting_change": waiting,
            "waiting_change_prepared": steps.prepared(waiting) if waiting else "",
        }
        return super().history_form_view(
            request, object_id, version_id, extra_context={**context, **(extra_context or {})}
        )

    def revert_form(self, request, obj):
        """A revert saves a draft, so the form checks nothing about publishing (the draft's publication will)."""
        form = self.get_form(request, obj)
        return type(form.__name__, (form,), {"action": DRAFT})

    def revert_disabled(self, request, obj=None):
        # A revert makes a draft change, which anyone who may change the page may prepare; its publication
        # follows the clinical review rule as every change does.
        return super(ReviewedContentAdmin, self).revert_disabled(request, obj)

    def revert(self, request, *, form, version) -> HttpResponse:
        """The old version becomes the page's draft change (replacing one that waited), never live at once; the
        form then shows it, to publish it or submit it for a clinical review as any change."""
        with transaction.atomic(using=router.db_for_write(self.model)):
            return self._revert(request, form=form, version=version)

    def _revert(self, request, *, form, version) -> HttpResponse:
        page = self.save_form(request, form, change=True)
        when = date_format(timezone.localtime(version.history_date), WHEN_FORMAT)
        back = HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[page.pk])
        )
        if not changed_values(live=type(page)._default_manager.get(pk=page.pk), proposed=page):
            self.message_user(
                request, f"The version of {when} is what patients see now: nothing to revert.", messages.WARNING
            )
            return back
        services.save_draft(page=page, user=request.user, reason=revert_reason(version=version, user=request.user))
        self.log_change(request, page, f"Made a draft change of the version of {when} (not published).")
        if selectors.may_publish(user=request.user, page=page):
            then = "Check it below, then press “Publish now” (or Schedule)."
        else:
            then = "This page needs a clinical review: check it below, then press “Save and submit for review”."
        message = f"The version of {when} is now a draft change. Patients still see the page as it was. {then}"
        self.message_user(request, message, messages.SUCCESS)
        return back
