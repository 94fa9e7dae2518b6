"""A waiting change rendered exactly as patients would see it, by the public view and template themselves.

The change is written to the page inside a transaction that is always rolled back, and the page's public
view renders it there: lists, ordering and related content all come out as they will once it is published.
Nothing of it reaches the shared cache, and no history is kept. A preview is in English or in Spanish.

A page is shown at its get_absolute_url(); a model whose records have no address of their own (page texts)
renders its preview itself, in a `preview_response(request)` method, with render_public_page's help.

The change form's live preview (publishing.admin.live_preview) renders the form's unsaved input the same way.
"""

import copy
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.datastructures import MultiValueDict
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
    """The page with its waiting `change`, as patients will see it (in Spanish, unless asked otherwise, when the
    change is to Spanish words only)."""
    language = language or preview_language(change)
    model = change.content_type.model_class()

    def write() -> models.Model:
        page = model._default_manager.filter(pk=change.object_id).first() if model else None
        if page is None:
            raise NothingToPreview("The page no longer exists.")
        apply_values(page, change.values)
        page.skip_history_when_saving = True  # type: ignore[attr-defined]  # read by simple-history
        page.save()
        return page

    # page_preview: the preview notice (publishing.context_processors); language_versions: the preview's language
    # switch, which stays in the preview (translation.context_processors)
    return render_rolled_back(
        request=request,
        language=language,
        write=write,
        page_preview=change,
        language_versions=preview_language_versions(change),
    )


def render_rolled_back(
    *, request: HttpRequest, language: str | None, write: Callable[[], models.Model], **marks: object
) -> HttpResponse:
    """The public page of the record `write()` saves, rendered by its own view in `language` for the staff
    member of `request` (given `marks` as attributes), in a transaction that is always rolled back.

    Drafts (render_preview) and the change form's live preview (admin.live_preview) both render here: nothing
    they write survives, the page cache is neither read, filled nor cleared, and the answer is never stored.
    """
    language = language or settings.LANGUAGE_CODE
    with bypassed(), transaction.atomic(), translation.override(language):
        try:
            page = write()
            staff_request = copy.copy(request)
            staff_request.LANGUAGE_CODE = language
            for name, value in marks.items():
                setattr(staff_request, name, value)
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
    public.method = "GET"  # a live preview comes as the change form's POST: the page is shown, never sent a form
    public.POST, public._files = QueryDict(), MultiValueDict()  # type: ignore[attr-defined]  # FILES' store
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
