"""The site-wide part of the go-live checklist (content.go_live): every patient-facing text has its Spanish.

A record with English words and no Spanish twin shows the English on the Spanish page (marked
lang="en"), which is right while translators work, but not for going live. Shipped content is fully
translated, so a fresh site reports nothing here; a new or reworded text reports until it is translated.
"""

from django.contrib.admin.utils import model_ngettext

from translation.admin import MISSING_SPANISH, MissingSpanishFilter
from translation.twins import missing_spanish_filter, translated_models

from .go_live import GoLiveWarning, go_live_check

MISSING_SPANISH_QUERY = {MissingSpanishFilter.parameter_name: "missing"}


@go_live_check
def every_text_is_in_spanish(**kwargs):
    issues = []
    for model in translated_models():
        count = model._default_manager.filter(missing_spanish_filter(model)).count()
        if count:
            issues.append(
                GoLiveWarning(
                    f"{count} {model_ngettext(model, count)} {'has' if count == 1 else 'have'} words with no "
                    "Spanish yet, so the Spanish pages show them in English.",
                    hint=f"Write the Spanish beside the English in the admin: "
                    f"{model._meta.verbose_name_plural.capitalize()}, filtered by Spanish: {MISSING_SPANISH}.",
                    obj=model,
                    changelist_query=MISSING_SPANISH_QUERY,
                    id="content.W001",
                )
            )
    return issues
