"""The review line under a treatment or legal page."""

from sitetext.registry import Text

REVIEW = "Treatment and legal pages"

TEXTS = [
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
