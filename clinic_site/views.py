"""The site's own pages that belong to no app: machine endpoints and the error pages."""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from clinic.services import get_clinic_details_without_database
from sitetext.selectors import texts_without_database

from .health import cache_is_answering, database_is_up


@require_safe
def robots_txt(request):
    admin_path = "/" + settings.ADMIN_URL
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", f"Disallow: {admin_path}", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers and admin pages without an icon link ask for /favicon.ico."""
    return HttpResponsePermanentRedirect(staticfiles_storage.url("img/favicon.svg"))


@never_cache
@require_safe
def healthz(request):
    """For the load balancer: 503 only when the database is down; the cache is reported, never required."""
    cache_state = "ok" if cache_is_answering() else "down"
    if database_is_up():
        return JsonResponse({"status": "ok", "database": "ok", "cache": cache_state})
    return JsonResponse({"status": "unavailable", "database": "unreachable", "cache": cache_state}, status=503)


def bad_request(request, exception):
    """Branded 400. Unlike Django's default it never re-runs the CSRF check, which reads
    request.POST again: for a body that could not be parsed that raises a second time and
    turns the 400 into a 500."""
    response = render(request, "400.html", status=400)
    response["Cache-Control"] = "no-store"
    return response


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render_without_database("500.html", status=500)


def render_without_database(template_name, *, status, headers=None):
    """An error page drawn without the database or context processors: the database may be why we are here."""
    html = loader.get_template(template_name).render(
        {"clinic": get_clinic_details_without_database(), "site_texts": texts_without_database()}
    )
    return HttpResponse(html, status=status, headers=headers)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
