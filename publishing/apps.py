from django.apps import AppConfig

from core.roles import CLINICAL_REVIEWERS, CONTENT_EDITORS


class PublishingConfig(AppConfig):
    """How staff changes reach live pages: draft changes, previews, scheduled publishing and going offline,
    and the clinical review some pages need before they are published."""

    name = "publishing"
    verbose_name = "Changes to live pages"
    # Editors see and discard waiting changes; reviewers may also publish pages that need a clinical review.
    role_permissions = {
        CONTENT_EDITORS: ["view", "delete"],
        CLINICAL_REVIEWERS: ["view", "delete", "review"],
    }
