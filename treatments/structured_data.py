"""What search engines read about a treatment page: title, description and schema.org data."""

import datetime
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.utils import translation
from django.utils.html import strip_tags

from content.markdown import render_markdown
from content.placeholders import without_placeholders
from translation.twins import localized

from .models import Treatment

if TYPE_CHECKING:
    from .selectors import FaqTopic


def treatment_seo(*, treatment: Treatment) -> dict[str, str]:
    """In the page's language; a Spanish page whose SEO words are not translated uses its Spanish name and summary."""
    return {
        "title": _spanish_first(treatment, "seo_title", "name"),
        "description": _spanish_first(treatment, "seo_description", "summary"),
    }


def _spanish_first(treatment, *names):
    """The first of `names` with words in the page's language, else the first with English words."""
    found = [words for words in (localized(treatment, name) for name in names) if words]
    in_page_language = [words for words in found if not words.is_fallback]
    return (in_page_language or found or [""])[0]


def treatment_json_ld(*, treatment: Treatment, url: str, reviewed_on: datetime.date | None = None) -> dict:
    """schema.org data for a treatment page: a MedicalTherapy, with its Drug when it is a branded medicine.

    A value that is still a placeholder is left out.
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalTherapy",
        "name": localized(treatment, "name"),
        "description": treatment_seo(treatment=treatment)["description"],
        "inLanguage": translation.get_language(),
        "relevantSpecialty": "Psychiatric",
    }
    if reviewed_on:
        data["lastReviewed"] = reviewed_on.isoformat()
    if treatment.drug_name:
        drug = {"@type": "Drug", "name": treatment.drug_name}
        if treatment.drug_active_ingredient:
            drug["activeIngredient"] = treatment.drug_active_ingredient
            drug["nonProprietaryName"] = treatment.drug_active_ingredient
        data["drug"] = drug
    return {**without_placeholders(data), "url": url}


def questions_json_ld(*, topics: "Sequence[FaqTopic]", url: str) -> dict | None:
    """schema.org FAQPage data for the questions page: the questions it shows, as plain text in the page's
    language, or None when there is none to tell. A question not translated yet (shown in English on a Spanish
    page) is left out of it."""
    entities = []
    for topic in topics:
        for question in topic.questions:
            name, answer = localized(question.faq, "question"), localized(question.faq, "answer")
            if name.is_fallback or answer.is_fallback:
                continue
            entities.append(
                {
                    "@type": "Question",
                    "name": str(name),
                    "acceptedAnswer": {"@type": "Answer", "text": _plain_text(answer)},
                }
            )
    if not entities:
        return None
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": translation.get_language(),
        "mainEntity": entities,
    }
    return {**without_placeholders(data), "url": url}


def _plain_text(markdown: str) -> str:
    """Editor-typed Markdown as the words a reader sees, without markup."""
    return " ".join(html.unescape(strip_tags(render_markdown(markdown))).split())
