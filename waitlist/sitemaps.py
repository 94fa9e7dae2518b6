from django.urls import reverse

from translation.sitemaps import BilingualSitemap

from .selectors import waitlist_treatments


class WaitlistSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return waitlist_treatments().order_by("slug")

    def location(self, treatment):
        return reverse("waitlist:join", args=[treatment.slug])
