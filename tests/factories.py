"""factory_boy factories, one section per app."""

import factory

from treatments.models import Treatment

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
