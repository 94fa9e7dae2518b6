"""The site's URLs plus a view that fails, to see the 500 page a visitor would get."""

from django.urls import path

from clinic_site.urls import urlpatterns as site_urlpatterns


def broken_view(request, **kwargs):
    raise RuntimeError("secret detail that must never reach the visitor")


urlpatterns = [
    path("boom/", broken_view),
    path("waitlist/leave/<str:token>/boom/", broken_view),  # a failure at a path that carries a credential
    *site_urlpatterns,
]
handler400 = "clinic_site.views.bad_request"
handler404 = "clinic_site.views.page_not_found"
handler500 = "clinic_site.views.server_error"
