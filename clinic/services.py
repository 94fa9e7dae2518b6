import logging
from typing import Any

from django.utils import timezone, translation

from content.page_cache import frame_part, peek_frame_part
from content.placeholders import without_placeholders
from phones.numbers import is_dialable
from translation.twins import localized

from . import hours
from .models import ClinicDetails, LegalPage, VisitPage

# What a fresh site shows until staff enter the real details. Each stand-in is plainly one (see
# content.placeholders): text starts with PLACEHOLDER, the phone number is one reserved for fiction, the
# email address and the CareCredit link are not the clinic's own. The go-live checklist reports each.
PLACEHOLDER_CLINIC = {
    "name": "Resilience Integrative Wellness",
    "short_description": (
        "Ketamine treatment in San Diego for treatment-resistant depression, anxiety, PTSD and pain, "
        "with personal, unhurried care."
    ),
    "phone": "+16195550100",
    "email": "hello@example.com",
    "street_address": "PLACEHOLDER: street address, set in admin",
    "city": "San Diego",
    "region": "CA",
    "postal_code": "",
    "map_url": "",
    "carecredit_url": "https://www.carecredit.com/",
}


CLINIC_DETAILS = "clinic-details"  # its name in the page frame (ClinicConfig.page_frame)


def get_clinic_details() -> ClinicDetails:
    """The clinic record, from the page frame; an unsaved placeholder if staff have not created one yet."""
    clinic: ClinicDetails = frame_part(CLINIC_DETAILS)
    return clinic


def get_clinic_details_without_database() -> ClinicDetails:
    """For the 500 page: the last cached record, else the placeholder; never queries."""
    try:
        cached = peek_frame_part(CLINIC_DETAILS)
    except Exception:  # the cache may be down too; the error page must still render
        logging.getLogger(__name__).warning("Cache unavailable while rendering an error page")
        cached = None
    return cached or ClinicDetails(**PLACEHOLDER_CLINIC)


def load_clinic_details() -> ClinicDetails:
    """The clinic record with its opening hours and closed days, from the database (a part of the page frame)."""
    clinic = ClinicDetails.objects.first() or ClinicDetails(**PLACEHOLDER_CLINIC)
    clinic.schedule  # noqa: B018 - loaded now, so the cached record carries its opening hours
    return clinic


def get_visit_page() -> VisitPage:
    return VisitPage.objects.get()


def get_legal_page(*, kind: str) -> LegalPage:
    return LegalPage.objects.get(kind=kind)


def clinic_json_ld(*, clinic: ClinicDetails, base_url: str) -> dict[str, Any]:
    """schema.org data for the clinic; a detail that is still a placeholder is left out, the example hours too."""
    schedule = clinic.public_schedule
    today = timezone.localdate(timezone=hours.clinic_zone())
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": clinic.name,
        "description": localized(clinic, "short_description"),
        "inLanguage": translation.get_language(),
        "telephone": clinic.phone_e164 if is_dialable(clinic.phone) else None,
        "email": clinic.email,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": clinic.street_address,
            "addressLocality": clinic.city,
            "addressRegion": clinic.region,
            "postalCode": clinic.postal_code,
            "addressCountry": "US",
        },
        "openingHoursSpecification": hours.schema_specification(schedule, today=today) if schedule else [],
        "medicalSpecialty": "Psychiatric",
        "hasMap": clinic.map_search_url,
    }
    return {**without_placeholders(data), "url": base_url}
