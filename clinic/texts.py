"""The fixed words around the legal pages; their titles and bodies are the legal page records."""

from sitetext.registry import Text, at

LEGAL = "Legal pages (privacy, accessibility, medical disclaimer)"

TEXTS = [
    Text(
        "legal.last_updated",
        LEGAL,
        "Date the page was last changed, under its text",
        "Last updated {date}.",
        placeholders=("date",),
    ),
]

PREVIEWS = {LEGAL: at("clinic:privacy")}
