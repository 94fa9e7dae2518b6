from django.contrib.sitemaps import Sitemap

from .models import LegalPage


class LegalPageSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.2

    def items(self):
        return LegalPage.objects.all()

    def lastmod(self, page):
        return page.updated_at
