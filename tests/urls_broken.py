"""The site's URLs plus one view that fails, to see the 500 page a visitor would get."""

from django.urls import path

from clinic_site.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("secret detail that must never reach the visitor")


urlpatterns = [path("boom/", broken_view), *site_urlpatterns]
handler400 = "clinic.views.bad_request"
handler404 = "clinic.views.page_not_found"
handler500 = "clinic.views.server_error"
