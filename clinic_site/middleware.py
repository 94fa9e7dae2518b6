import logging
import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.middleware.gzip import GZipMiddleware

from .views import render_without_database

logger = logging.getLogger(__name__)

FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class CompressedPagesMiddleware(GZipMiddleware):
    """Gzip the HTML pages rendered for visitors: personal pages (a waitlist entry's status page, booking), a form
    sent back with its errors, every page while the cache is down. The page cache sends the pages it keeps
    compressed already (content.page_cache), and whitenoise its static files; pictures are never compressed again.

    Django's GZipMiddleware, with its BREACH mitigation (random bytes in the gzip header, so sizes vary), and every
    CSRF token on these pages is masked afresh for each answer. Staff pages (a session cookie) are left alone:
    they put words from a link (an admin search) beside patients' details, which is what BREACH needs.
    """

    def process_response(self, request, response):
        if (
            response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return response
        return super().process_response(request, response)


class DatabaseUnavailableMiddleware:
    """A database that is down or too slow gets the branded "try again soon" page, status 503.

    Sits near the top so it also catches what the page cache and the views below it raise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        # The class name only: database errors can quote the values of a failed statement.
        logger.error("Database unavailable while serving a request: %s", type(exception).__name__)
        return render_without_database("503.html", status=503, headers={"Retry-After": "30"})


class PermissionsPolicyMiddleware:
    """Turn off browser features the site never uses (camera, microphone, location...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class FormEncodingMiddleware:
    """Answer 400 to form data that is not UTF-8, before anything reads request.POST.

    Every form on the site is served as UTF-8, so browsers send UTF-8. A body that claims another
    charset (or an unknown one), or whose percent-escapes are not UTF-8, did not come from our
    forms; Django would otherwise guess (unknown charsets) or fail while the CSRF check reads
    request.POST. It sits below CSPMiddleware so the 400 page still carries the security headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.content_type == "multipart/form-data" and request.path_info.startswith(f"/{settings.ADMIN_URL}"):
            # The staff admin's file uploads (the image library): Django's parser streams files to disk, so the
            # body is never read whole here, only bounded; its text fields are the admin's own UTF-8 forms.
            if int(request.META.get("CONTENT_LENGTH") or 0) > settings.STAFF_UPLOAD_MAX_BYTES:
                raise BadRequest("The upload is too large.")
        elif request.content_type in FORM_CONTENT_TYPES:
            problem = form_encoding_problem(
                content_type=request.content_type,
                charset=request.content_params.get("charset"),
                body=request.body,
                boundary=request.content_params.get("boundary"),
            )
            if problem:
                raise BadRequest(problem)
        return self.get_response(request)


def form_encoding_problem(
    *, content_type: str, charset: str | None, body: bytes, boundary: str | None = None
) -> str | None:
    """Why this form data cannot be read as UTF-8, or None when it can.

    Reading request.body enforces DATA_UPLOAD_MAX_MEMORY_SIZE, so an oversized body is refused first
    (no public form uploads files, so a multipart body is as small as a urlencoded one; the staff admin's uploads
    are not read here). Django's
    multipart parser would read text that is not UTF-8 with replacement characters, and ignores a
    charset named in a part's own Content-Type: both are refused here instead.
    """
    if charset is not None and charset.strip().lower() != "utf-8":
        return f"Form data ({content_type}) must be UTF-8."
    try:
        text = body.decode("utf-8")
        if content_type == "application/x-www-form-urlencoded":
            for pair in text.split("&"):
                for part in pair.split("=", 1):
                    unquote_to_bytes(part.replace("+", " ")).decode("utf-8")
    except UnicodeDecodeError:
        return "Form data is not valid UTF-8."
    if content_type == "multipart/form-data" and boundary:
        for part in text.split(f"--{boundary}"):
            headers = part.split("\r\n\r\n", 1)[0]
            for declared in _PART_CHARSET.findall(headers):
                if declared.lower() != "utf-8":
                    return "A part of the form data is not UTF-8."
    return None


_PART_CHARSET = re.compile(r"^content-type:[^\r\n]*?charset=\"?([^\s\";]+)", re.IGNORECASE | re.MULTILINE)
