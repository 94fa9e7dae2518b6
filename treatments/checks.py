"""The treatments' part of the go-live checklist (content.go_live): first-visit sections still holding the shipped
placeholder. Patients never see such a section (treatments.selectors.first_visit_steps), so a topic the brief gave
no facts for (what to bring, how long a visit takes) is simply missing from the page until staff write it. And a
price decision for every treatment (issue 23.4)."""

from django.core.checks import Warning

from content.go_live import go_live_check

from .models import FirstVisitSection, Pricing, Treatment

WRITE_IT = "Write what is true for the clinic in the admin: First visit sections."


@go_live_check
def first_visit_sections_are_written(**kwargs):
    sections = (
        FirstVisitSection.objects.published()
        .filter(treatment__is_published=True)
        .exclude(treatment__status=Treatment.Status.COMING_SOON)
        .select_related("treatment")
        .order_by("treatment__ordering", "treatment__name", "ordering", "pk")
    )
    issues = []
    for section in sections:
        if section.is_placeholder:
            issues.append(
                Warning(
                    f"First visit section “{section}” is a placeholder, so patients do not see this topic.",
                    hint=WRITE_IT,
                    obj=section,
                    id="treatments.W001",
                )
            )
        elif section.spanish_is_placeholder:
            issues.append(
                Warning(
                    f"First visit section “{section}” still has a placeholder in Spanish, so the Spanish page "
                    "shows it in English.",
                    hint=WRITE_IT,
                    obj=section,
                    id="treatments.W002",
                )
            )
    return issues


# --- costs and insurance (issue 23.4) ----------------------------------------------------------------------


@go_live_check
def every_treatment_has_a_price_decision(**kwargs):
    """Shipped treatments have no figure (the brief has none): patients read "ask us" until staff choose."""
    return [
        Warning(
            f"Treatment “{treatment}” has no price decision yet, so patients are asked to call about its cost.",
            hint="Under “Costs and insurance”, choose a price, a “from” price, or “ask us”.",
            obj=treatment,
            id="treatments.W003",
        )
        for treatment in Treatment.objects.filter(pricing=Pricing.NOT_DECIDED)
    ]
