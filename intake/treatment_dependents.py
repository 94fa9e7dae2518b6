"""What the intake app keeps for a treatment, so the treatment is not taken off the site under it
(treatments.dependents)."""

from django.urls import reverse

from treatments.dependents import treatment_addresses, treatment_dependents
from treatments.models import Treatment

from .selectors import has_people_waiting


@treatment_addresses
def waitlist_page(*, slug: str) -> list[str]:
    return [reverse("waitlist:join", args=[slug])]


@treatment_dependents
def people_waiting(*, treatment: Treatment) -> list[str]:
    if has_people_waiting(treatment=treatment):
        return ["People are on its waitlist, and the clinic has promised to contact them."]
    return []
