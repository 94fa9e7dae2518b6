"""The site's own pages that belong to no app: machine endpoints and the error pages."""

import logging

from csp.utils import build_policy
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from clinic.selectors import page_frame
from clinic.services import get_clinic_details_without_database
from sitetext.selectors import current_texts, texts_without_database
from translation.twins import language_of_address

from .health import cache_is_answering, database_is_up

logger = logging.getLogger(__name__)


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
    """Branded 400, drawn from the site's content and nothing the request says but its address's language.

    The request is what could not be read: a Host header outside ALLOWED_HOSTS makes every
    request.get_host() raise again (the canonical link, the JSON-LD, the page cache key), and Django's
    default 400 view re-reads request.POST, which raises again for a body that could not be parsed.
    """
    if isinstance(exception, DisallowedHost):
        # Django's own line quotes the header (LOGGING mutes it): the value is the visitor's, not ours to log.
        logger.warning("Refused a request whose Host header is not in DJANGO_ALLOWED_HOSTS (400)")
    with translation.override(language_of_address(request.path_info)):
        response = render_without_request("400.html", status=400)
    response["Cache-Control"] = "no-store"
    return with_security_headers(response)


def with_security_headers(response: HttpResponse) -> HttpResponse:
    """The headers the middleware adds on the way out, set here too: a refused Host can stop the request in
    the first middleware (SecurityMiddleware's HTTPS redirect asks for the host), before any of them runs."""
    response.setdefault("Content-Security-Policy", build_policy())
    response.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
    response.setdefault("X-Content-Type-Options", "nosniff")
    response.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
    response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
    return response


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render_without_database("500.html", status=500)


def render_without_database(template_name, *, status, headers=None):
    """An error page drawn without the database or context processors: the database may be why we are here."""
    context = {"clinic": get_clinic_details_without_database(), "site_texts": texts_without_database()}
    return _render_error_page(template_name, context, status=status, headers=headers)


def render_without_request(template_name, *, status):
    """An error page with the clinic's details, menu and legal links but no context processors, so nothing of
    the request; without the database, as render_without_database."""
    try:
        clinic, menu_links, legal_pages = page_frame()
    except DatabaseError:
        return render_without_database(template_name, status=status)
    context = {"clinic": clinic, "menu_links": menu_links, "legal_pages": legal_pages, "site_texts": current_texts()}
    return _render_error_page(template_name, context, status=status)


def _render_error_page(template_name, context, *, status, headers=None):
    return HttpResponse(loader.get_template(template_name).render(context), status=status, headers=headers)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
