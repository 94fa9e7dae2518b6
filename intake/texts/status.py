"""Fixed words of a waitlist entry's own status page (/waitlist/status/<token>/) and of the emails about it:
check-ins and a changed email address."""

from sitetext.registry import Preview, Text

from .waitlist import EMAILS, NOT_FOR_EMERGENCIES

PAGE = "Waitlist status page"
CRISIS = (
    "This waitlist is not for emergencies. If you are in crisis, call or text 988 (Suicide & Crisis Lifeline). "
    "In an emergency, call 911."
)
STATES = {
    "waiting": ("Waiting for a place", "You are on the list. You do not need to do anything now."),
    "inactive": (
        "On hold until you answer",
        "We did not hear back from you, so your place is on hold. You keep your place in line. "
        "Tell us below if you still want it.",
    ),
    "scheduled": ("We have set a time to talk", "Our intake team has set a time to talk with you."),
    "enrolled": ("No longer waiting", "You are no longer waiting. Our team is in touch with you about next steps."),
    "closed": ("Closed", "This waitlist place is closed. We will not contact you about it."),
}
NEXT = {
    "waiting": (
        "1. When a place opens, our intake team contacts you the way you chose.\n"
        "2. Every {weeks} weeks we email you to ask if you still want your place. You answer on this page.\n"
        "3. If we do not hear back from you twice in a row, we put your place on hold. You keep your place in line, "
        "and you can say yes at any time."
    ),
    "scheduled": "Our intake team will contact you at the time you agreed. To change it, please call us.",
    "enrolled": "Our team will stay in touch with you the way you chose.",
    "closed": "If you want a place again, you can join the waitlist again at any time.",
}
SAVED = {
    "phone": "Your phone number is saved.",
    "email": "Your email address is saved. We sent a note to your old and your new address.",
    "language": "Your language is saved. We will write to you in this language.",
    "contact": "Your contact choices are saved.",
    "yes": "Thank you. You keep your place on the list.",
    "changed": "Thank you. You keep your place. Please update your details below, or call us.",
}

TEXTS = [
    Text("status.heading", PAGE, "Heading", "Your place on the {treatment} waitlist", placeholders=("treatment",)),
    *(
        Text(f"status.lead.{state}", PAGE, f"Line under the heading: {state}", lead)
        for state, (_, lead) in STATES.items()
    ),
    Text("status.summary_heading", PAGE, "Section heading: the place", "Your place"),
    Text("status.joined", PAGE, "Label: when they joined", "Joined"),
    Text("status.state", PAGE, "Label: status", "Status"),
    *(Text(f"status.state.{state}", PAGE, f"Status: {state}", label) for state, (label, _) in STATES.items()),
    Text("status.last_confirmed", PAGE, "Label: when they last said they still want their place", "Last confirmed"),
    Text("status.never_confirmed", PAGE, "Last confirmed: never yet", "Not yet"),
    Text("status.next_heading", PAGE, "Section heading: what happens next", "What happens next"),
    Text(
        "status.next.waiting",
        PAGE,
        "What happens next: waiting or on hold",
        NEXT["waiting"],
        markdown=True,
        placeholders=("weeks",),
        help="{weeks} is WAITLIST_CHECKIN_WEEKS (12 unless the server says otherwise).",
    ),
    *(
        Text(f"status.next.{state}", PAGE, f"What happens next: {state}", words, markdown=True)
        for state, words in NEXT.items()
        if state != "waiting"
    ),
    Text("status.check_in.heading", PAGE, "Check-in: question", "Do you still want your place?"),
    Text(
        "status.check_in.lead",
        PAGE,
        "Check-in: line under the question",
        "Please choose one answer. If something changed, you keep your place and can update your details below.",
    ),
    Text("status.check_in.yes", PAGE, "Check-in: button, yes", "Yes, keep my place"),
    Text("status.check_in.changed", PAGE, "Check-in: button, yes but something changed", "Yes, but something changed"),
    Text("status.check_in.no_longer", PAGE, "Check-in: button, no longer", "No, take me off the list"),
    *(Text(f"status.saved.{what}", PAGE, f"Note after saving: {what}", words) for what, words in SAVED.items()),
    Text("status.details_heading", PAGE, "Section heading: update details", "Update your details"),
    Text("status.phone.heading", PAGE, "Phone form: heading", "Change your phone number"),
    Text("status.phone.submit", PAGE, "Phone form: button", "Save phone number"),
    Text("status.email.heading", PAGE, "Email form: heading", "Change your email"),
    Text(
        "status.email.help",
        PAGE,
        "Email form: hint below the field",
        "We will send a note to your old and your new address.",
    ),
    Text("status.email.submit", PAGE, "Email form: button", "Save email"),
    Text(
        "status.email.in_use",
        PAGE,
        "Email form error: the address cannot be used",
        "We could not save this email address. Please try another one, or call us.",
    ),
    Text("status.language.heading", PAGE, "Language form: heading", "Change your language"),
    Text("status.language.label", PAGE, "Language form: question", "Which language should we use with you?"),
    Text("status.language.required", PAGE, "Language form error: none chosen", "Please choose a language."),
    Text("status.language.en", PAGE, "Language form: English, in its own words", "English"),
    Text("status.language.es", PAGE, "Language form: Spanish, in its own words", "Español"),
    Text("status.language.submit", PAGE, "Language form: button", "Save language"),
    Text("status.contact.heading", PAGE, "Contact form: heading", "Change how we contact you"),
    Text("status.contact.submit", PAGE, "Contact form: button", "Save contact choices"),
    Text("status.leave.heading", PAGE, "Leave: heading", "Leave the waitlist"),
    Text(
        "status.leave.body",
        PAGE,
        "Leave: text",
        "If you leave, we will not contact you about this waitlist. You can join again later.",
    ),
    Text("status.leave.submit", PAGE, "Leave: button", "Take me off the list"),
    Text(
        "status.not_emergency",
        PAGE,
        "Not for emergencies",
        NOT_FOR_EMERGENCIES.format(what="This waitlist"),
        markdown=True,
        clinical=True,
    ),
    Text("status.link.expired_heading", PAGE, "Old link: heading", "This link has expired"),
    Text(
        "status.link.expired_lead",
        PAGE,
        "Old link: line under the heading",
        "For your safety, links to your page only work for a limited time. Each email from us has a new one.",
    ),
    Text("status.link.broken_heading", PAGE, "Damaged link: heading", "This link does not work"),
    Text(
        "status.link.broken_lead",
        PAGE,
        "Damaged link: line under the heading",
        "The link may be incomplete. Try copying the whole link from the email.",
    ),
    Text(
        "status.link.body",
        PAGE,
        "Old or damaged link: text",
        "To check your place or change your details, call or email us and we will help you.",
    ),
    # Emails
    Text(
        "email.check_in.subject",
        EMAILS,
        "Check-in to the patient: subject",
        "Do you still want your place on the {treatment} waitlist?",
        placeholders=("treatment",),
    ),
    Text(
        "email.check_in.body",
        EMAILS,
        "Check-in to the patient: text",
        "Hello,\n\n"
        "You joined the {treatment} waitlist at {clinic_name} on {joined}. "
        "We check in every few months to keep the list up to date.\n\n"
        "Do you still want your place? Please open your page and choose an answer. It takes one click:\n"
        "{status_link}\n\n"
        "On the same page you can update your phone number, email or language, or leave the list.\n\n"
        "If we do not hear back from you twice, we put your place on hold. You keep your place in line, "
        "and you can say yes at any time.\n\n"
        "Questions? Call us at {clinic_phone}.\n\n" + CRISIS + "\n\n{clinic_name}",
        markdown=True,
        placeholders=("treatment", "clinic_name", "clinic_phone", "status_link", "joined"),
        required=("status_link",),
        help="Plain-text email. Keep {status_link}: it is where the person answers.",
        clinical=True,  # it says the waitlist is not for emergencies
    ),
    Text(
        "email.status.email_changed_old_subject",
        EMAILS,
        "Email address changed, to the old address: subject",
        "Your email for the {treatment} waitlist was changed",
        placeholders=("treatment",),
    ),
    Text(
        "email.status.email_changed_old_body",
        EMAILS,
        "Email address changed, to the old address: text",
        "Hello,\n\n"
        "The email address for your place on the {treatment} waitlist at {clinic_name} was just changed. "
        "From now on we will write to the new address.\n\n"
        "If you did not make this change, please call us at {clinic_phone}.\n\n" + CRISIS + "\n\n{clinic_name}",
        markdown=True,
        placeholders=("treatment", "clinic_name", "clinic_phone"),
        help="Plain-text email. It has no link: the old address may no longer be the person's.",
        clinical=True,
    ),
    Text(
        "email.status.email_changed_new_subject",
        EMAILS,
        "Email address changed, to the new address: subject",
        "Your email for the {treatment} waitlist is saved",
        placeholders=("treatment",),
    ),
    Text(
        "email.status.email_changed_new_body",
        EMAILS,
        "Email address changed, to the new address: text",
        "Hello,\n\n"
        "We will now use this address for your place on the {treatment} waitlist at {clinic_name}.\n\n"
        "Your own page, where you can see your place, update your details or leave the list:\n{status_link}\n\n"
        "If you did not ask for this, please call us at {clinic_phone}.\n\n" + CRISIS + "\n\n{clinic_name}",
        markdown=True,
        placeholders=("treatment", "clinic_name", "clinic_phone", "status_link"),
        required=("status_link",),
        help="Plain-text email. Keep {status_link}: it is the person's own page.",
        clinical=True,
    ),
]

# The page opens only from a patient's own link: no public address to preview it at.
PREVIEWS = {PAGE: Preview(path=lambda key: None)}
