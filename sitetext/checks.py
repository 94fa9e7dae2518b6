"""Stored page texts against their declarations (every `manage.py check`, and the go-live checklist).

A declaration can change under stored words: a placeholder renamed ({phone_link} → {phone_e164}), a text
that must now keep one, or one that became a single line. Such words are never shown (the shipped ones
are, sitetext.selectors), and each is reported here, linked to its text in the admin.
"""

from django.core.checks import Warning

from content.go_live import go_live_check

from .selectors import broken_texts


@go_live_check(always=True)
def stored_texts_keep_their_rules(**kwargs):
    issues = []
    for row in broken_texts():
        for language, problems in (("English", row.problems("en")), ("Spanish", row.problems("es"))):
            for problem in problems:
                issues.append(
                    Warning(
                        f"Page text “{row.spec.label}” ({row.key}), {language}: {problem}",
                        hint="Patients see the shipped words until it is fixed: correct it, or empty it to go back "
                        "to the shipped words, in the admin: Page texts.",
                        obj=row,
                        id="sitetext.W001",
                    )
                )
    return issues
