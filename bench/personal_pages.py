"""Personal pages for `make lighthouse`: a waitlist sign-up's status page and a call-back's booking pages, in both
languages, made in the benchmark's own database (run through `manage.py shell`, which prints their paths as JSON).

The team's booking hours are switched on (they ship off) so the booking page has times to offer."""

import json
from datetime import time

from django.utils import translation

from booking import selectors as booking_selectors
from booking import services as booking
from booking.models import AvailabilityRule
from clinic.models import Weekday
from intake import services as intake
from intake.models import IntakeRequest
from treatments.models import Treatment


def _sign_up(*, language: str, number: int) -> intake.SignUp:
    return intake.SignUp(
        first_name="Lighthouse", last_name=f"Reader {number}", email=f"reader{number}@example.com",
        phone=f"+1619555{number:04d}", preferred_contact=IntakeRequest.ContactMethod.PHONE,
        best_time=IntakeRequest.BestTime.ANY, is_adult=True, contact_consent=True, sms_consent=False,
        language=language,
    )  # fmt: skip


def _open_team_hours() -> None:
    rule, _ = AvailabilityRule.objects.update_or_create(coordinator=None, defaults={"is_active": True})
    rule.weekly_hours.all().delete()
    for weekday in Weekday:
        rule.weekly_hours.create(weekday=weekday, start=time(9), end=time(17))


def make() -> dict[str, str]:
    """{page name: path}; prints them as JSON too."""
    _open_team_hours()
    Treatment.objects.filter(slug="spravato").update(status=Treatment.Status.WAITLIST, is_published=True)
    spravato = Treatment.objects.get(slug="spravato")
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    base = "http://127.0.0.1"
    paths = {}
    for number, language in enumerate(("en", "es"), start=1):
        suffix = "" if language == "en" else " (es)"
        waiting = intake.join_waitlist(
            treatment=spravato, sign_up=_sign_up(language=language, number=number), base_url=base
        )
        calling = intake.request_call_back(
            treatment=iv, sign_up=_sign_up(language=language, number=number + 10), base_url=base
        )
        assert waiting and calling, "the sign-ups were refused"
        with translation.override(language):
            paths[f"status page{suffix}"] = intake.status_path(entry=waiting)
            paths[f"booking choose{suffix}"] = booking.booking_path(request=calling)
        booked = booking.book(request=calling, start=booking_selectors.free_times()[0].start, base_url=base)
        paths[f"booking page{suffix}"] = booking.booking_link(booking=booked, base_url="")
    print(json.dumps(paths))
    return paths
