from django.contrib import admin

from content.history import revert_reason
from content.history_admin import ReadableHistoryAdmin

from .. import selectors, services
from ..forms import FollowsReviewRule


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
        if getattr(form, "row", False) and set(form.changed_data) <= {"ordering"}:
            # A new order changes no words, so it is not counted as a change to them (updated_at stays).
            obj._history_user = request.user
            obj.save(update_fields=["ordering"])
            return
        services.publish_now(page=obj, user=request.user)

    def save_revert(self, request, obj, form, *, version) -> None:
        # A revert puts the old version live at once (a waiting change stays waiting), named as a revert.
        services.publish_now(page=obj, user=request.user, reason=revert_reason(version=version, user=request.user))

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
        reasons = selectors.review_reasons(record=obj, live=True) if obj is not None and obj.pk else []
        if not reasons:
            return "Not needed: anyone who edits content can publish it."
        return f"Needed, because {' and '.join(reasons)}: only a clinical reviewer can publish a change to it."
