from django.apps import AppConfig


class TranslationConfig(AppConfig):
    """Spanish beside English: Spanish twins of content fields, the shipped Spanish catalogues, the language
    an address speaks, and the bilingual sitemap."""

    name = "translation"
    verbose_name = "Spanish"

    def ready(self):
        from .freshness import connect_signals

        connect_signals()
