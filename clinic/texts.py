"""The fixed words around the legal pages (their titles and bodies are the legal page records), and those of the
Visit us page (its own words are the visit page record, the address and hours the clinic details)."""

from sitetext.registry import Text, at
from sitetext.texts import CONTACT_HELP, CONTACT_PLACEHOLDERS, EVERY_PAGE

LEGAL = "Legal pages (privacy, accessibility, medical disclaimer)"
VISIT = "Visit us page"

TEXTS = [
    Text(
        "legal.last_updated",
        LEGAL,
        "Date the page was last changed, under its text",
        "Last updated {date}.",
        placeholders=("date",),
    ),
    Text("footer.visit_link", EVERY_PAGE, "Footer: link to the Visit us page, under the hours", "How to find us"),
    Text("visit.address_heading", VISIT, "Heading above the address", "Address"),
    Text("visit.hours_heading", VISIT, "Heading above the opening hours", "Opening hours"),
    Text(
        "visit.open_now",
        VISIT,
        "Shown while the clinic is open (with JavaScript; worked out in San Diego time)",
        "Open now, until {closes}",
        placeholders=("closes",),
    ),
    Text(
        "visit.closed_now_opens",
        VISIT,
        "Shown while the clinic is closed (with JavaScript; worked out in San Diego time)",
        "Closed now, opens {day} at {opens}",
        placeholders=("day", "opens"),
        help="{day} is the day it opens again, like “Monday”; {opens} the time, like “9 am”.",
    ),
    Text(
        "visit.closed_now",
        VISIT,
        "Shown while the clinic is closed and no opening is set in the next two months",
        "Closed now",
    ),
    Text("visit.closed_day", VISIT, "Opening hours: a day the clinic is closed", "Closed"),
    Text(
        "visit.time_zone_note",
        VISIT,
        "Under the opening hours",
        "All times are San Diego time.",
    ),
    Text("visit.closures_heading", VISIT, "Heading above the dates the clinic is closed", "Days we are closed"),
    Text(
        "visit.hours_unknown",
        VISIT,
        "Shown in place of the hours until the clinic details have the real opening hours",
        "Please call us at [{phone}](tel:{phone_e164}) to ask when we are open.",
        markdown=True,
        placeholders=CONTACT_PLACEHOLDERS,
        help=CONTACT_HELP,
    ),
    Text("visit.parking_heading", VISIT, "Heading above the parking details", "Parking"),
    Text("visit.transit_heading", VISIT, "Heading above the public transit details", "Bus and trolley"),
    Text("visit.entrance_heading", VISIT, "Heading above how to find the entrance", "Finding the entrance"),
    Text("visit.step_free_access_heading", VISIT, "Heading above the step-free access details", "Step-free access"),
]

PREVIEWS = {LEGAL: at("clinic:privacy"), VISIT: at("clinic:visit")}
