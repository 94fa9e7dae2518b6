"""Fixed words of the call-back pages and of the button on a treatment page."""

from django.urls import reverse

from sitetext.registry import Preview, Text

from .waitlist import NOT_FOR_EMERGENCIES, open_treatment

PAGE = "Call-back request pages"
EXPECTED_HELP = (
    "Worked out from the contact log: the median time from a request to its first contact. Shown only when at "
    "least EXPECTED_TIMES_MIN_REQUESTS (10) requests were contacted in the last 90 days. Say “usually”: it is "
    "never a promise."
)

TEXTS = [
    Text(
        "callback.button",
        PAGE,
        "Treatment page: button beside “Call”",
        "Request a call back",
        also_on=("Treatment pages",),
        clinical=True,
    ),
    Text(
        "callback.form.heading",
        PAGE,
        "Form page: heading",
        "Ask us to call you about {treatment}",
        placeholders=("treatment",),
    ),
    Text(
        "callback.form.lead",
        PAGE,
        "Form page: line under the heading",
        "Leave your contact details. Our intake team will contact you the way you choose.",
    ),
    Text(
        "callback.form.meta_description",
        PAGE,
        "Form page: description for search engines",
        "Ask the clinic to call you about {treatment}.",
        placeholders=("treatment",),
    ),
    Text("callback.form.next_heading", PAGE, "Form page: side box heading", "What happens next"),
    Text(
        "callback.form.next_steps",
        PAGE,
        "Form page: side box steps",
        "1. If you give your email, we send you a confirmation. It has a link to cancel your request.\n"
        "2. Our intake team contacts you the way you choose, during clinic hours.\n"
        "3. We answer your questions and talk about next steps.",
        markdown=True,
    ),
    Text("callback.form.hours_heading", PAGE, "Form and thank-you page: hours heading", "Clinic hours"),
    Text(
        "callback.form.not_emergency",
        PAGE,
        "Form page: not for emergencies",
        NOT_FOR_EMERGENCIES.format(what="This request"),
        markdown=True,
        clinical=True,
    ),
    # How soon the clinic usually makes a first contact (intake.selectors.call_back_time): shown on the form and
    # thank-you pages only when enough requests were contacted in the last 90 days.
    Text(
        "callback.expected.one_day",
        PAGE,
        "Form and thank-you page: usual time to a first contact, when it is one working day",
        "We usually contact people within one working day of their request.",
        help=EXPECTED_HELP,
    ),
    Text(
        "callback.expected.days",
        PAGE,
        "Form and thank-you page: usual time to a first contact, in working days",
        "We usually contact people within {days} working days of their request.",
        placeholders=("days",),
        required=("days",),
        help=EXPECTED_HELP,
    ),
    Text(
        "callback.expected.note",
        PAGE,
        "Form and thank-you page: what the usual time is made from",
        "Working days are Monday to Friday. This comes from the requests of the last {period} days, "
        "so it is not a promise.",
        placeholders=("period",),
        help="{period} is how many days of requests the usual time is made from (90).",
    ),
    Text("callback.thanks.heading", PAGE, "Thank-you page: heading", "Thank you"),
    Text(
        "callback.thanks.lead",
        PAGE,
        "Thank-you page: line under the heading",
        "We have your request for a call about {treatment}.",
        placeholders=("treatment",),
    ),
    Text("callback.thanks.next_heading", PAGE, "Thank-you page: steps heading", "What happens next"),
    Text(
        "callback.thanks.next_steps",
        PAGE,
        "Thank-you page: steps",
        "1. If you gave your email, look for a confirmation from us. If you do not see it, check your spam folder.\n"
        "2. The email has a link you can use to cancel your request at any time.\n"
        "3. Our intake team will contact you the way you chose, during clinic hours.\n\n"
        "If you already asked us to call you, your first request stands. You do not need to do anything.",
        markdown=True,
    ),
    Text(
        "callback.thanks.not_emergency",
        PAGE,
        "Thank-you page: not for emergencies",
        NOT_FOR_EMERGENCIES.format(what="This request"),
        markdown=True,
        clinical=True,
    ),
    Text("callback.cancel.heading", PAGE, "Cancel page: heading", "Cancel your call-back request?"),
    Text(
        "callback.cancel.lead",
        PAGE,
        "Cancel page: line under the heading",
        "If you cancel, we will not contact you about {treatment}.",
        placeholders=("treatment",),
    ),
    Text("callback.cancel.body", PAGE, "Cancel page: text", "You can ask for a call again at any time."),
    Text("callback.cancel.confirm", PAGE, "Cancel page: button", "Yes, cancel my request"),
    Text("callback.cancel.keep", PAGE, "Cancel page: link to keep it", "No, keep my request"),
    Text("callback.cancelled.heading", PAGE, "After cancelling: heading", "Your request is cancelled"),
    Text(
        "callback.cancelled.lead",
        PAGE,
        "After cancelling: line under the heading",
        "We will not contact you about this request. You can ask again at any time.",
    ),
    Text("callback.cancelled.already_heading", PAGE, "Link used twice: heading", "This request is already closed"),
    Text(
        "callback.cancelled.already_lead",
        PAGE,
        "Link used twice: line under the heading",
        "This call-back request was already closed. You do not need to do anything.",
    ),
    Text("callback.link.expired_heading", PAGE, "Old cancel link: heading", "This link has expired"),
    Text(
        "callback.link.expired_lead",
        PAGE,
        "Old cancel link: line under the heading",
        "For your safety, links to cancel a request only work for a limited time.",
    ),
    Text("callback.link.broken_heading", PAGE, "Damaged cancel link: heading", "This link does not work"),
    Text(
        "callback.link.broken_lead",
        PAGE,
        "Damaged cancel link: line under the heading",
        "The link may be incomplete. Try copying the whole link from the email.",
    ),
    Text(
        "callback.link.body",
        PAGE,
        "Old or damaged cancel link: text",
        "To cancel your request, call or email us and we will cancel it for you.",
    ),
]

# The page that shows a text, by the start of its key; the cancel pages open only from a patient's own link.
CALL_BACK_PAGES = {
    "callback.form.": "callback:request",
    "callback.thanks.": "callback:thanks",
    "callback.expected.": "callback:request",
}


def _call_back_time_shows(key: str) -> bool:
    """Whether the pages show this text of the usual time now (else there is nothing to preview)."""
    if not key.startswith("callback.expected."):
        return True
    from ..selectors import usual_call_back_time

    usual = usual_call_back_time().figures
    if usual is None:
        return False
    return key == "callback.expected.note" or (key == "callback.expected.one_day") == (usual.working_days == 1)


def call_back_page_showing(key: str) -> str | None:
    treatment = open_treatment("available")
    if treatment is None or not _call_back_time_shows(key):
        return None
    if key == "callback.button":
        return treatment.get_absolute_url()
    url_name = next((name for prefix, name in CALL_BACK_PAGES.items() if key.startswith(prefix)), None)
    return reverse(url_name, args=[treatment.slug]) if url_name else None


PREVIEWS = {PAGE: Preview(path=call_back_page_showing)}
