"""Before the booking POST stream (run by bench/run.py in the app servers' environment): switch on the team's booking
hours and store the people who will book, then print, as one JSON line, each person's request id and choose-a-time
link, and every free time in order. `python bench/booking_setup.py EXTRA`: as many people as free times and EXTRA.

Run in the production environment, so the links are signed with the servers' key and the times are read on the
servers' clock. The people are call-back requests stored directly (their contact details encrypted and their
matching hashes filled as a save would), without the call-back's own emails, so that every email owed after the
stream is a booking confirmation.
"""

import json
import os
import sys
from datetime import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

# The hours the stream books: a busy team taking 15-minute calls 8:00–20:00 every day, 24 hours' notice, 14 days
# ahead: about 670 times, one calendar (the team's).
HOURS = {"slot_minutes": 15, "min_notice_hours": 24, "days_ahead": 14}
OPEN, CLOSE = time(8), time(20)
TREATMENT = "iv-ketamine-infusion"


def main(extra: int) -> None:
    """As many people as free times and `extra` more (each client holds one person who has not booked yet)."""
    django.setup()
    from booking import selectors, services
    from booking.models import AvailabilityRule
    from clinic.models import Weekday
    from intake.models import IntakeRequest
    from treatments.models import Treatment

    rule, _ = AvailabilityRule.objects.update_or_create(coordinator=None, defaults={"is_active": True, **HOURS})
    rule.weekly_hours.all().delete()
    rule.breaks.all().delete()
    rule.closures.all().delete()
    for weekday in Weekday:
        rule.weekly_hours.create(weekday=weekday, start=OPEN, end=CLOSE)
    AvailabilityRule.objects.exclude(pk=rule.pk).update(is_active=False)  # the team's calendar only

    times = [slot.value for slot in selectors.free_times()]
    treatment = Treatment.objects.get(slug=TREATMENT)
    people = []
    for number in range(len(times) + extra):
        person = IntakeRequest(
            kind=IntakeRequest.Kind.CALL_BACK, treatment=treatment, first_name="Bench", last_name="Booker",
            email=f"bench-booking-{number}@example.com", phone=f"+1858{2_000_000 + number:07d}",
            preferred_contact="phone", best_time="any", is_adult=True, contact_consent=True, insurance="",
        )  # fmt: skip
        person.fill_match_hashes()
        people.append(person)
    IntakeRequest.objects.bulk_create(people, batch_size=500)  # PostgreSQL gives each its id
    print(
        json.dumps(
            {
                "patients": [[person.pk, services.booking_path(request=person)] for person in people],
                "times": times,
            }
        )
    )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings")
    main(int(sys.argv[1]))
