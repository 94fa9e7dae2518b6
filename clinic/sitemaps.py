from translation.sitemaps import BilingualSitemap

from .models import LegalPage, VisitPage


class LegalPageSitemap(BilingualSitemap):
    changefreq = "yearly"
    priority = 0.2

    def items(self):
        return LegalPage.objects.all()

    def lastmod(self, page):
        return page.updated_at


class VisitPageSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return VisitPage.objects.all()

    def lastmod(self, page):
        return page.updated_at
