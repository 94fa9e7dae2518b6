"""A waiting change rendered exactly as patients would see it, by the public view and template themselves.

The change is written to the page inside a transaction that is always rolled back, and the page's public
view renders it there: lists, ordering and related content all come out as they will once it is published.
Nothing of it reaches the shared cache, and no history is kept. A preview is in English or in Spanish.

A page is shown at its get_absolute_url(); a model whose records have no address of their own (page texts)
renders its preview itself, in a `preview_response(request)` method, with render_public_page's help.
"""

import copy
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language_info

from content.page_cache import bypassed
from translation.twins import SPANISH, LanguageVersion, spanish_name

from .models import PageChange
from .values import apply_values


class NothingToPreview(Exception):
    """The page is gone, or would not be shown to patients with this change."""


def preview_languages() -> dict[str, str]:
    """{code: English name} of the languages a preview can be in; the site's default language first."""
    return {code: get_language_info(code)["name"] for code, _ in settings.LANGUAGES}


def preview_language(change: PageChange) -> str:
    """The language a preview opens in when none is asked for: Spanish for a change to Spanish words only."""
    translated = set(getattr(change.content_type.model_class(), "translated_fields", ()))
    changed = set(change.values)
    spanish_only = changed & {spanish_name(name) for name in translated} and not changed & translated
    return SPANISH if spanish_only else settings.LANGUAGE_CODE


def preview_language_versions(change: PageChange) -> list[LanguageVersion]:
    """The preview in each language: its language switch stays in the preview instead of leading to the live page."""
    address = reverse("admin:publishing_pagechange_preview", args=[change.pk])
    return [LanguageVersion(code=code, path=f"{address}?language={code}") for code in preview_languages()]


def render_preview(*, request: HttpRequest, change: PageChange, language: str | None = None) -> HttpResponse:
    language = language or preview_language(change)
    model = change.content_type.model_class()
    with bypassed(), transaction.atomic(), translation.override(language):
        page = model._default_manager.filter(pk=change.object_id).first() if model else None
        if page is None:
            raise NothingToPreview("The page no longer exists.")
        apply_values(page, change.values)
        page.skip_history_when_saving = True  # type: ignore[attr-defined]  # read by simple-history
        page.save()
        staff_request = copy.copy(request)
        staff_request.LANGUAGE_CODE = language
        staff_request.page_preview = change  # type: ignore[attr-defined]  # the preview notice (publishing.context_processors)
        staff_request.language_versions = preview_language_versions(change)  # type: ignore[attr-defined]  # translation.context_processors
        try:
            if hasattr(page, "preview_response"):
                response = page.preview_response(staff_request)
            else:
                response = render_public_page(staff_request, path=urlsplit(page.get_absolute_url()).path)  # type: ignore[attr-defined]
        finally:
            transaction.set_rollback(True)
    if response.status_code != 200:
        raise NothingToPreview("The page would move to another address with this change.")
    response.is_public_page = False
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def render_public_page(request: HttpRequest, *, path: str) -> HttpResponse:
    """The public page at `path` (with its query string, if any), rendered by its own view for the staff member."""
    public = copy.copy(request)
    path, _, query = path.partition("?")
    public.path = public.path_info = path
    public.GET = QueryDict(query)
    public.resolver_match = resolve(path)
    try:
        response = public.resolver_match.func(public, *public.resolver_match.args, **public.resolver_match.kwargs)
        if hasattr(response, "render"):
            response.render()
    except Http404:
        raise NothingToPreview("Patients would not see this page with the change.") from None
    return response
