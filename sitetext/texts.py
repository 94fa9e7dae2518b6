"""Texts every page shares: crisis help, the skip link, the footer's note, and the error pages."""

from .registry import Text

EVERY_PAGE = "Every page"
ERRORS = "Error pages"

TEXTS = [
    Text(
        "site.crisis",
        EVERY_PAGE,
        "Crisis help strip (top of every page)",
        "In crisis? Call or text [988](tel:988) (Suicide & Crisis Lifeline) any time. "
        "In an emergency, call [911](tel:911).",
        markdown=True,
        help="Shown at the top of every page. Keep both numbers.",
    ),
    Text("site.skip_link", EVERY_PAGE, "Skip link (for keyboard users)", "Skip to main content"),
]
