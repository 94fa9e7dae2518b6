"""The site-wide part of the go-live checklist (content.go_live): every patient-facing text has its Spanish.

A record with English words and no Spanish twin shows the English on the Spanish page (marked
lang="en"), which is right while translators work, but not for going live. Shipped content is fully
translated, so a fresh site reports nothing here; a new or reworded text reports until it is translated.
"""

from django.contrib.admin.utils import model_ngettext

from translation.admin import MISSING_SPANISH, MissingSpanishFilter
from translation.freshness import OUTDATED, outdated_spanish_filter
from translation.twins import missing_spanish_filter, translated_models

from .go_live import GoLiveWarning, go_live_check

MISSING_SPANISH_QUERY = {MissingSpanishFilter.parameter_name: "missing"}
OUTDATED_SPANISH_QUERY = {MissingSpanishFilter.parameter_name: "outdated"}


def _per_model(condition, *, message: str, hint: str, query: dict[str, str], id: str) -> list[GoLiveWarning]:
    """One warning per translated model with records matching `condition(model)`, linked to its filtered list."""
    issues = []
    for model in translated_models():
        count = model._default_manager.filter(condition(model)).count()
        if count:
            records = f"{count} {model_ngettext(model._meta, count)} {'has' if count == 1 else 'have'}"
            plural = str(model._meta.verbose_name_plural).capitalize()
            issues.append(
                GoLiveWarning(
                    f"{records} {message}", hint=hint.format(plural), obj=model, changelist_query=query, id=id
                )
            )
    return issues


@go_live_check
def every_text_is_in_spanish(**kwargs):
    return _per_model(
        missing_spanish_filter,
        message="words with no Spanish yet, so the Spanish pages show them in English.",
        hint=f"Write the Spanish beside the English in the admin: {{}}, filtered by Spanish: {MISSING_SPANISH}.",
        query=MISSING_SPANISH_QUERY,
        id="content.W001",
    )


@go_live_check
def no_spanish_is_out_of_date(**kwargs):
    """A warning, like missing Spanish: the Spanish page still works, but may say less or other than the English."""
    return _per_model(
        outdated_spanish_filter,
        message="Spanish that may be out of date: the English changed after it.",
        hint=f"Check the Spanish against the English in the admin: {{}}, filtered by Spanish: {OUTDATED}. Update "
        "it, or tick “Spanish still matches the English”.",
        query=OUTDATED_SPANISH_QUERY,
        id="content.W002",
    )
