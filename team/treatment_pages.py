"""The providers who give a treatment, on its page (treatments.page_sections): treatments never imports team."""

from treatments.models import Treatment
from treatments.page_sections import PageSection, treatment_page_section

from .selectors import providers_of


@treatment_page_section
def providers_section(*, treatment: Treatment) -> PageSection | None:
    """The profiles of the treatment's providers, under its questions; their words, their photos' alt text among
    them, are under its review line."""
    profiles = providers_of(treatment=treatment)
    if not profiles:
        return None
    return PageSection(
        template="team/includes/treatment_providers.html",
        context={"profiles": profiles},
        shown=[record for profile in profiles for record in (profile.provider, profile.provider.photo) if record],
    )
