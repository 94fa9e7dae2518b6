"""The coordinators' day agenda: the calls booked on one day, each with who to call and buttons for how it went.

The booked calls list is the admin's page for bookings; each look at it is in the access record (it shows names
and phone numbers), and each outcome is a line in the request's contact log.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from access_record import services as access_record
from intake.models import IntakeRequest
from phones.numbers import format_national
from staff.admin_site import ViewOnlyAdmin

from . import selectors, services
from .models import Booking

OUTCOME_LABELS = {"reached": "Reached", "no_answer": "No answer", "rescheduled": "Rescheduled"}


def _day(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return timezone.localdate()


class BookingAdmin(ViewOnlyAdmin):
    """Booked calls: the day agenda replaces the list; patients make, change and cancel bookings themselves."""

    def get_urls(self):
        outcome = self.admin_site.admin_view(self.outcome_view)
        return [path("<int:booking_id>/outcome/", outcome, name="booking_booking_outcome"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        day = _day(request)
        bookings = selectors.day_agenda(day=day)
        rows = [
            {
                "booking": booking,
                "name": f"{booking.request.first_name} {booking.request.last_name}",
                "phone": format_national(booking.request.phone),
                "phone_e164": booking.request.phone,
                "request_url": reverse("admin:waitlist_intakerequest_change", args=[booking.request_id]),
            }
            for booking in bookings
        ]
        access_record.record(
            request=request, action=access_record.Action.VIEW, model=IntakeRequest,
            object_ids=[booking.request_id for booking in bookings], detail=f"call agenda {day:%Y-%m-%d}",
        )  # fmt: skip
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Calls on {day:%A, %B %-d, %Y}",
            "day": day,
            "previous_day": date.fromordinal(day.toordinal() - 1),
            "next_day": date.fromordinal(day.toordinal() + 1),
            "rows": rows,
            "outcomes": OUTCOME_LABELS,
            "may_record": request.user.has_perm("waitlist.change_intakerequest"),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/booking/agenda.html", context)

    def outcome_view(self, request: HttpRequest, booking_id: int) -> HttpResponse:
        if request.method != "POST" or not request.user.has_perm("waitlist.change_intakerequest"):
            raise PermissionDenied
        booking = get_object_or_404(Booking.objects.select_related("request"), pk=booking_id)
        outcome = request.POST.get("outcome", "")
        if outcome not in OUTCOME_LABELS:
            raise PermissionDenied
        assert isinstance(request.user, User)  # admin_view signs people in
        line = services.record_outcome(booking=booking, outcome=outcome, staff=request.user)
        access_record.record_contact_entry(
            request=request, model=IntakeRequest, object_id=booking.request_id, line=line.pk
        )
        messages.success(request, f"Saved in the contact log: {OUTCOME_LABELS[outcome]}.")
        day = timezone.localtime(booking.start).date()
        return redirect(reverse("admin:booking_booking_changelist") + f"?day={day:%Y-%m-%d}")
