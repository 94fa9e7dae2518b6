from django.conf import settings
from django.contrib.sitemaps import Sitemap

from .twins import missing_spanish


class BilingualSitemap(Sitemap):
    """Every page in English and, once its words are translated, in Spanish, each URL with its hreflang
    alternates (en, es and x-default, the English page)."""

    i18n = True
    alternates = True
    x_default = True

    def get_languages_for_item(self, item):
        if getattr(item, "translated_fields", ()) and missing_spanish(item):
            return [settings.LANGUAGE_CODE]
        return super().get_languages_for_item(item)
