"""Serving the library's files from storage, under names that never change meaning."""

import logging
import mimetypes
import re

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.views.decorators.http import require_safe

from clinic_site.media_storage import FOREVER

from .services import FOLDER, STORAGE_ERRORS, media_storage

logger = logging.getLogger(__name__)
# Only the files the library makes: a content hash, a width for a rendition, and the formats it writes.
SERVED_NAME = re.compile(rf"{FOLDER}/[0-9a-f]{{20}}(-[0-9]{{1,4}}w)?\.(webp|jpg|png)")


@require_safe
def stored_file(request: HttpRequest, name: str) -> HttpResponseBase:
    """A stored image file. Its name is a hash of its bytes, so browsers and any cache in front may keep it for a
    year without asking again. Read through the default storage, so the bucket (when there is one) stays private
    and pages ask this site alone."""
    if not SERVED_NAME.fullmatch(name):
        raise Http404
    storage = media_storage()
    try:
        if not storage.exists(name):
            raise Http404
        file = storage.open(name, "rb")
    except STORAGE_ERRORS as error:  # the page around the image still shows; the browser may try again later
        logger.error("The image storage failed while serving a file: %s", type(error).__name__)
        return HttpResponse(status=503, headers={"Retry-After": "30", "Cache-Control": "no-store"})
    response = FileResponse(file, content_type=mimetypes.guess_type(name)[0])
    response["Cache-Control"] = FOREVER
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
