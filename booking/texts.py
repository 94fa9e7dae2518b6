"""Fixed words of the booking pages and emails: choosing a time for a phone consultation, the patient's own page
for their call (change or cancel it), and the emails about it."""

from sitetext.registry import AS_EMAIL, Preview, Text

PAGE = "Booking a call pages"
EMAILS = "Booking a call emails"
NOT_FOR_EMERGENCIES = (
    "**Booking a call is not for emergencies.** If you are in crisis, call or text [988](tel:988) "
    "(Suicide & Crisis Lifeline), any time. In an emergency, call [911](tel:911)."
)
LINK_HELP = "Plain-text email. Keep {link}: it is how the person changes or cancels the call."
EMAIL_PLACEHOLDERS = ("treatment", "clinic_name", "clinic_phone", "when", "link")

TEXTS = [
    # Offered on the call-back thank-you page.
    Text("booking.offer.heading", PAGE, "Call-back thank-you page: heading", "Choose a time for our call",
         also_on=("Call-back request pages",)),
    Text("booking.offer.text", PAGE, "Call-back thank-you page: text",
         "You can choose a time for our phone call now, if you like. You do not have to.",
         also_on=("Call-back request pages",)),
    Text("booking.offer.button", PAGE, "Call-back thank-you page: button", "Choose a time",
         also_on=("Call-back request pages",)),
    # Choosing a time.
    Text("booking.choose.title", PAGE, "Choose page: browser tab title", "Choose a time for our call"),
    Text("booking.choose.heading", PAGE, "Choose page: heading", "Choose a time for our call"),
    Text("booking.choose.lead", PAGE, "Choose page: line under the heading",
         "We will call you about {treatment} at the number you gave us. All times are San Diego time.",
         placeholders=("treatment",)),
    Text("booking.choose.legend", PAGE, "Choose page: name of each day's list of times (read by screen readers)",
         "Times on {day}", placeholders=("day",), required=("day",)),
    Text("booking.choose.submit", PAGE, "Choose page: button", "Book this time"),
    # A few days at a time, on the choose page and on the call page's list of times to move to.
    Text("booking.choose.later", PAGE, "Choose and call pages: link to the next few days", "Show later days"),
    Text("booking.choose.earlier", PAGE, "Choose and call pages: link back to the days before", "Earlier days"),
    Text("booking.choose.pages_label", PAGE,
         "Choose and call pages: name of the links to other days (read by screen readers)", "Other days"),
    Text("booking.choose.skipped", PAGE, "Choose and call pages: when some days in the list have no free time",
         "Days with no free times are not shown."),
    Text("booking.choose.none", PAGE, "Choose page: when no time is free",
         "No times are free right now. Our intake team will contact you as you asked, or you can call us."),
    Text("booking.choose.required", PAGE, "Choose page: error when no time is chosen", "Please choose a time."),
    Text("booking.choose.taken", PAGE, "Choose page: error when someone else just took the time",
         "That time was just taken. Please choose another time."),
    Text("booking.choose.already", PAGE, "Choose page: when the request already has a call booked",
         "You already have a call booked. Use the link in your email to change or cancel it."),
    Text("booking.not_emergency", PAGE, "Every booking page: not for emergencies", NOT_FOR_EMERGENCIES,
         markdown=True, clinical=True),
    # The patient's own page for their call.
    Text("booking.call.title", PAGE, "Your call page: browser tab title", "Your call with us"),
    Text("booking.call.heading", PAGE, "Your call page: heading", "Your call with us"),
    Text("booking.call.booked", PAGE, "Your call page: note after booking or changing",
         "Thank you. Your call is booked."),
    Text("booking.call.when", PAGE, "Your call page: the time", "We will call you on {when}, San Diego time.",
         placeholders=("when",), required=("when",)),
    Text("booking.call.email_note", PAGE, "Your call page: about the email",
         "If you gave us your email, we sent you the time with a calendar file. Keep the email: its link opens "
         "this page."),
    Text("booking.call.change_heading", PAGE, "Your call page: change heading", "Change the time"),
    Text("booking.call.change_submit", PAGE, "Your call page: change button", "Move my call to this time"),
    Text("booking.call.cancel_heading", PAGE, "Your call page: cancel heading", "Cancel the call"),
    Text("booking.call.cancel_text", PAGE, "Your call page: cancel text",
         "If you cancel, we will not call you at this time. Your request stays with our intake team."),
    Text("booking.call.cancel_submit", PAGE, "Your call page: cancel button", "Cancel my call"),
    Text("booking.call.cancelled", PAGE, "Your call page: after cancelling",
         "Your call is cancelled. Our intake team may still contact you about your request."),
    Text("booking.call.rebook", PAGE, "Your call page after cancelling: link to choose a new time",
         "Choose a new time"),
    Text("booking.link.heading", PAGE, "Broken or old link: heading", "This link does not work"),
    Text("booking.link.text", PAGE, "Broken or old link: text",
         "The link may be old or not complete. Please call us and we will help you."),
    # Emails.
    Text("email.booking.confirmation_subject", EMAILS, "Call booked: subject",
         "Your call with {clinic_name} is booked", placeholders=EMAIL_PLACEHOLDERS),
    Text("email.booking.rescheduled_subject", EMAILS, "Call moved: subject",
         "Your call with {clinic_name} has a new time", placeholders=EMAIL_PLACEHOLDERS),
    Text("email.booking.reminder_subject", EMAILS, "Reminder a day before: subject",
         "Reminder: your call with {clinic_name}", placeholders=EMAIL_PLACEHOLDERS),
    Text("email.booking.cancelled_subject", EMAILS, "Call cancelled: subject",
         "Your call with {clinic_name} is cancelled", placeholders=EMAIL_PLACEHOLDERS),
    Text("email.booking.body", EMAILS, "Call booked, moved or reminder: text",
         "Hello,\n\n"
         "We will call you about {treatment} on {when} (San Diego time), at the phone number you gave us. "
         "The calendar file in this email has the time.\n\n"
         "To change or cancel the call, open this link:\n{link}\n\n"
         "Questions? Call us at {clinic_phone}.\n\n"
         "This call is not for emergencies. If you are in crisis, call or text 988 "
         "(Suicide & Crisis Lifeline). In an emergency, call 911.\n\n"
         "{clinic_name}",
         markdown=True, placeholders=EMAIL_PLACEHOLDERS, required=("link", "when"), help=LINK_HELP, clinical=True),
    Text("email.booking.cancelled_body", EMAILS, "Call cancelled: text",
         "Hello,\n\n"
         "Your call about {treatment} on {when} (San Diego time) is cancelled. "
         "To choose a new time, open this link:\n{link}\n\n"
         "Questions? Call us at {clinic_phone}.\n\n"
         "This call is not for emergencies. If you are in crisis, call or text 988 "
         "(Suicide & Crisis Lifeline). In an emergency, call 911.\n\n"
         "{clinic_name}",
         markdown=True, placeholders=EMAIL_PLACEHOLDERS, required=("link",), help=LINK_HELP, clinical=True),
    Text("email.booking.event_title", EMAILS, "Calendar file: the event's title", "Phone call with {clinic_name}",
         placeholders=("clinic_name",)),
]  # fmt: skip

# The pages open only from a patient's own link: nothing to preview but the emails.
PREVIEWS = {PAGE: Preview(path=lambda key: None), EMAILS: AS_EMAIL}
