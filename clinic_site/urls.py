from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from clinic.sitemaps import LegalPageSitemap, VisitPageSitemap
from clinic_site import views
from financing.sitemaps import FinancingSitemap
from intake.sitemaps import CallBackSitemap, WaitlistSitemap
from staff import views as staff_views
from team.sitemaps import TeamSitemap
from treatments.sitemaps import FirstVisitSitemap, TreatmentPagesSitemap, TreatmentSitemap

SITEMAPS = {
    "legal": LegalPageSitemap,
    "visit": VisitPageSitemap,
    "pages": TreatmentPagesSitemap,
    "treatments": TreatmentSitemap,
    "first-visit": FirstVisitSitemap,
    "team": TeamSitemap,
    "financing": FinancingSitemap,
    "waitlist": WaitlistSitemap,
    "call-back": CallBackSitemap,
}

urlpatterns = i18n_patterns(
    path("treatments/<slug:slug>/request-a-call/", include("intake.urls.call_back")),
    path("", include("treatments.urls")),
    path("financing/", include("financing.urls")),
    path("team/", include("team.urls")),
    path("waitlist/", include("intake.urls.waitlist")),
    path("book/", include("booking.urls")),
    path("", include("clinic.urls")),
    prefix_default_language=False,
) + [
    path(f"{settings.ADMIN_URL}session/", staff_views.session_time_left, name="staff_session_time_left"),
    # The one-time enrolment link (a credential, masked in logs: clinic_site.log_privacy) and its steps.
    path(f"{settings.ADMIN_URL}enrol/<str:token>/", staff_views.open_enrolment_link, name="staff_enrol_link"),
    path(f"{settings.ADMIN_URL}enrol/", staff_views.enrolment, name="staff_enrol"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz/", views.healthz, name="healthz"),
    path("media/", include("media_library.urls")),  # image files, served from storage (media_library.views)
    path("favicon.ico", views.favicon),
]

handler400 = "clinic_site.views.bad_request"
handler404 = "clinic_site.views.page_not_found"
handler500 = "clinic_site.views.server_error"
