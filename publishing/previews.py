"""A waiting change rendered exactly as patients would see it, by the public view and template themselves.

The change is written to the page inside a transaction that is always rolled back, and the page's public
view renders it there: lists, ordering and related content all come out as they will once it is published.
Nothing of it reaches the shared cache, and no history is kept.
"""

import copy
from urllib.parse import urlsplit

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import resolve
from django.utils.cache import add_never_cache_headers

from core.content_cache import bypassed

from .models import PageChange
from .values import apply_values


class NothingToPreview(Exception):
    """The page is gone, or would not be shown to patients with this change."""


def render_preview(*, request: HttpRequest, change: PageChange) -> HttpResponse:
    model = change.content_type.model_class()
    with bypassed(), transaction.atomic():
        page = model._default_manager.filter(pk=change.object_id).first() if model else None
        if page is None:
            raise NothingToPreview("The page no longer exists.")
        apply_values(page, change.values)
        page.skip_history_when_saving = True
        page.save()
        path = urlsplit(page.get_absolute_url()).path
        public_request = _as_public_request(request, path=path, change=change)
        try:
            response = public_request.resolver_match.func(
                public_request, *public_request.resolver_match.args, **public_request.resolver_match.kwargs
            )
            if hasattr(response, "render"):
                response.render()
        except Http404:
            raise NothingToPreview("Patients would not see this page with the change.") from None
        finally:
            transaction.set_rollback(True)
    if response.status_code != 200:
        raise NothingToPreview("The page would move to another address with this change.")
    response.is_public_page = False
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _as_public_request(request: HttpRequest, *, path: str, change: PageChange) -> HttpRequest:
    """The staff member's request, as if they had asked for the page's public address."""
    public = copy.copy(request)
    public.path = public.path_info = path
    public.resolver_match = resolve(path)
    public.page_preview = change  # the preview notice (publishing.context_processors)
    return public
