"""The fixed words of the team page (/team/) and of the providers' part of a treatment page.

What a provider's profile says is in the Provider model; these are the words around it. The words a treatment page
shows belong to its page texts (*Treatment pages*), so, like the rest of that page, they need a clinical review.
"""

from dataclasses import replace

from sitetext.registry import Text, at
from sitetext.texts import CONTACT_HELP, CONTACT_PLACEHOLDERS, EVERY_PAGE
from treatments.texts import DESCRIPTION_HELP, TITLE_HELP, TREATMENT

from .models import Language

TEAM = "Team page"

LANGUAGE_NAMES = {
    Language.ENGLISH: "English",
    Language.SPANISH: "Spanish",
    Language.TAGALOG: "Tagalog",
    Language.VIETNAMESE: "Vietnamese",
    Language.CHINESE: "Chinese",
    Language.ARABIC: "Arabic",
    Language.PERSIAN: "Persian (Farsi)",
    Language.KOREAN: "Korean",
    Language.RUSSIAN: "Russian",
    Language.FRENCH: "French",
}


def language_key(code: str) -> str:
    return f"team.language.{code}"


TEXTS = [
    Text("team.title", TEAM, "Browser tab title", "Our team", help=TITLE_HELP),
    Text(
        "team.description",
        TEAM,
        "Search result description",
        "Meet the people who care for you at our ketamine clinic in San Diego.",
        help=DESCRIPTION_HELP,
    ),
    Text("team.heading", TEAM, "Main heading", "Our team"),
    Text("team.footer_link", EVERY_PAGE, "Footer: link to the team page", "Meet our team"),
    Text("team.lead", TEAM, "Text under the main heading", "Meet the people who care for you at our clinic."),
    Text(
        "team.empty",
        TEAM,
        "Shown while no profile is ready for patients",
        "You can meet our team here soon. To ask about who will care for you, call us at [{phone}](tel:{phone_e164}).",
        markdown=True,
        placeholders=CONTACT_PLACEHOLDERS,
        help=CONTACT_HELP,
    ),
    Text("team.languages_label", TEAM, "Label before the languages a provider speaks", "Languages:"),
    Text("team.treatments_label", TEAM, "Label before the treatments a provider gives", "Treatments:"),
    *(Text(language_key(code), TEAM, f"Language name: {label}", label) for code, label in LANGUAGE_NAMES.items()),
]
TREATMENT_TEXTS = [
    Text("team.treatment.heading", TREATMENT, "Providers of the treatment: heading", "Who provides this treatment"),
    Text("team.treatment.link", TREATMENT, "Providers of the treatment: link to the team page", "Meet our whole team"),
]
TEXTS = [*TEXTS, *(replace(text, clinical=True) for text in TREATMENT_TEXTS)]

PREVIEWS = {TEAM: at("team:index")}
