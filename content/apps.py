from django.apps import AppConfig


class ContentConfig(AppConfig):
    """What every content app shares: the content registry, the published-content base models, the public
    page cache, change history, reading grades, placeholders and the go-live checklist."""

    name = "content"
    verbose_name = "Content"

    def ready(self):
        from . import checks, signals  # noqa: F401 - checks registers the site-wide go-live checks

        signals.connect_content_signals()
