from translation.sitemaps import BilingualSitemap

from .models import LegalPage


class LegalPageSitemap(BilingualSitemap):
    changefreq = "yearly"
    priority = 0.2

    def items(self):
        return LegalPage.objects.all()

    def lastmod(self, page):
        return page.updated_at
