from django.urls import reverse

from translation.sitemaps import BilingualSitemap
from treatments.models import Treatment
from treatments.selectors import published_treatments


class CallBackSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return published_treatments().filter(status=Treatment.Status.AVAILABLE).order_by("slug")

    def location(self, treatment):
        return reverse("callback:request", args=[treatment.slug])

    def lastmod(self, treatment):
        return treatment.updated_at
