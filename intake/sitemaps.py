from django.urls import reverse

from translation.sitemaps import BilingualSitemap
from treatments.models import Treatment
from treatments.selectors import published_treatments

from .selectors import waitlist_treatments


class WaitlistSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return waitlist_treatments().order_by("slug")

    def location(self, treatment):
        return reverse("waitlist:join", args=[treatment.slug])


class CallBackSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return published_treatments().filter(status=Treatment.Status.AVAILABLE).order_by("slug")

    def location(self, treatment):
        return reverse("callback:request", args=[treatment.slug])

    def lastmod(self, treatment):
        return treatment.updated_at
