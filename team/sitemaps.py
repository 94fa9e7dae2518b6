from django.conf import settings
from django.urls import reverse

from translation.sitemaps import BilingualSitemap

from . import selectors


class TeamSitemap(BilingualSitemap):
    """The team page (issue 23.1), in Spanish once the profiles it shows are translated."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return ["team:index"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return selectors.latest_update(profiles=selectors.team())

    def get_languages_for_item(self, name):
        if selectors.team_spanish_missing(profiles=selectors.team()):
            return [settings.LANGUAGE_CODE]
        return super().get_languages_for_item(name)
