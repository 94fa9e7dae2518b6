"""What search engines read about a treatment page: title, description and schema.org data."""

import datetime

from core.placeholders import without_placeholders

from .models import Treatment


def treatment_seo(*, treatment: Treatment) -> dict[str, str]:
    return {
        "title": treatment.seo_title or treatment.name,
        "description": treatment.seo_description or treatment.summary,
    }


def treatment_json_ld(*, treatment: Treatment, url: str, reviewed_on: datetime.date | None = None) -> dict:
    """schema.org data for a treatment page: a MedicalTherapy, with its Drug when it is a branded medicine.

    A value that is still a placeholder is left out.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalTherapy",
        "name": treatment.name,
        "description": treatment.seo_description or treatment.summary,
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
