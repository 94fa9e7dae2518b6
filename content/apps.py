from django.apps import AppConfig
from django.core.signals import setting_changed


class ContentConfig(AppConfig):
    """What every content app shares: the content registry, the published-content base models, the public
    page cache, change history, reading grades, placeholders and the go-live checklist."""

    name = "content"
    verbose_name = "Content"

    def ready(self):
        from . import checks, signals  # noqa: F401 - checks registers the site-wide go-live checks
        from .page_cache import forget_seen_version

        signals.connect_content_signals()
        # Another cache, or another check interval, in tests: the version seen is not the new cache's.
        setting_changed.connect(forget_seen_version, dispatch_uid="content.forget_seen_version")
