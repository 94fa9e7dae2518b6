from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from treatments.models import Treatment


class WaitlistSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Treatment.objects.filter(is_published=True, status=Treatment.Status.WAITLIST).order_by("slug")

    def location(self, treatment):
        return reverse("waitlist:join", args=[treatment.slug])
