"""The site's URLs plus public pages that ask not to be shared, to see the page cache honour them."""

from django.http import HttpResponse
from django.urls import path
from django.utils.cache import patch_cache_control, patch_vary_headers

from clinic_site.urls import urlpatterns as site_urlpatterns
from content.page_cache import public_page

served = []


@public_page
def private_page(request):
    served.append(request.path)
    response = HttpResponse("for one visitor")
    patch_cache_control(response, private=True)
    return response


@public_page
def no_store_page(request):
    served.append(request.path)
    response = HttpResponse("never stored")
    patch_cache_control(response, no_store=True)
    return response


@public_page
def per_language_page(request):
    served.append(request.path)
    response = HttpResponse("depends on the language")
    patch_vary_headers(response, ["Accept-Language"])
    return response


urlpatterns = [
    path("private/", private_page),
    path("no-store/", no_store_page),
    path("per-language/", per_language_page),
    *site_urlpatterns,
]
