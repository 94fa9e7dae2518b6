"""Serving the library's files from storage, under names that never change meaning."""

import mimetypes
import re

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from clinic_site.media_storage import FOREVER

from .services import FOLDER, media_storage

# Only the files the library makes: a content hash, a width for a rendition, and the formats it writes.
SERVED_NAME = re.compile(rf"{FOLDER}/[0-9a-f]{{20}}(-[0-9]{{1,4}}w)?\.(webp|jpg|png)")


@require_safe
def stored_file(request: HttpRequest, name: str) -> FileResponse:
    """A stored image file. Its name is a hash of its bytes, so browsers and any cache in front may keep it for a
    year without asking again. Read through the default storage, so the bucket (when there is one) stays private
    and pages ask this site alone."""
    if not SERVED_NAME.fullmatch(name):
        raise Http404
    storage = media_storage()
    if not storage.exists(name):
        raise Http404
    response = FileResponse(storage.open(name, "rb"), content_type=mimetypes.guess_type(name)[0])
    response["Cache-Control"] = FOREVER
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
