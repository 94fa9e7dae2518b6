from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from clinic import views as clinic_views
from clinic.sitemaps import LegalPageSitemap
from financing.sitemaps import FinancingSitemap
from treatments.sitemaps import TreatmentPagesSitemap, TreatmentSitemap
from waitlist.sitemaps import WaitlistSitemap

SITEMAPS = {
    "legal": LegalPageSitemap,
    "pages": TreatmentPagesSitemap,
    "treatments": TreatmentSitemap,
    "financing": FinancingSitemap,
    "waitlist": WaitlistSitemap,
}

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("treatments.urls")),
    path("financing/", include("financing.urls")),
    path("waitlist/", include("waitlist.urls")),
    path("", include("clinic.urls")),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", clinic_views.robots_txt, name="robots_txt"),
    path("healthz/", clinic_views.healthz, name="healthz"),
    path("favicon.ico", clinic_views.favicon),
]

handler400 = "clinic.views.bad_request"
handler404 = "clinic.views.page_not_found"
handler500 = "clinic.views.server_error"
