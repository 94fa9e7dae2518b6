"""Financing's part of the go-live checklist (content.go_live): confirmed plan terms and the clinic's own links."""

from urllib.parse import urlsplit

from django.core.checks import Warning

from clinic.models import ClinicDetails
from content.go_live import go_live_check

from .models import FinancingPlan, FinancingProgram

CARECREDIT_HOSTS = {"carecredit.com", "www.carecredit.com"}
CARECREDIT_PUBLIC_PATHS = {"", "/apply"}  # the home page and the public application, credited to no provider
OWN_LINK_HINT = (
    "Enter the clinic's own CareCredit link from the CareCredit provider center, "
    "so applications are credited to the clinic."
)


def is_public_carecredit_page(url: str) -> bool:
    parts = urlsplit(url or "")
    return (
        (parts.hostname or "") in CARECREDIT_HOSTS
        and parts.path.rstrip("/") in CARECREDIT_PUBLIC_PATHS
        and not parts.query
    )


@go_live_check
def plans_have_the_figures_an_estimate_needs(**kwargs):
    plans = (
        FinancingPlan.objects.filter(is_active=True, program__is_active=True)
        .missing_estimate_figures()
        .select_related("program")
    )
    return [
        Warning(
            f"{plan.program} plan “{plan.label}” has no {' or '.join(missing_figures(plan))}, "
            "so the estimator leaves it out and patients are told to ask.",
            hint=f"Enter the figures {plan.program} confirms for the clinic, or untick “offered now”.",
            obj=plan,
            id="financing.W001",
        )
        for plan in plans
    ]


def missing_figures(plan: FinancingPlan) -> list[str]:
    missing = ["minimum purchase"] if plan.minimum_purchase is None else []
    if not plan.is_deferred_interest and plan.apr is None:
        missing.append("APR")
    return missing


@go_live_check
def carecredit_links_are_the_clinics_own(**kwargs):
    issues = []
    for program in FinancingProgram.objects.filter(is_active=True):
        for field in ("prequalify_url", "apply_url"):
            url = getattr(program, field)
            if is_public_carecredit_page(url):
                label = FinancingProgram._meta.get_field(field).verbose_name
                issues.append(
                    Warning(
                        f"{program} {label} {url} is CareCredit's public page, not the clinic's own link.",
                        hint=OWN_LINK_HINT,
                        obj=program,
                        id="financing.W002",
                    )
                )
    for clinic in ClinicDetails.objects.all():
        if is_public_carecredit_page(clinic.carecredit_url):
            issues.append(
                Warning(
                    f"Clinic CareCredit link {clinic.carecredit_url} is CareCredit's public page, "
                    "not the clinic's own link.",
                    hint=OWN_LINK_HINT,
                    obj=clinic,
                    id="financing.W002",
                )
            )
    return issues
