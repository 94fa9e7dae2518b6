"""Texts every page shares (crisis help, skip link, footer, help boxes), the review line, the error pages and the
staff lockout page."""

from .registry import Preview, Text, at

EVERY_PAGE = "Every page"
ERRORS = "Error pages"
STAFF_LOCKOUT = "Staff sign-in locked"
REVIEW = "Treatment and legal pages"  # the review line under a page a clinician reviewed (publishing)

CONTACT_PLACEHOLDERS = ("phone", "phone_e164", "email")
CONTACT_HELP = (
    "[{phone}](tel:{phone_e164}) makes the clinic's phone number a link a phone can call; "
    "[{email}](mailto:{email}) does the same for the email address."
)

TEXTS = [
    Text(
        "site.crisis",
        EVERY_PAGE,
        "Crisis help strip (top of every page)",
        "In crisis? Call or text [988](tel:988) (Suicide & Crisis Lifeline) any time. "
        "In an emergency, call [911](tel:911).",
        markdown=True,
        help="Shown at the top of every page. Keep both numbers.",
        clinical=True,
    ),
    Text(
        "site.crisis_label",
        EVERY_PAGE,
        "Crisis help strip: its name for screen readers",
        "Crisis help",
        help="Not shown on screen. A screen reader says it when it reaches the strip.",
        clinical=True,
    ),
    Text("site.skip_link", EVERY_PAGE, "Skip link (for keyboard users)", "Skip to main content"),
    Text(
        "header.logo_alt",
        EVERY_PAGE,
        "Header: logo description (read aloud)",
        "{clinic} home",
        placeholders=("clinic",),
    ),
    Text(
        "header.call_hidden",
        EVERY_PAGE,
        "Call buttons (header and the bar at the bottom): words read aloud before the clinic's number",
        "Call the clinic at",
        help="Not shown on screen. A screen reader says these words, then the number.",
    ),
    Text("header.call_short", EVERY_PAGE, "Header: Call button on a narrow phone screen", "Call"),
    Text("header.nav_label", EVERY_PAGE, "Header: name of the main menu (read aloud)", "Main"),
    Text("header.menu_button", EVERY_PAGE, "Header: menu button on a phone (read aloud)", "Menu"),
    Text(
        "header.waitlist_link",
        EVERY_PAGE,
        "Header: menu link to an open waitlist",
        "{treatment} waitlist",
        placeholders=("treatment",),
    ),
    Text(
        "header.language_link",
        EVERY_PAGE,
        "Header: link to this page in the other language, named in that language",
        "Español",
        help="On English pages it leads to the Spanish page, so its Spanish words are “English”.",
    ),
    Text(
        "site.language_offer.label",
        EVERY_PAGE,
        "Offer of the Spanish page: its name for screen readers",
        "Spanish version",
        help="Shown only on English pages, and only in its Spanish words, to browsers set to Spanish.",
    ),
    Text(
        "site.language_offer.question",
        EVERY_PAGE,
        "Offer of the Spanish page: the question",
        "Would you rather read this page in Spanish?",
        help="Shown only on English pages, and only in its Spanish words, to browsers set to Spanish.",
    ),
    Text(
        "site.language_offer.link",
        EVERY_PAGE,
        "Offer of the Spanish page: the link",
        "See it in Spanish",
        help="Shown only on English pages, and only in its Spanish words, to browsers set to Spanish.",
    ),
    Text(
        "site.language_offer.dismiss",
        EVERY_PAGE,
        "Offer of the Spanish page: the button that hides it",
        "No, thank you",
        help="Shown only on English pages, and only in its Spanish words, to browsers set to Spanish.",
    ),
    # The bar that stays at the bottom of the screen: the clinic's number, a Text button when the clinic details
    # have a number for texts, and the crisis line.
    Text(
        "one_tap.label",
        EVERY_PAGE,
        "Bar at the bottom of the screen: its name for screen readers",
        "Phone numbers",
        help="Not shown on screen. A screen reader says it when it reaches the bar.",
    ),
    Text(
        "one_tap.text",
        EVERY_PAGE,
        "Bar at the bottom of the screen: Text button (shown when the clinic details have a text message number)",
        "Text",
        help="One short word: the bar has room for one line on a phone.",
    ),
    Text(
        "one_tap.text_hidden",
        EVERY_PAGE,
        "Bar at the bottom of the screen: Text button, words read aloud before the number",
        "Text the clinic at",
        help="Not shown on screen. A screen reader says these words, then the number for texts.",
    ),
    Text(
        "one_tap.crisis",
        EVERY_PAGE,
        "Bar at the bottom of the screen: crisis line button (it calls 988)",
        "Crisis 988",
        help="Keep 988 and keep it short: the bar has room for one line on a phone.",
        clinical=True,
    ),
    Text(
        "one_tap.crisis_hidden",
        EVERY_PAGE,
        "Bar at the bottom of the screen: crisis line button, words read aloud after its words",
        "Suicide & Crisis Lifeline, any time",
        help="Not shown on screen. A screen reader says it after the button's words.",
        clinical=True,
    ),
    Text(
        "footer.address_placeholder",
        EVERY_PAGE,
        "Footer: shown in place of the street address until the real one is entered in Clinic details",
        "PLACEHOLDER: street address, set in admin",
        help="Patients never see it once the clinic details have the real street address.",
    ),
    Text("footer.hours_heading", EVERY_PAGE, "Footer: heading above the opening hours", "Hours"),
    Text("footer.links_heading", EVERY_PAGE, "Footer: heading above the links to the legal pages", "About this site"),
    Text(
        "footer.map_link",
        EVERY_PAGE,
        "Footer: link to the clinic on a map (shown when clinic details have a map link)",
        "Open the clinic's location in a map",
    ),
    Text(
        "footer.education_note",
        EVERY_PAGE,
        "Footer: the note that this site is education, not medical advice",
        "This website is for education only and is not medical advice. Talk with a licensed provider about your "
        "own care. [Read the medical disclaimer](/medical-disclaimer/).",
        markdown=True,
    ),
    Text(
        "help.contact_heading",
        EVERY_PAGE,
        "Help boxes (error and waitlist pages): heading of the box with the clinic's phone and email",
        "Talk with the clinic",
    ),
    Text(
        "help.contact",
        EVERY_PAGE,
        "Help boxes: how to reach the clinic",
        "Call us at [{phone}](tel:{phone_e164}) or email [{email}](mailto:{email}).",
        markdown=True,
        placeholders=CONTACT_PLACEHOLDERS,
        help=CONTACT_HELP,
    ),
    Text("help.home_button", EVERY_PAGE, "Help boxes: button back to the home page", "Go to the home page"),
    Text(
        "help.crisis_heading",
        EVERY_PAGE,
        "Help boxes: heading of the crisis help box",
        "Need help right now?",
        clinical=True,
    ),
    Text(
        "help.crisis",
        EVERY_PAGE,
        "Help boxes: crisis help",
        "Call or text [988](tel:988) to reach the Suicide & Crisis Lifeline, any time, day or night. "
        "In an emergency, call [911](tel:911).",
        markdown=True,
        help="Keep both numbers.",
        clinical=True,
    ),
    # Error pages: the page's title (browser tab) is followed by the clinic's name.
    Text("error.400.title", ERRORS, "Unreadable request (400): browser tab title", "We couldn’t read that"),
    Text("error.400.heading", ERRORS, "Unreadable request (400): heading", "We couldn’t read what your browser sent"),
    Text(
        "error.400.lead",
        ERRORS,
        "Unreadable request (400): text under the heading",
        "Nothing from it was saved, and nothing you sent us before is lost. "
        "Please go back, reload the page, and try again.",
    ),
    Text("error.403_csrf.title", ERRORS, "Form expired (403): browser tab title", "Please try again"),
    Text("error.403_csrf.heading", ERRORS, "Form expired (403): heading", "Please try that again"),
    Text(
        "error.403_csrf.lead",
        ERRORS,
        "Form expired (403): text under the heading",
        "Your form timed out or your browser blocked a security cookie. "
        "Go back, reload the page, and send the form again.",
    ),
    Text("error.404.title", ERRORS, "Page not found (404): browser tab title", "Page not found"),
    Text("error.404.heading", ERRORS, "Page not found (404): heading", "We couldn’t find that page"),
    Text(
        "error.404.lead",
        ERRORS,
        "Page not found (404): text under the heading",
        "The link may be old, or the address may have a typo.",
    ),
    Text("error.500.title", ERRORS, "Server error (500): browser tab title", "Something went wrong"),
    Text("error.500.heading", ERRORS, "Server error (500): heading", "Something went wrong on our side"),
    Text(
        "error.500.lead",
        ERRORS,
        "Server error (500): text under the heading",
        "We’re sorry. Please try again in a few minutes.",
    ),
    Text("error.503.title", ERRORS, "Site unavailable (503): browser tab title", "Please try again soon"),
    Text("error.503.heading", ERRORS, "Site unavailable (503): heading", "We can’t load this page right now"),
    Text(
        "error.503.lead",
        ERRORS,
        "Site unavailable (503): text under the heading",
        "Our system is busy or down for a moment. Please try again in a few minutes, or call us.",
    ),
    Text("lockout.title", STAFF_LOCKOUT, "Browser tab title", "Sign-in locked"),
    Text("lockout.heading", STAFF_LOCKOUT, "Heading", "Sign-in is locked for now"),
    Text(
        "lockout.lead",
        STAFF_LOCKOUT,
        "Text under the heading",
        "There were too many failed sign-in attempts. Please wait an hour and try again, "
        "or ask the site administrator to unlock your account.",
    ),
    Text(
        "review.reviewed_by",
        REVIEW,
        "Review line: who reviewed the page and when",
        "Reviewed by {name} on {date}.",
        placeholders=("name", "date"),
        required=("name", "date"),
        clinical=True,  # on treatment pages
    ),
    Text(
        "review.last_reviewed",
        REVIEW,
        "Review line when only a review date is set",
        "Last reviewed {date}.",
        placeholders=("date",),
        required=("date",),
        clinical=True,  # on treatment pages
    ),
]

PREVIEWS = {
    EVERY_PAGE: Preview(  # the help boxes are on the error pages (and the waitlist's), not on the home page
        path=at("treatments:home").path,
        template=lambda key: "404.html" if key.startswith("help.") else None,
    ),
    ERRORS: Preview(template=lambda key: key.split(".")[1] + ".html"),  # error.404.title: 404.html
    STAFF_LOCKOUT: Preview(template=lambda key: "staff/lockout.html"),
}
