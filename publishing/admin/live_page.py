from django.conf import settings
from django.contrib.admin.options import csrf_protect_m
from django.contrib.admin.utils import unquote
from django.db import router, transaction
from django.utils import timezone

from content.history import staff_name

from .. import selectors
from ..changes import change_summary
from ..forms import ALL_PUBLISHING_FIELDS, LivePageForm, publishing_fields
from ..models import PageChange
from ..previews import preview_languages
from .content import ReviewedContentAdmin
from .edit_views import view_for
from .live_preview import LivePreviewMixin
from .page_changes import OVERDUE_LABEL


class LivePageAdmin(LivePreviewMixin, ReviewedContentAdmin):
    """A page patients read. Adding one, a row of its list and a revert publish at once (ReviewedContentAdmin);
    the change form of an existing page is edit_views' (the form, and one view per button), with the live preview
    beside it (live_preview)."""

    form = LivePageForm
    change_form_template = "admin/publishing/change_form.html"
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
            "waiting_change_by": staff_name(waiting.prepared_by) if waiting else "",
            "preview_in": {code: name for code, name in preview_languages().items() if code != settings.LANGUAGE_CODE},
            "waiting_offline": offline,
            "overdue_label": OVERDUE_LABEL,
            "waiting_change_overdue": selectors.is_overdue(change=waiting, now=now),
            "waiting_offline_overdue": selectors.is_overdue(change=offline, now=now),
            "last_review": selectors.latest_review(page=page),
            "may_discard": waiting is not None and request.user.has_perm("publishing.delete_pagechange"),
        }
