"""What staff enter before going live, so the go-live checklist (content.go_live) has nothing left to report."""

from decimal import Decimal

OWN_CARECREDIT_LINK = "https://www.carecredit.com/go/TEST123/"
REAL_VISIT_DETAILS = {
    "parking": "Free parking behind the building.",
    "parking_es": "Estacionamiento gratis detrás del edificio.",
    "transit": "Bus 7 stops at the corner.",
    "transit_es": "El autobús 7 para en la esquina.",
    "entrance": "The door is on the left side of the building.",
    "entrance_es": "La puerta está al lado izquierdo del edificio.",
    "step_free_access": "A ramp leads to the door.",
    "step_free_access_es": "Una rampa lleva a la puerta.",
}


def enter_real_details():
    """Replace every shipped placeholder of the initial content with a plausible real value."""
    from clinic.models import ClinicDetails, VisitPage
    from financing.models import FinancingPlan, FinancingProgram
    from treatments.models import Pricing, Treatment

    clinic = ClinicDetails.objects.get()
    clinic.phone = "(858) 555-2368"  # 555 but not 555-01xx: a real exchange
    clinic.email = "care@resilience-wellness.clinic"
    clinic.street_address = "1234 Calm Way, Suite 5"
    clinic.postal_code = "92103"
    clinic.hours_are_real = True  # the example week, Monday to Friday 9 am to 5 pm, is theirs
    clinic.carecredit_url = OWN_CARECREDIT_LINK
    clinic.save()
    VisitPage.objects.update(**REAL_VISIT_DETAILS)
    FinancingProgram.objects.update(prequalify_url=OWN_CARECREDIT_LINK, apply_url=OWN_CARECREDIT_LINK)
    FinancingPlan.objects.filter(apr__isnull=True, kind=FinancingPlan.Kind.FIXED_APR).update(apr=Decimal("17.90"))
    FinancingPlan.objects.filter(minimum_purchase__isnull=True).update(minimum_purchase=Decimal("1000.00"))
    Treatment.objects.filter(pricing=Pricing.NOT_DECIDED).update(pricing=Pricing.ASK_US)  # the clinic's choice
    write_first_visit_sections()
    write_provider_profiles()


def write_first_visit_sections():
    """The first-visit topics the brief had no facts for, written by staff in both languages."""
    from treatments.models import FirstVisitSection

    for section in FirstVisitSection.objects.all():
        if section.is_placeholder or section.spanish_is_placeholder:
            section.body = f"What the clinic says about: {section.get_topic_display().lower()}."
            section.body_es = "Lo que dice la clínica sobre este tema."
            section.save()


def write_provider_profiles():
    """The shipped placeholder profile, replaced by staff with a real person's (the tests' own) in both languages."""
    from team.models import Provider

    for provider in Provider.objects.all():
        if provider.is_placeholder or provider.spanish_is_placeholder:
            provider.name, provider.credentials = "Alex Rivera", "MD"
            provider.role, provider.role_es = "Medical director", "Director médico"
            provider.bio = "Alex leads the care team."
            provider.bio_es = "Alex dirige el equipo."
            provider.save()
