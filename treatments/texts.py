"""The fixed words of the home page, the treatment pages, the comparison page, the ketamine page, the
questions page and the costs page.

What a treatment, FAQ, way of giving ketamine or ketamine-page section says is in those models;
these are the words around them. Every word on a treatment page needs a clinical review.
"""

from dataclasses import replace

from django.urls import reverse

from sitetext.registry import Preview, Text, at
from sitetext.texts import CONTACT_HELP, CONTACT_PLACEHOLDERS, EVERY_PAGE, REVIEW

HOME = "Home page"
LIST = "Treatments list"
CARDS = "Treatment cards (home page and treatments list)"
TREATMENT = "Treatment pages"
COMPARE = "Ways of giving ketamine (comparison page)"
KETAMINE = "About ketamine page"
QUESTIONS = "Questions page"
COSTS = "Costs page"

TITLE_HELP = "Shown in the browser tab and in search results, followed by the clinic's name."
DESCRIPTION_HELP = "Shown under the title in search results. About 150 characters."
HIDDEN_HELP = "Not shown on screen: a screen reader reads it after the button's words, so the button makes sense alone."

TEXTS = [
    # --- home page ---------------------------------------------------------------------------------------
    Text("home.title", HOME, "Browser tab title", "Ketamine treatment in San Diego", help=TITLE_HELP),
    Text("home.heading", HOME, "Main heading", "Care for depression, anxiety, PTSD and pain that has not eased"),
    Text(
        "home.lead",
        HOME,
        "Text under the main heading",
        "Ketamine treatment may be an option for you. We take time to listen and keep you comfortable.",
    ),
    Text("home.call_button", HOME, "Call button under the main heading", "Call the clinic"),
    Text(
        "home.call_button_hidden",
        HOME,
        "Call button: words for screen readers",
        "at {phone}",
        placeholders=("phone",),
        required=("phone",),  # a call link's name reads the number
        help=HIDDEN_HELP,
    ),
    Text(
        "home.waitlist_button",
        HOME,
        "Waitlist button under the main heading (one for each treatment with a waitlist)",
        "Join the {treatment} waitlist",
        placeholders=("treatment",),
    ),
    Text("home.offer_heading", HOME, "Treatments section: heading", "What we offer"),
    Text(
        "home.offer_lead",
        HOME,
        "Treatments section: text above the treatment cards",
        "Each treatment shows whether you can start now, join a waitlist, or wait for it to open.",
    ),
    Text(
        "home.compare_link",
        HOME,
        "Treatments section: link to the comparison page",
        "Compare the ways ketamine is given",
    ),
    Text("home.learn_heading", HOME, "About-ketamine section: heading", "New to ketamine treatment?"),
    Text(
        "home.learn_text",
        HOME,
        "About-ketamine section: text",
        "Learn what ketamine treatment is, how it works in the brain, and what a visit is like, in plain words.",
    ),
    Text("home.learn_button", HOME, "About-ketamine section: button", "Read about ketamine treatment"),
    Text(
        "home.financing_heading",
        HOME,
        "Financing section: heading",
        "Paying for care",
        help="The words under it come from the financing program.",
    ),
    Text("home.talk_heading", HOME, "Last section: heading", "Talk with us"),
    Text(
        "home.talk_text",
        HOME,
        "Last section: text",
        "Have a question, or want to know if treatment may be right for you? Call us. We are glad to help.",
    ),
    Text(
        "home.talk_button",
        HOME,
        "Last section: call button",
        "Call {phone}",
        placeholders=("phone",),
        required=("phone",),  # a call link's name reads the number
    ),
    # --- treatments list --------------------------------------------------------------------------------
    Text("treatments.title", LIST, "Browser tab title", "Treatments", help=TITLE_HELP),
    Text(
        "treatments.description",
        LIST,
        "Search result description",
        "The ketamine treatments at {clinic} in San Diego, and whether each is available now, has a waitlist, "
        "or is coming soon.",
        placeholders=("clinic",),
        help=DESCRIPTION_HELP,
    ),
    Text("treatments.heading", LIST, "Main heading", "Treatments"),
    Text(
        "treatments.lead",
        LIST,
        "Text under the main heading",
        "What we offer, and whether you can start now, join a waitlist, or wait for it to open.",
    ),
    Text(
        "treatments.list_heading",
        LIST,
        "Heading of the list of cards, for screen readers",
        "All treatments",
        help="Not shown on screen; screen reader users jump between headings.",
    ),
    Text(
        "treatments.empty",
        LIST,
        "Shown instead of the cards when no treatment is published",
        "No treatments are listed right now. Please call us to ask.",
    ),
    Text("treatments.compare_link", LIST, "Link to the comparison page", "Compare the ways ketamine is given"),
    # --- treatment cards and status labels ------------------------------------------------------------------
    Text(
        "status.available",
        CARDS,
        "Status label: available now (also at the top of a treatment page)",
        "Available now",
        also_on=(TREATMENT,),
    ),
    Text(
        "status.waitlist",
        CARDS,
        "Status label: waitlist open (also at the top of a treatment page)",
        "Waitlist open",
        also_on=(TREATMENT,),
    ),
    Text(
        "status.coming_soon",
        CARDS,
        "Status label: coming soon (also at the top of a treatment page)",
        "Coming soon",
        also_on=(TREATMENT,),
    ),
    Text(
        "card.coming_soon_note",
        CARDS,
        "Note on the card of a treatment that is coming soon",
        "Not offered yet. We will share news here when it starts.",
    ),
    Text("card.waitlist_button", CARDS, "Waitlist button (treatments with a waitlist)", "Join the waitlist"),
    Text(
        "card.waitlist_button_hidden",
        CARDS,
        "Waitlist button: words for screen readers",
        "for {treatment}",
        placeholders=("treatment",),
        help=HIDDEN_HELP,
    ),
    Text("card.more_button", CARDS, "Button to the treatment's page", "Learn more"),
    Text(
        "card.more_button_hidden",
        CARDS,
        "Button to the treatment's page: words for screen readers",
        "about {treatment}",
        placeholders=("treatment",),
        help=HIDDEN_HELP,
    ),
    # --- treatment pages ------------------------------------------------------------------------------------
    Text("treatment.draft_label", TREATMENT, "Draft preview notice: first words (bold)", "Draft preview."),
    Text(
        "treatment.draft_notice",
        TREATMENT,
        "Draft preview notice: the rest (only signed-in staff see it)",
        "Only signed-in staff can see this page. It is not published.",
    ),
    Text(
        "treatment.available.heading",
        TREATMENT,
        "Box beside the text, treatment available now: heading",
        "Ready to talk?",
    ),
    Text(
        "treatment.available.text",
        TREATMENT,
        "Box beside the text, treatment available now: text",
        "Call us to ask questions or to see if this treatment may be right for you.",
    ),
    Text(
        "treatment.available.call_button",
        TREATMENT,
        "Box beside the text, treatment available now: call button",
        "Call {phone}",
        placeholders=("phone",),
        required=("phone",),  # a call link's name reads the number
    ),
    Text(
        "treatment.available.email",
        TREATMENT,
        "Box beside the text, treatment available now: email line",
        "Or email [{email}](mailto:{email}).",
        markdown=True,
        placeholders=CONTACT_PLACEHOLDERS,
        help=CONTACT_HELP,
    ),
    Text(
        "treatment.waitlist.heading",
        TREATMENT,
        "Box beside the text, treatment with a waitlist: heading",
        "How to start",
    ),
    Text(
        "treatment.waitlist.text",
        TREATMENT,
        "Box beside the text, treatment with a waitlist: text",
        "Right now, new {treatment} patients start by joining the waitlist. "
        "The clinic will then be in touch about next steps.",
        placeholders=("treatment",),
    ),
    Text(
        "treatment.waitlist.button",
        TREATMENT,
        "Box beside the text, treatment with a waitlist: button",
        "Join the {treatment} waitlist",
        placeholders=("treatment",),
    ),
    Text(
        "treatment.coming_soon.heading",
        TREATMENT,
        "Box beside the text, treatment coming soon: heading",
        "Not offered yet",
    ),
    Text(
        "treatment.coming_soon.text",
        TREATMENT,
        "Box beside the text, treatment coming soon: text",
        "We will share news on this page when it starts.",
        help="Never invite people to book, call or sign up for a treatment that is coming soon.",
    ),
    Text(
        "treatment.coming_soon.link",
        TREATMENT,
        "Box beside the text, treatment coming soon: link to the treatments list",
        "See the treatments we offer now",
    ),
    Text("treatment.expect_heading", TREATMENT, "Heading above “What to expect”", "What to expect"),
    Text("treatment.routes_heading", TREATMENT, "Heading above the ways the treatment is given", "How it is given"),
    Text("treatment.compare_link", TREATMENT, "Link to the comparison page", "Compare all the ways ketamine is given"),
    Text("treatment.faq_heading", TREATMENT, "Heading above the treatment's questions", "Common questions"),
    Text(
        "treatment.all_questions_link",
        TREATMENT,
        "Link under the treatment's questions to the questions page",
        "All questions and answers",
    ),
    # --- ways of giving ketamine ---------------------------------------------------------------------------
    Text("compare.title", COMPARE, "Browser tab title", "Ways of giving ketamine, compared", help=TITLE_HELP),
    Text(
        "compare.description",
        COMPARE,
        "Search result description",
        "IV, intramuscular, sublingual, oral and nasal (Spravato): how well each works, how fast it starts, "
        "and how many needle sticks it takes.",
        help=DESCRIPTION_HELP,
    ),
    Text("compare.heading", COMPARE, "Main heading", "Ways of giving ketamine"),
    Text(
        "compare.lead",
        COMPARE,
        "Text under the main heading",
        "Ketamine can be given in several ways. Here is how they compare, side by side.",
    ),
    Text(
        "compare.caption",
        COMPARE,
        "Table caption (says what the table shows)",
        "How the ways of giving ketamine compare. Each row is one way; each column is one thing to compare.",
    ),
    Text("compare.column.route", COMPARE, "Table: first column heading", "Way of giving"),
    Text(
        "route.effectiveness",
        COMPARE,
        "How well it works (table column; also on treatment pages)",
        "How well it works",
        also_on=(TREATMENT,),
    ),
    Text(
        "compare.column.onset",
        COMPARE,
        "Table: column with the start and the recovery",
        "How fast it starts and wears off",
    ),
    Text("route.onset", COMPARE, "How fast it starts (on treatment pages)", "How fast it starts", also_on=(TREATMENT,)),
    Text("route.recovery", COMPARE, "Recovery (on treatment pages)", "Recovery", also_on=(TREATMENT,)),
    Text(
        "route.adjustable",
        COMPARE,
        "Whether it can be adjusted (table column; also on treatment pages)",
        "Can it be adjusted or stopped during a session?",
        also_on=(TREATMENT,),
    ),
    Text(
        "compare.column.adjustable_short",
        COMPARE,
        "Table on phones: short name of the adjust-or-stop column",
        "Adjust or stop during a session?",
        help="On phones each row is shown as a block, with this label above the answer.",
    ),
    Text(
        "route.needle_sticks",
        COMPARE,
        "Needle sticks (table column; also on treatment pages)",
        "Needle sticks",
        also_on=(TREATMENT,),
    ),
    Text("compare.notes_heading", COMPARE, "Heading above the notes on each way", "More about each way"),
    Text(
        "compare.care_note",
        COMPARE,
        "Note on who gives IV and IM treatments",
        "A licensed provider who is trained in ketamine and can prescribe it leads each IV and IM treatment. "
        "Your vital signs, like heart rate and blood pressure, are checked the whole time.",
    ),
    Text(
        "compare.choice",
        COMPARE,
        "Last paragraph, with a link to the treatments list",
        "Which way is right for you is a choice to make with a licensed provider. "
        "[See the treatments we offer](/treatments/).",
        markdown=True,
    ),
    # --- about ketamine ------------------------------------------------------------------------------------
    Text("ketamine.title", KETAMINE, "Browser tab title", "About ketamine treatment", help=TITLE_HELP),
    Text(
        "ketamine.description",
        KETAMINE,
        "Search result description",
        "What ketamine treatment is, how it works, and what to expect during and after a treatment, in plain words.",
        help=DESCRIPTION_HELP,
    ),
    Text("ketamine.heading", KETAMINE, "Main heading", "About ketamine treatment"),
    Text(
        "ketamine.lead",
        KETAMINE,
        "Text under the main heading",
        "What it is, how it works, and what to expect during and after, in plain words.",
    ),
    Text("ketamine.contents_heading", KETAMINE, "Heading of the list of sections", "On this page"),
    Text("ketamine.faq_heading", KETAMINE, "Heading above the general questions", "Common questions"),
    Text("ketamine.next_heading", KETAMINE, "Last box: heading", "Next steps"),
    Text(
        "ketamine.next_text",
        KETAMINE,
        "Last box: text",
        "Questions? Call us at [{phone}](tel:{phone_e164}).",
        markdown=True,
        placeholders=CONTACT_PLACEHOLDERS,
        help=CONTACT_HELP,
    ),
    Text("ketamine.treatments_button", KETAMINE, "Last box: button to the treatments list", "See our treatments"),
    Text("ketamine.compare_link", KETAMINE, "Last box: link to the comparison page", "Compare the ways it is given"),
    # --- every question in one place -------------------------------------------------------------------------
    Text("questions.title", QUESTIONS, "Browser tab title", "Questions and answers", help=TITLE_HELP),
    Text(
        "questions.description",
        QUESTIONS,
        "Search result description",
        "Answers to common questions about our ketamine treatments and how to pay for care, all in one place.",
        help=DESCRIPTION_HELP,
    ),
    Text("questions.heading", QUESTIONS, "Main heading", "Questions and answers"),
    Text(
        "questions.lead",
        QUESTIONS,
        "Text under the main heading",
        "Every question we answer on this site, in one place. Choose a topic, or read them all.",
        help="The questions themselves are the FAQs of the treatments, the ketamine page and the financing page.",
    ),
    Text("questions.filter_heading", QUESTIONS, "Heading of the list of topics", "Choose a topic"),
    Text("questions.filter_all", QUESTIONS, "List of topics: the link that shows every topic", "All topics"),
    Text(
        "questions.topic.general",
        QUESTIONS,
        "Topic name: the general questions (those of the ketamine page)",
        "General questions",
    ),
    Text(
        "questions.topic.financing",
        QUESTIONS,
        "Topic name: the financing questions",
        "Paying for care",
        help="The other topics are named by their treatment's name.",
    ),
    Text("questions.contents_heading", QUESTIONS, "Heading of the list of questions", "Questions on this page"),
    Text(
        "questions.back_link",
        QUESTIONS,
        "Link after each topic, back to the list of questions",
        "Back to the list of questions",
    ),
    Text("questions.more_heading", QUESTIONS, "Last box: heading", "Did not find your answer?"),
    Text(
        "questions.more_text",
        QUESTIONS,
        "Last box: text",
        "Call us at [{phone}](tel:{phone_e164}). We are glad to help.",
        markdown=True,
        placeholders=CONTACT_PLACEHOLDERS,
        help=CONTACT_HELP,
    ),
]

# --- costs and insurance (issue 23.4): the price line of each treatment (on its page and on /costs/) -----------
COST_TEXTS = [
    Text("treatment.cost_heading", TREATMENT, "Heading above the price and insurance", "Cost and insurance"),
    Text(
        "treatment.costs_link",
        TREATMENT,
        "Cost section: link to the costs page",
        "Costs of all our treatments",
    ),
    Text(
        "treatment.financing_link",
        TREATMENT,
        "Cost section: link to the financing page",
        "Ways to pay over time",
    ),
    Text("cost.price_label", TREATMENT, "Price line: label before the price", "Price", also_on=(COSTS,)),
    Text(
        "cost.from_price",
        TREATMENT,
        "Price line: a “from” price",
        "From {price}",
        placeholders=("price",),
        required=("price",),
        help="{price} is the amount entered on the treatment, such as “$450”.",
        also_on=(COSTS,),
    ),
    Text(
        "cost.ask_us",
        TREATMENT,
        "Price line when no price is shown",
        "Please ask us. Call [{phone}](tel:{phone_e164}).",
        markdown=True,
        placeholders=CONTACT_PLACEHOLDERS,
        help=CONTACT_HELP + " For a treatment that is coming soon, the next text is shown instead.",
        also_on=(COSTS,),
    ),
    Text(
        "cost.ask_us_coming_soon",
        TREATMENT,
        "Price line of a treatment that is coming soon, when no price is shown",
        "We will share the price when this treatment starts.",
        help="Never invite people to book, call or sign up for a treatment that is coming soon.",
        also_on=(COSTS,),
    ),
    Text(
        "cost.callback_link",
        TREATMENT,
        "Price line: link to the call-back request (treatments available now)",
        "Or ask us to call you",
        also_on=(COSTS,),
    ),
    Text(
        "cost.callback_link_hidden",
        TREATMENT,
        "Call-back link: words for screen readers",
        "about {treatment}",
        placeholders=("treatment",),
        help=HIDDEN_HELP,
        also_on=(COSTS,),
    ),
    Text(
        "cost.insurance_label", TREATMENT, "Price line: label before the insurance words", "Insurance", also_on=(COSTS,)
    ),
    Text(
        "cost.insurance_ask",
        TREATMENT,
        "Insurance, when the treatment says nothing about it",
        "Ask us about your insurance. Plans differ in what they cover.",
        help="Shown for a treatment whose “what insurance may cover” is empty (not for one coming soon).",
        also_on=(COSTS,),
    ),
    Text(
        "cost.estimate_link",
        TREATMENT,
        "Link to the payment estimator, opened with the treatment's price",
        "Estimate a monthly payment",
        help="Shown with a price or a “from” price, while a financing program is on the site.",
        also_on=(COSTS,),
    ),
    Text(
        "cost.estimate_link_hidden",
        TREATMENT,
        "Payment estimator link: words for screen readers",
        "for {treatment}",
        placeholders=("treatment",),
        help=HIDDEN_HELP,
        also_on=(COSTS,),
    ),
    # Every page's footer links the costs page (the header's menu is full on a laptop in Spanish; staff may add it)
    Text("footer.costs_link", EVERY_PAGE, "Footer: link to the costs page", "Costs and insurance"),
    # The costs page
    Text("costs.title", COSTS, "Browser tab title", "Costs and insurance", help=TITLE_HELP),
    Text(
        "costs.description",
        COSTS,
        "Search result description",
        "What our ketamine treatments cost, what insurance may cover, and ways to pay over time.",
        help=DESCRIPTION_HELP,
    ),
    Text("costs.heading", COSTS, "Main heading", "Costs and insurance"),
    Text(
        "costs.lead",
        COSTS,
        "Text under the main heading",
        "What each treatment costs, what insurance may cover, and ways to pay over time.",
    ),
    Text("costs.prices_heading", COSTS, "Heading above the treatments and their prices", "Prices by treatment"),
    Text("costs.insurance_heading", COSTS, "Insurance section: heading", "Insurance"),
    Text(
        "costs.insurance_text",
        COSTS,
        "Insurance section: text",
        "Insurance plans differ in what they cover. To learn what your plan may cover, call us at "
        "[{phone}](tel:{phone_e164}). You can also ask your insurance company.",
        markdown=True,
        placeholders=CONTACT_PLACEHOLDERS,
        help=CONTACT_HELP,
    ),
    Text(
        "costs.financing_heading",
        COSTS,
        "Financing section: heading",
        "Paying over time",
        help="The words under it come from the financing program, as on the home page.",
    ),
    Text("costs.more_heading", COSTS, "Last box: heading", "Questions about cost?"),
    Text(
        "costs.more_text",
        COSTS,
        "Last box: text",
        "Call us at [{phone}](tel:{phone_e164}). We are glad to help.",
        markdown=True,
        placeholders=CONTACT_PLACEHOLDERS,
        help=CONTACT_HELP,
    ),
]
TEXTS += COST_TEXTS
# --- end of costs and insurance --------------------------------------------------------------------------

# Texts of other pages that treatment pages show too (the status label, the facts of each way of giving it).
ALSO_ON_TREATMENT_PAGES = {
    "status.available",
    "status.waitlist",
    "status.coming_soon",
    "route.effectiveness",
    "route.onset",
    "route.recovery",
    "route.adjustable",
    "route.needle_sticks",
}
TEXTS = [
    replace(text, clinical=True) if text.page == TREATMENT or text.key in ALSO_ON_TREATMENT_PAGES else text
    for text in TEXTS
]

BOX_BY_STATUS = {
    "treatment.available.": "available",
    "treatment.waitlist.": "waitlist",
    "treatment.coming_soon.": "coming_soon",
}


def treatment_page_showing(key: str) -> str | None:
    """A treatment page that shows the text: the box beside the text depends on the treatment's status, and
    the draft notice is only on a treatment that is not published (signed-in staff see it)."""
    from .models import Treatment

    treatments = Treatment.objects.filter(is_published=not key.startswith("treatment.draft_"))
    status = next((status for prefix, status in BOX_BY_STATUS.items() if key.startswith(prefix)), None)
    treatment = (treatments.filter(status=status) if status else treatments).first()
    return treatment.get_absolute_url() if treatment else None


PREVIEWS = {
    HOME: at("treatments:home"),
    LIST: at("treatments:list"),
    CARDS: at("treatments:list"),
    TREATMENT: Preview(path=treatment_page_showing),
    REVIEW: Preview(path=treatment_page_showing),  # the review line, under a treatment page
    COMPARE: Preview(  # the facts named route.* label each way of giving a treatment on its page
        path=lambda key: treatment_page_showing(key) if key.startswith("route.") else reverse("treatments:compare")
    ),
    KETAMINE: at("treatments:ketamine"),
    QUESTIONS: at("treatments:questions"),
    COSTS: at("treatments:costs"),
}


# --- first visit pages (issue 23.3): /treatments/<slug>/first-visit/ ---------------------------------------------
# A treatment's first-visit page is one of its pages (TreatmentsConfig.site_text_pages): every word on it needs a
# clinical review, like the treatment page's own. What each topic says is in the first visit sections.
FIRST_VISIT = "First visit pages"
TOPIC_HELP = "The heading of this topic on every treatment's first-visit page. What it says is in First visit sections."


def _topic(topic: str, label: str, words: str) -> Text:
    """The heading of a topic (FirstVisitSection.Topic) on every treatment's first-visit page."""
    return Text(f"first_visit.topic.{topic}", FIRST_VISIT, f"Topic heading: {label}", words, help=TOPIC_HELP)


FIRST_VISIT_TEXTS = [
    Text(
        "treatment.first_visit_link",
        TREATMENT,
        "Link to the treatment's first-visit page (shown when it has one)",
        "Your first visit, step by step",
    ),
    Text(
        "first_visit.title",
        FIRST_VISIT,
        "Browser tab title",
        "Your first visit: {treatment}",
        placeholders=("treatment",),
        help=TITLE_HELP,
    ),
    Text(
        "first_visit.description",
        FIRST_VISIT,
        "Search result description",
        "What to expect at your first {treatment} visit at our clinic in San Diego, step by step.",
        placeholders=("treatment",),
        help=DESCRIPTION_HELP,
    ),
    Text("first_visit.heading", FIRST_VISIT, "Main heading", "Your first visit"),
    Text(
        "first_visit.lead",
        FIRST_VISIT,
        "Text under the main heading",
        "What your first {treatment} visit is like, step by step. You can print this page.",
        placeholders=("treatment",),
    ),
    Text("first_visit.print_button", FIRST_VISIT, "Print button", "Print this page"),
    _topic("what_to_bring", "what to bring", "What to bring"),
    _topic("how_long", "how long it takes", "How long it takes"),
    _topic("what_happens", "what happens", "What happens"),
    _topic("monitoring", "how you are monitored", "How we check on you"),
    _topic("getting_home", "getting home", "Getting home"),
    _topic("afterwards", "what comes after", "What comes next"),
    Text("first_visit.questions_heading", FIRST_VISIT, "Last box: heading", "Questions before your visit?"),
    Text(
        "first_visit.questions_text",
        FIRST_VISIT,
        "Last box: text",
        "Call us at [{phone}](tel:{phone_e164}). We are glad to help.",
        markdown=True,
        placeholders=CONTACT_PLACEHOLDERS,
        help=CONTACT_HELP,
    ),
    Text(
        "first_visit.back_link",
        FIRST_VISIT,
        "Link back to the treatment's page",
        "More about {treatment}",
        placeholders=("treatment",),
    ),
]
TEXTS = [*TEXTS, *(replace(text, clinical=True) for text in FIRST_VISIT_TEXTS)]


def first_visit_page_showing(key: str) -> str | None:
    """A published treatment's first-visit page, where every text of these pages shows."""
    from .selectors import first_visit_pages

    pages = first_visit_pages()
    return reverse("treatments:first_visit", kwargs={"slug": pages[0].slug}) if pages else None


PREVIEWS[FIRST_VISIT] = Preview(path=first_visit_page_showing)
# --- end of first visit pages -----------------------------------------------------------------------------------
