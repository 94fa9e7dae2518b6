from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .selectors import waitlist_treatments


class WaitlistSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return waitlist_treatments().order_by("slug")

    def location(self, treatment):
        return reverse("waitlist:join", args=[treatment.slug])
