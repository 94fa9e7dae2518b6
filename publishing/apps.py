from django.apps import AppConfig

from jobs.registry import RoutineJob
from staff.roles import CLINICAL_REVIEWERS, CONTENT_EDITORS


class PublishingConfig(AppConfig):
    """How staff changes reach live pages: draft changes, previews, scheduled publishing and going offline,
    and the clinical review some pages need before they are published."""

    name = "publishing"
    verbose_name = "Changes to live pages"
    routine_jobs = {
        "publish-scheduled-changes": RoutineJob(function="publishing.services.apply_due_changes", every_seconds=60),
    }
    # Editors see and discard waiting changes; reviewers may also publish pages that need a clinical review.
    role_permissions = {
        CONTENT_EDITORS: ["view", "delete"],
        CLINICAL_REVIEWERS: ["view", "delete", "review"],
    }

    # Every record's latest clinical review, for the review lines (selectors.current_review) without a query.
    page_frame = {"latest-reviews": "publishing.selectors.latest_reviews"}

    # The admin's content search (content.search) says what waits to go live, and finds words in drafts too.
    search_refinements = "publishing.selectors.with_waiting_changes"

    def ready(self):
        from django.db.models.signals import post_delete

        from content.registry import content_models

        from . import signals

        for model in content_models():
            uid = f"publishing-forget:{model._meta.label}"
            post_delete.connect(signals.page_deleted, sender=model, dispatch_uid=uid)
