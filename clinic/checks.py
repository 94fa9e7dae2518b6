"""The clinic's part of the go-live checklist (content.go_live): real contact details, no placeholders."""

from django.core.checks import Warning

from content.go_live import go_live_check
from content.placeholders import placeholder_reason
from phones.numbers import format_national, is_dialable

from .models import ClinicDetails

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
