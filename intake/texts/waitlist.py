"""Fixed words of the waitlist pages, the pages both intake forms share, and every intake email.

Emails carry nothing the person typed (not even their name): the form cannot be used to mail
someone a message of the sender's choosing.
"""

from django.urls import reverse

from sitetext.registry import AS_EMAIL, Preview, Text

from ..models import IntakeRequest

WAITLIST = "Waitlist pages"
FORMS = "Waitlist and call-back forms"
EMAILS = "Waitlist and call-back emails"

FIGURES_HELP = (
    "Counted from the waitlist: people whose request is new or contacted (not yet scheduled). Shown only when at "
    "least EXPECTED_TIMES_MIN_REQUESTS (10) people are waiting."
)

NOT_FOR_EMERGENCIES = (
    "**{what} is not for emergencies.** If you are in crisis, call or text [988](tel:988) "
    "(Suicide & Crisis Lifeline), any time. In an emergency, call [911](tel:911)."
)

TEXTS = [
    # Shared by both forms
    Text(
        "intake.form.no_health",
        FORMS,
        "Note above the form: no health details",
        "**Please do not put health details in this form.** We only need a way to reach you. "
        "We talk about your health in person or on the phone.",
        markdown=True,
    ),
    Text(
        "intake.form.required_note",
        FORMS,
        "Line above the fields",
        "All fields are required unless they say “optional”.",
    ),
    Text("intake.form.error_one", FORMS, "Error box heading, one problem", "Please fix this problem"),
    Text(
        "intake.form.error_many",
        FORMS,
        "Error box heading, several problems",
        "Please fix these {count} problems",
        placeholders=("count",),
    ),
    Text("intake.form.questions", FORMS, "Before the clinic phone number, beside the form", "Questions? Call us at"),
    Text("intake.form.legend_about", FORMS, "Form section: about you", "About you"),
    Text("intake.form.legend_contact", FORMS, "Form section: contact", "Contact"),
    Text("intake.form.legend_confirm", FORMS, "Form section: confirmations", "Please confirm"),
    Text("intake.form.first_name", FORMS, "Field: first name", "First name"),
    Text("intake.form.first_name_required", FORMS, "Error: first name missing", "Please enter your first name."),
    Text("intake.form.last_name", FORMS, "Field: last name", "Last name"),
    Text("intake.form.last_name_required", FORMS, "Error: last name missing", "Please enter your last name."),
    Text("intake.form.email", FORMS, "Field: email (waitlist)", "Email"),
    Text("intake.form.email_required", FORMS, "Error: email missing", "Please enter your email address."),
    Text(
        "intake.form.email_invalid",
        FORMS,
        "Error: email not valid",
        "Please enter an email address like name@example.com.",
    ),
    Text(
        "intake.form.email_hidden_characters",
        FORMS,
        "Error: email has a hidden character",
        "This email address has a hidden character in it, often left by copying and pasting. Please type it again.",
    ),
    Text("intake.form.phone", FORMS, "Field: phone", "Phone number"),
    Text("intake.form.phone_help", FORMS, "Field: phone, hint below", "A US number, like (619) 555-0100."),
    Text("intake.form.phone_required", FORMS, "Error: phone missing", "Please enter your phone number."),
    Text(
        "intake.form.phone_invalid",
        FORMS,
        "Error: phone not valid",
        "Please enter a phone number with area code, like (619) 555-0100.",
    ),
    Text(
        "intake.form.phone_extension",
        FORMS,
        "Error: phone has an extension",
        "We can only call a direct number, without an extension. Please enter a number that reaches you, "
        "like (619) 555-0100.",
    ),
    Text("intake.form.preferred_contact", FORMS, "Field: how to contact", "How should we contact you?"),
    Text(
        "intake.form.preferred_contact_required",
        FORMS,
        "Error: how to contact missing",
        "Please choose how we should contact you.",
    ),
    Text(
        "intake.form.best_time_required",
        FORMS,
        "Error: best time missing",
        "Please choose the best time to reach you.",
    ),
    Text("intake.form.is_adult", FORMS, "Field: 18 or older", "I am 18 or older."),
    Text("intake.form.sms_consent", FORMS, "Field: text consent", "You may also send me text messages (optional)."),
    Text(
        "intake.form.sms_consent_help",
        FORMS,
        "Field: text consent, hint below",
        "Message and data rates may apply. Reply STOP to stop texts at any time.",
    ),
    Text(
        "intake.form.sms_consent_needed",
        FORMS,
        "Error: texts chosen without text consent",
        "You chose text messages. Check this box so we may text you, or choose phone or email instead.",
    ),
    Text("waitlist.form.legend_payment", FORMS, "Waitlist form section: payment", "Payment"),
    Text("waitlist.form.best_time", FORMS, "Waitlist field: best time", "Best time to reach you"),
    Text("waitlist.form.insurance", FORMS, "Waitlist field: how to pay", "How would you pay?"),
    Text(
        "waitlist.form.insurance_required",
        FORMS,
        "Waitlist error: how to pay missing",
        "Please choose how you would pay. “I’m not sure” is fine.",
    ),
    Text(
        "waitlist.form.referral", FORMS, "Waitlist field: how they heard of us", "How did you hear about us? (optional)"
    ),
    Text(
        "waitlist.form.is_adult_required",
        FORMS,
        "Waitlist error: not 18 or older",
        "You must be 18 or older to join this waitlist.",
    ),
    Text(
        "waitlist.form.contact_consent",
        FORMS,
        "Waitlist field: contact consent",
        "The clinic may contact me about the waitlist.",
    ),
    Text(
        "waitlist.form.contact_consent_required",
        FORMS,
        "Waitlist error: contact consent missing",
        "Please check this box so we can contact you about the waitlist.",
    ),
    Text("waitlist.form.submit", FORMS, "Waitlist form: button", "Join the waitlist"),
    Text("callback.form.email", FORMS, "Call-back field: email", "Email (optional unless you choose email)"),
    Text(
        "callback.form.email_help",
        FORMS,
        "Call-back field: email, hint below",
        "We send a confirmation with a link to cancel your request.",
    ),
    Text(
        "callback.form.email_needed",
        FORMS,
        "Call-back error: email chosen but missing",
        "You chose email. Please enter your email address, or choose phone or text.",
    ),
    Text("callback.form.best_time", FORMS, "Call-back field: best time", "Best time to call you"),
    Text(
        "callback.form.is_adult_required",
        FORMS,
        "Call-back error: not 18 or older",
        "You must be 18 or older to ask for a call back.",
    ),
    Text(
        "callback.form.contact_consent",
        FORMS,
        "Call-back field: contact consent",
        "The clinic may contact me about my request.",
    ),
    Text(
        "callback.form.contact_consent_required",
        FORMS,
        "Call-back error: contact consent missing",
        "Please check this box so we can contact you about your request.",
    ),
    Text("intake.too_many.heading", FORMS, "Too many requests page: heading", "Please try again later"),
    Text(
        "intake.too_many.lead",
        FORMS,
        "Too many requests page: line under the heading",
        "We got many requests from your connection in a short time. Please wait a few minutes and try again.",
    ),
    Text("intake.too_many.body", FORMS, "Too many requests page: text", "You can also call us. We are happy to help."),
    # Waitlist pages
    Text(
        "waitlist.join.heading",
        WAITLIST,
        "Form page: heading",
        "Join the {treatment} waitlist",
        placeholders=("treatment",),
    ),
    Text(
        "waitlist.join.lead",
        WAITLIST,
        "Form page: line under the heading",
        "Leave your contact details. We will reach out when a place opens.",
    ),
    Text(
        "waitlist.join.meta_description",
        WAITLIST,
        "Form page: description for search engines",
        "Join the {treatment} waitlist. We will contact you when a place opens.",
        placeholders=("treatment",),
    ),
    Text("waitlist.join.next_heading", WAITLIST, "Form page: side box heading", "What happens next"),
    Text(
        "waitlist.join.next_steps",
        WAITLIST,
        "Form page: side box steps",
        "1. We send you an email to confirm you are on the list. It has a link to leave the list at any time.\n"
        "2. When a place opens, our intake team contacts you the way you choose.\n"
        "3. We talk with you about whether {treatment} fits you, and about insurance.",
        markdown=True,
        placeholders=("treatment",),
    ),
    Text(
        "waitlist.join.not_emergency",
        WAITLIST,
        "Form page: not for emergencies",
        NOT_FOR_EMERGENCIES.format(what="This waitlist"),
        markdown=True,
        clinical=True,
    ),
    # How many wait and for how long (intake.selectors.waitlist_figures): shown on the form page only when at least
    # EXPECTED_TIMES_MIN_REQUESTS people are waiting.
    Text("waitlist.figures.heading", WAITLIST, "Form page: heading of the wait's figures", "How long is the wait?"),
    Text(
        "waitlist.figures.people",
        WAITLIST,
        "Form page: how many people are waiting",
        "{count} people are waiting for a place now.",
        placeholders=("count",),
        required=("count",),
        help=FIGURES_HELP,
    ),
    Text(
        "waitlist.figures.longest",
        WAITLIST,
        "Form page: the longest current wait, in weeks (two or more)",
        "The longest anyone has been waiting so far is {weeks} weeks.",
        placeholders=("weeks",),
        required=("weeks",),
        help=FIGURES_HELP,
    ),
    Text(
        "waitlist.figures.longest_short",
        WAITLIST,
        "Form page: the longest current wait, when it is under two weeks",
        "Nobody has been waiting longer than two weeks so far.",
        help=FIGURES_HELP,
    ),
    Text(
        "waitlist.figures.note",
        WAITLIST,
        "Form page: what the figures on the wait are",
        "These numbers change as people join and leave the list. They are not a promise of when we will contact you.",
    ),
    Text("waitlist.thanks.heading", WAITLIST, "Thank-you page: heading", "Thank you"),
    Text(
        "waitlist.thanks.lead",
        WAITLIST,
        "Thank-you page: line under the heading",
        "We have your request to join the {treatment} waitlist.",
        placeholders=("treatment",),
    ),
    Text("waitlist.thanks.next_heading", WAITLIST, "Thank-you page: steps heading", "What happens next"),
    Text(
        "waitlist.thanks.next_steps",
        WAITLIST,
        "Thank-you page: steps",
        "1. Look for an email from us. It confirms you are on the list. If you do not see it, check your spam folder.\n"
        "2. The email has a link you can use to leave the list at any time.\n"
        "3. When a place opens, our intake team will contact you the way you chose.\n\n"
        "If you already joined this list before, you keep your place. You do not need to do anything.",
        markdown=True,
    ),
    Text(
        "waitlist.thanks.not_emergency",
        WAITLIST,
        "Thank-you page: not for emergencies",
        NOT_FOR_EMERGENCIES.format(what="This waitlist"),
        markdown=True,
        clinical=True,
    ),
    Text(
        "waitlist.leave.heading",
        WAITLIST,
        "Leave page: heading",
        "Leave the {treatment} waitlist?",
        placeholders=("treatment",),
    ),
    Text(
        "waitlist.leave.lead",
        WAITLIST,
        "Leave page: line under the heading",
        "If you leave, we will not contact you about this waitlist.",
    ),
    Text("waitlist.leave.body", WAITLIST, "Leave page: text", "You can join again later if you change your mind."),
    Text("waitlist.leave.confirm", WAITLIST, "Leave page: button", "Yes, take me off the list"),
    Text("waitlist.leave.keep", WAITLIST, "Leave page: link to stay", "No, keep my place"),
    Text("waitlist.left.heading", WAITLIST, "After leaving: heading", "You are off the waitlist"),
    Text(
        "waitlist.left.lead",
        WAITLIST,
        "After leaving: line under the heading",
        "We will not contact you about this waitlist. You can join again at any time.",
    ),
    Text("waitlist.left.already_heading", WAITLIST, "Link used twice: heading", "You are not on this waitlist"),
    Text(
        "waitlist.left.already_lead",
        WAITLIST,
        "Link used twice: line under the heading",
        "This waitlist place was already closed. You do not need to do anything.",
    ),
    Text("waitlist.link.expired_heading", WAITLIST, "Old leave link: heading", "This link has expired"),
    Text(
        "waitlist.link.expired_lead",
        WAITLIST,
        "Old leave link: line under the heading",
        "For your safety, links to leave the waitlist only work for a limited time.",
    ),
    Text("waitlist.link.broken_heading", WAITLIST, "Damaged leave link: heading", "This link does not work"),
    Text(
        "waitlist.link.broken_lead",
        WAITLIST,
        "Damaged leave link: line under the heading",
        "The link may be incomplete. Try copying the whole link from the email.",
    ),
    Text(
        "waitlist.link.body",
        WAITLIST,
        "Old or damaged leave link: text",
        "To leave the waitlist, call or email us and we will take you off the list.",
    ),
    # Emails. Staff notices carry no patient details: only the kind, the treatment and a staff-site link.
    Text(
        "email.waitlist.subject",
        EMAILS,
        "Waitlist confirmation to the patient: subject",
        "You are on the {treatment} waitlist",
        placeholders=("treatment",),
    ),
    Text(
        "email.waitlist.body",
        EMAILS,
        "Waitlist confirmation to the patient: text",
        "Hello,\n\n"
        "Thank you for joining the {treatment} waitlist at {clinic_name}.\n\n"
        "What happens next:\n"
        "- When a place opens, our intake team will contact you the way you chose.\n"
        "- We will talk with you about whether {treatment} fits you, and about insurance.\n\n"
        "Your own page, where you can see your place, update your details or leave the list at any time:\n"
        "{removal_link}\n\n"
        "Questions? Call us at {clinic_phone}.\n\n"
        "This waitlist is not for emergencies. If you are in crisis, call or text 988 "
        "(Suicide & Crisis Lifeline). In an emergency, call 911.\n\n"
        "If you did not ask to join this waitlist, you can use the link above to remove this request.\n\n"
        "{clinic_name}",
        markdown=True,
        placeholders=("treatment", "clinic_name", "clinic_phone", "clinic_hours", "removal_link"),
        required=("removal_link",),
        help="Plain-text email. Keep {removal_link}: it opens the person's own page, where they see their place, "
        "update their details or leave the list.",
        clinical=True,  # it says the waitlist is not for emergencies
    ),
    # The subject says how the intake team will be in touch: the way the person chose on the form.
    Text(
        "email.call_back.subject",
        EMAILS,
        "Call-back confirmation to the patient: subject, when they chose a phone call",
        "We will call you about {treatment}",
        placeholders=("treatment",),
    ),
    Text(
        "email.call_back.subject_email",
        EMAILS,
        "Call-back confirmation to the patient: subject, when they chose email",
        "We will email you about {treatment}",
        placeholders=("treatment",),
    ),
    Text(
        "email.call_back.subject_text",
        EMAILS,
        "Call-back confirmation to the patient: subject, when they chose text messages",
        "We will text you about {treatment}",
        placeholders=("treatment",),
    ),
    Text(
        "email.call_back.body",
        EMAILS,
        "Call-back confirmation to the patient: text",
        "Hello,\n\n"
        "Thank you for asking {clinic_name} to contact you about {treatment}.\n\n"
        "What happens next:\n"
        "- Our intake team will contact you the way you chose, during clinic hours: {clinic_hours}.\n"
        "- We will answer your questions and talk about next steps.\n\n"
        "If you no longer want us to contact you, open this link to cancel your request:\n{removal_link}\n\n"
        "Questions? Call us at {clinic_phone}.\n\n"
        "This request is not for emergencies. If you are in crisis, call or text 988 "
        "(Suicide & Crisis Lifeline). In an emergency, call 911.\n\n"
        "If you did not send this request, you can use the link above to cancel it.\n\n"
        "{clinic_name}",
        markdown=True,
        placeholders=("treatment", "clinic_name", "clinic_phone", "clinic_hours", "removal_link"),
        required=("removal_link",),
        help="Plain-text email. Keep {removal_link}: it is how the person cancels.",
        clinical=True,  # it says the request is not for emergencies
    ),
]

# The answers people choose from. Staff pages and the CSV export keep the model's own labels.
ANSWERS = {
    "preferred_contact": ("How to contact", IntakeRequest.ContactMethod),
    "best_time": ("Best time", IntakeRequest.BestTime),
    "insurance": ("How to pay (waitlist)", IntakeRequest.Insurance),
    "referral": ("How they heard of us (waitlist)", IntakeRequest.Referral),
}
TEXTS += [
    Text(f"intake.form.{field}.{value}", FORMS, f"Answer: {question}: {label}", str(label))
    for field, (question, choices) in ANSWERS.items()
    for value, label in choices.choices
]
TEXTS += [
    Text("intake.form.choose_one", FORMS, "Answer: empty choice in a list", "Choose one"),
    Text(
        "intake.form.honeypot",
        FORMS,
        "Hidden field that catches robots (people never see it)",
        "Leave this field empty",
    ),
]

for kind, noun in (("waitlist", "waitlist entry"), ("call_back", "call-back request")):
    TEXTS += [
        Text(
            f"email.{kind}.staff_new_subject",
            EMAILS,
            f"New {noun}: notice to staff, subject",
            f"New {{treatment}} {noun}",
            placeholders=("treatment",),
        ),
        Text(
            f"email.{kind}.staff_new_body",
            EMAILS,
            f"New {noun}: notice to staff, text",
            f"There is a new {noun} for {{treatment}}.\n\n"
            "Open it in the staff site (sign-in needed):\n{admin_link}\n\n"
            "Contact details are only in the staff site, never in email.",
            markdown=True,
            placeholders=("treatment", "admin_link"),
            required=("admin_link",),
        ),
        Text(
            f"email.{kind}.staff_withdrawn_subject",
            EMAILS,
            f"Patient closed their {noun}: notice to staff, subject",
            f"A {{treatment}} {noun} was withdrawn",
            placeholders=("treatment",),
        ),
        Text(
            f"email.{kind}.staff_withdrawn_body",
            EMAILS,
            f"Patient closed their {noun}: notice to staff, text",
            f"A patient used their own link to withdraw their {noun} for {{treatment}}. "
            "Please do not contact them about it.\n\n"
            "The request in the staff site (sign-in needed):\n{admin_link}\n\n"
            "Contact details are only in the staff site, never in email.",
            markdown=True,
            placeholders=("treatment", "admin_link"),
            required=("admin_link",),
        ),
    ]


def open_treatment(status: str):
    """A published treatment with this status, whose waitlist or call-back pages a preview can show."""
    from treatments.models import Treatment

    return Treatment.objects.filter(is_published=True, status=status).first()


# The page that shows a text, by the start of its key; the leave pages open only from a patient's own link.
WAITLIST_PAGES = {
    "waitlist.join.": "waitlist:join",
    "waitlist.form.": "waitlist:join",
    "intake.form.": "waitlist:join",
    "waitlist.thanks.": "waitlist:thanks",
    "waitlist.figures.": "waitlist:join",
}


def intake_page_showing(key: str) -> str | None:
    if key.startswith("callback."):  # the call-back form's own fields
        from .call_back import call_back_page_showing  # it uses open_treatment, from here

        return call_back_page_showing(key)
    url_name = next((name for prefix, name in WAITLIST_PAGES.items() if key.startswith(prefix)), None)
    treatment = open_treatment("waitlist") if url_name else None
    if treatment is None or not _figures_show(key, treatment):
        return None
    return reverse(url_name, args=[treatment.slug])


def _figures_show(key: str, treatment) -> bool:
    """Whether the waitlist page shows this text of the figures on the wait now (else there is nothing to preview)."""
    if not key.startswith("waitlist.figures."):
        return True
    from ..selectors import current_waitlist_figures

    figures = current_waitlist_figures(treatment=treatment).figures
    if figures is None:
        return False
    if key in ("waitlist.figures.longest", "waitlist.figures.longest_short"):
        return (key == "waitlist.figures.longest") == (figures.longest_weeks >= 2)
    return True


PREVIEWS = {
    FORMS: Preview(path=intake_page_showing),
    WAITLIST: Preview(path=intake_page_showing),
    EMAILS: AS_EMAIL,
}
