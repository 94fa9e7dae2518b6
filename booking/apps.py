from django.apps import AppConfig

from jobs.registry import RoutineJob
from staff.roles import INTAKE_COORDINATORS


class BookingConfig(AppConfig):
    """Phone consultations patients book themselves: the hours coordinators set, the free times, the bookings, the
    patient's own page to change or cancel a call, its emails and reminder, and the coordinators' day agenda."""

    name = "booking"
    verbose_name = "Booking: phone consultations"
    routine_jobs = {
        # Every 15 minutes, so a reminder goes out within a quarter of an hour of 24 hours before; once per booking.
        "booking-reminders": RoutineJob(function="booking.services.send_reminders", every_seconds=15 * 60),
    }
    site_texts = "booking.texts.TEXTS"
    site_text_previews = "booking.texts.PREVIEWS"
    # Coordinators set the hours and see the bookings (bookings are made and cancelled by patients only).
    role_permissions = {INTAKE_COORDINATORS: ["add", "change", "delete", "view"]}

    def ready(self):
        # Offers a time on intake's call-back thank-you page; a deleted booking takes its emails with it.
        from . import hooks, signals  # noqa: F401
