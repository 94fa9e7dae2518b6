"""Treatments' part of the go-live checklist (content.go_live): a price decision for every treatment (issue 23.4)."""

from django.core.checks import Warning

from content.go_live import go_live_check

from .models import Pricing, Treatment


@go_live_check
def every_treatment_has_a_price_decision(**kwargs):
    """Shipped treatments have no figure (the brief has none): patients read "ask us" until staff choose."""
    return [
        Warning(
            f"Treatment “{treatment}” has no price decision yet, so patients are asked to call about its cost.",
            hint="Under “Costs and insurance”, choose a price, a “from” price, or “ask us”.",
            obj=treatment,
            id="treatments.W001",
        )
        for treatment in Treatment.objects.filter(pricing=Pricing.NOT_DECIDED)
    ]
