"""The emails a booking owes the patient, in their language, each with a calendar invitation (.ics).

The invitation's times carry the clinic's zone (TZID=America/Los_Angeles) with its VTIMEZONE, so calendar programs
anywhere show the call at the right moment, daylight saving included. It names the clinic only, never the patient.
"""

from datetime import UTC, datetime

import icalendar
from django.conf import settings
from django.utils import formats, timezone, translation

from clinic.services import get_clinic_details
from intake.services import email_to_patient
from outbox.models import OutgoingEmail
from sitetext.rendering import text_as_plain
from sitetext.selectors import current_texts

from .models import Booking

SUBJECTS = {
    "confirmation": "email.booking.confirmation_subject",
    "rescheduled": "email.booking.rescheduled_subject",
    "reminder": "email.booking.reminder_subject",
    "cancelled": "email.booking.cancelled_subject",
}


def when(booking: Booking) -> str:
    """The call's start on the clinic's clock, in the active language: "Tuesday, March 10, 2026, 9:00 AM"."""
    local = timezone.localtime(booking.start)
    return f"{formats.date_format(local, 'l')}, {formats.date_format(local, 'DATE_FORMAT')}, " + formats.time_format(
        local, "TIME_FORMAT"
    )


def booking_email(*, booking: Booking, event: str, link: str) -> OutgoingEmail:
    """Record the email about `event` (confirmation, rescheduled, reminder, cancelled) with its invitation.

    `link` is the booking's own page, or for a cancelled call the page to choose a new time."""
    entry = booking.request
    with translation.override(entry.language):
        title = text_as_plain(
            key="email.booking.event_title",
            words=current_texts(entry.language)["email.booking.event_title"],
            values={"clinic_name": get_clinic_details().name},
        )
        starts = when(booking)
    invite = invitation(booking=booking, title=title, cancelled=event == "cancelled")
    return email_to_patient(
        entry=entry,
        purpose=f"booking.{event}",
        key=SUBJECTS[event],
        body_key="email.booking.cancelled_body" if event == "cancelled" else "email.booking.body",
        attachment=("call.ics", invite, "text/calendar"),
        when=starts,
        link=link,
    )


def invitation(*, booking: Booking, title: str, cancelled: bool = False) -> str:
    """An iCalendar (RFC 5545) file with one event: the call, in the clinic's zone."""
    zone = timezone.get_default_timezone()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Resilience Integrative Wellness//Booking//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = icalendar.Event()
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].rstrip(">") or "localhost"
    event.add("uid", f"{booking.series}@{domain}")  # a moved call updates the same event
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", timezone.localtime(booking.start, zone))
    event.add("dtend", timezone.localtime(booking.end, zone))
    event.add("summary", title)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("sequence", booking.sequence + (1 if cancelled else 0))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()
