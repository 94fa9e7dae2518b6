"""factory_boy factories, one section per app."""

import factory

from treatments.models import EducationSection, Faq, FirstVisitSection, Route, Treatment

# --- treatments ---------------------------------------------------------------


class TreatmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Treatment

    name = factory.Sequence(lambda n: f"Treatment {n}")
    slug = factory.Sequence(lambda n: f"treatment-{n}")
    status = Treatment.Status.AVAILABLE
    summary = "A short plain summary."
    body = "Some **body** text."
    is_published = True


class RouteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Route

    name = factory.Sequence(lambda n: f"Route {n}")
    effectiveness = "Works well for some people"
    onset = "Gradual start"
    recovery = "Gradual recovery"
    adjustable = "Yes"
    needle_sticks = "One"


class FaqFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Faq

    question = factory.Sequence(lambda n: f"Question number {n}?")
    answer = "A plain **answer**."


class EducationSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EducationSection

    heading = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    body = "Some *section* text."


class FirstVisitSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FirstVisitSection

    treatment = factory.SubFactory(TreatmentFactory)
    topic = FirstVisitSection.Topic.WHAT_HAPPENS
    body = "What happens at a *first visit*."


# --- waitlist -----------------------------------------------------------------


class IntakeRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "waitlist.IntakeRequest"

    treatment = factory.SubFactory(TreatmentFactory, status=Treatment.Status.WAITLIST)
    first_name = "Alex"
    last_name = "Rivera"
    email = factory.Sequence(lambda n: f"person{n}@example.com")
    phone: object = "+16195550123"  # a Sequence in CallBackRequestFactory
    preferred_contact = "phone"
    best_time = "any"
    is_adult = True
    insurance = "not_sure"
    contact_consent = True


class CallBackRequestFactory(IntakeRequestFactory):
    kind = "call_back"
    treatment = factory.SubFactory(TreatmentFactory, status=Treatment.Status.AVAILABLE)
    insurance = ""
    phone = factory.Sequence(lambda n: f"+1619555{n % 10000:04d}")


def call_back_form_data(**overrides):
    """A valid POST body for the public call-back form."""
    data = {
        "first_name": "Alex",
        "last_name": "Rivera",
        "email": "alex@example.com",
        "phone": "(619) 555-0123",
        "preferred_contact": "phone",
        "best_time": "morning",
        "is_adult": "on",
        "contact_consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def waitlist_form_data(**overrides):
    """A valid POST body for the public waitlist form."""
    data = {
        "first_name": "Alex",
        "last_name": "Rivera",
        "email": "alex@example.com",
        "phone": "(619) 555-0123",
        "preferred_contact": "phone",
        "best_time": "morning",
        "insurance": "commercial",
        "referral": "",
        "is_adult": "on",
        "contact_consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


# --- financing ----------------------------------------------------------------

from decimal import Decimal  # noqa: E402

from financing.models import FinancingPlan, FinancingProgram  # noqa: E402


class FinancingProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancingProgram

    name = "CareCredit"
    summary = "Pay over time with a health care credit card."
    description = "A health care credit card."
    how_to_apply = "1. Prequalify\n2. Apply"
    disclosures = "Subject to credit approval."


class FinancingPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancingPlan

    program = factory.SubFactory(FinancingProgramFactory)
    kind = FinancingPlan.Kind.DEFERRED_INTEREST
    months = 12
    minimum_purchase = Decimal("200.00")
