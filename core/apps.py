from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site infrastructure shared by every app: content registry, page cache, roles, staff accounts."""

    name = "core"
    verbose_name = "Site infrastructure"

    def ready(self):
        from . import checks, signals  # noqa: F401 - checks registers the site-wide go-live checks

        signals.connect_content_signals()
