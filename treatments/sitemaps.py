from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import services


class TreatmentPagesSitemap(Sitemap):
    """The fixed pages of the treatments app, dated by the newest content they show."""

    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return ["treatments:home", "treatments:list", "treatments:compare", "treatments:ketamine"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        if name == "treatments:compare":
            return services.latest_update(services.comparison_routes())
        if name == "treatments:ketamine":
            return max(filter(None, [services.latest_update(services.education_sections()), services.latest_update(services.general_faqs())]), default=None)
        return services.latest_update(services.published_treatments())


class TreatmentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return services.published_treatments()

    def lastmod(self, treatment):
        return treatment.updated_at
