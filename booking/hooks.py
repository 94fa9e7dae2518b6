"""Booking offers "choose a time for our call" on intake's call-back thank-you page, and the same page to a person who
just said yes to a place on the waitlist (intake.next_steps)."""

from intake.models import IntakeRequest
from intake.next_steps import AFTER_ACCEPTING_A_PLACE, CALL_BACK_NEXT_STEPS

from . import selectors, services


def offer_a_time(entry: IntakeRequest) -> dict[str, object] | None:
    """The link to choose a time, while any time is free and no call is booked for the request yet."""
    if entry.bookings.filter(status="booked").exists() or not selectors.free_times():
        return None
    return {"template": "booking/includes/offer.html", "url": services.booking_path(request=entry)}


def choose_a_time_after_accepting(entry: IntakeRequest) -> str | None:
    """The page for choosing a time for the first consultation, while a time is free and none is booked yet."""
    offer = offer_a_time(entry)
    return str(offer["url"]) if offer else None


def booking_url_for(*, request: IntakeRequest, base_url: str) -> str:
    """The full address where the person books a call for this request, in their language: for other flows' emails
    (a waitlist invitation)."""
    return services.choose_link(request=request, base_url=base_url)


if offer_a_time not in CALL_BACK_NEXT_STEPS:
    CALL_BACK_NEXT_STEPS.append(offer_a_time)
if choose_a_time_after_accepting not in AFTER_ACCEPTING_A_PLACE:
    AFTER_ACCEPTING_A_PLACE.append(choose_a_time_after_accepting)
