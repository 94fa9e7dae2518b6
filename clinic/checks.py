"""The clinic's part of the go-live checklist (content.go_live): real contact details, no placeholders."""

from django.core.checks import Warning

from content.go_live import go_live_check
from content.placeholders import placeholder_reason
from phones.numbers import format_national, is_dialable
from translation.twins import spanish_name

from .models import ClinicDetails, VisitPage

FIX_IN_ADMIN = "Enter the real value in the admin: Clinic details."


@go_live_check
def clinic_details_are_real(**kwargs):
    clinic = ClinicDetails.objects.first()
    if clinic is None:
        return [
            Warning(
                "The clinic details have not been entered, so every page shows placeholders.",
                hint="Run `manage.py load_initial_content`, then edit Clinic details in the admin.",
                id="clinic.W001",
            )
        ]
    issues = []
    for field in ClinicDetails._meta.concrete_fields:
        value = getattr(clinic, field.attname)
        reason = placeholder_reason(value)
        if reason:
            shown = format_national(value) if field.name == "phone" else value
            issues.append(
                Warning(
                    f"Clinic {field.verbose_name} “{shown}” is a placeholder: {reason}.",
                    hint=FIX_IN_ADMIN,
                    obj=clinic,
                    id="clinic.W002",
                )
            )
    if not is_dialable(clinic.phone):
        issues.append(
            Warning(
                f"Clinic phone “{clinic.phone}” cannot be dialled, so every Call button would fail.",
                hint=FIX_IN_ADMIN,
                obj=clinic,
                id="clinic.W003",
            )
        )
    if not clinic.postal_code.strip():
        issues.append(Warning("Clinic postal code is empty.", hint=FIX_IN_ADMIN, obj=clinic, id="clinic.W004"))
    return issues


@go_live_check
def opening_hours_are_real(**kwargs):
    clinic = ClinicDetails.objects.first()
    if clinic is None or clinic.hours_are_real:
        return []
    return [
        Warning(
            "The clinic's opening hours are still the example hours the site shipped with, so patients see none.",
            hint="In the admin: Clinic details, enter the hours of each day and the closed days, then tick "
            "“These are the clinic's real opening hours”.",
            obj=clinic,
            id="clinic.W005",
        )
    ]


@go_live_check
def visit_page_is_real(**kwargs):
    page = VisitPage.objects.first()
    if page is None:
        return []
    issues = []
    for name in page.detail_fields:
        label = page._meta.get_field(name).verbose_name
        if placeholder_reason(getattr(page, name)):
            issues.append(f"Visit us page: {label} is a placeholder, so the page leaves it out.")
        elif placeholder_reason(getattr(page, spanish_name(name))):
            issues.append(
                f"Visit us page: the Spanish {label} is a placeholder, so the Spanish page shows the English."
            )
    return [
        Warning(issue, hint="Enter the real details in the admin: Visit us page.", obj=page, id="clinic.W006")
        for issue in issues
    ]
