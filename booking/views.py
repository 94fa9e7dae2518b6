"""The patient's booking pages: choose a time for a request (/book/<token>/), and their own call's page
(/book/call/<token>/) to change or cancel it. Both open from a signed link only; every page is personal or carries
a CSRF token, so never_cache sends Cache-Control: no-store and the page cache never keeps them.

Both list a few days with free times at a time (booking.selectors.times_page); plain links with `?from=YYYY-MM-DD`
show later and earlier days, so paging needs no script. A form posts to its page's own address, query included, so
a mistake is shown beside the same days.
"""

from datetime import UTC, datetime

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from intake.forms import HONEYPOT_FIELD
from intake.ratelimits import too_many_posts, too_many_signups
from translation.twins import keeps_query_params

from . import emails, selectors, services
from .models import Booking


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "booking/link_invalid.html", status=400)


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/too_many.html", status=429)


def _chosen(request: HttpRequest) -> datetime | None:
    """The start the form sent (seconds since 1970), or None for nothing or nonsense."""
    try:
        return datetime.fromtimestamp(int(request.POST.get("time", "")), tz=UTC)
    except (ValueError, OverflowError, OSError):
        return None


def _times(request: HttpRequest, *, exclude: Booking | None = None) -> selectors.DayPage:
    """The page of free days the address asks for (`?from=YYYY-MM-DD`; anything else is the first page)."""
    return selectors.times_page(start=selectors.page_start(value=request.GET.get("from")), exclude_booking=exclude)


@keeps_query_params("from")  # a later page of free times
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def choose(request: HttpRequest, token: str) -> HttpResponse:
    """A plain list of free times grouped by day; choosing one books the call and opens its own page."""
    try:
        entry = services.request_for_token(token=token)
    except signing.BadSignature:  # SignatureExpired included
        return _invalid(request)
    if entry is None:
        return _invalid(request)
    booked = entry.bookings.filter(status=Booking.Status.BOOKED).exists()
    error = ""
    if request.method == "POST" and not booked:
        if too_many_posts(request=request):
            return _too_many(request)
        spam = bool(request.POST.get(HONEYPOT_FIELD))
        start = _chosen(request)
        if spam or start is not None:
            if too_many_signups(request=request):
                return _too_many(request)
            if spam:
                return redirect(request.path)
        if start is None:
            error = "booking.choose.required"
        else:
            try:
                booking = services.book(request=entry, start=start, base_url=request.build_absolute_uri("/"))
            except services.SlotTaken:
                error = "booking.choose.taken"
            except services.AlreadyBooked:
                booked = True
            else:
                return redirect(reverse("booking:call", args=[services.booking_token(booking=booking)]) + "?booked=1")
    times = _times(request) if not booked else None
    context = {"entry": entry, "treatment": entry.treatment, "booked": booked, "error": error, "times": times}
    return render(request, "booking/choose.html", context)


@keeps_query_params("from")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def call(request: HttpRequest, token: str) -> HttpResponse:
    """The patient's call: when it is, a list of other free times to move it to, and a button to cancel it."""
    try:
        booking = services.booking_for_token(token=token)
    except signing.BadSignature:
        return _invalid(request)
    if booking is None:
        return _invalid(request)
    if not booking.is_booked:  # moved: an older email's link opens the call at its new time
        moved_to = Booking.objects.filter(series=booking.series, status=Booking.Status.BOOKED).first()
        if moved_to is not None:
            return redirect("booking:call", token=services.booking_token(booking=moved_to))
    base_url = request.build_absolute_uri("/")
    error = ""
    if request.method == "POST" and booking.is_booked:
        if too_many_posts(request=request):
            return _too_many(request)
        if request.POST.get(HONEYPOT_FIELD):
            return redirect(request.path)
        if request.POST.get("action") == "cancel":
            services.cancel(booking=booking, base_url=base_url)
            return redirect(request.path)
        start = _chosen(request)
        if start is None:
            error = "booking.choose.required"
        else:
            try:
                moved = services.reschedule(booking=booking, start=start, base_url=base_url)
            except (services.SlotTaken, services.AlreadyBooked):
                error = "booking.choose.taken"
            else:
                return redirect(reverse("booking:call", args=[services.booking_token(booking=moved)]) + "?booked=1")
    context = {
        "booking": booking,
        "when": emails.when(booking),
        "treatment": booking.request.treatment,
        "just_booked": request.method != "POST" and request.GET.get("booked") == "1" and booking.is_booked,
        "error": error,
        "times": _times(request, exclude=booking) if booking.is_booked else None,
        "choose_url": services.booking_path(request=booking.request) if booking.request.is_active else "",
    }
    return render(request, "booking/call.html", context)
