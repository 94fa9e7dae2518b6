from team.models import Provider
from tests.sitetext.test_page_texts_are_data import shouted  # noqa: F401 - every text in capitals, for tests here
from treatments.models import Treatment


def make_provider(**values) -> Provider:
    """A published profile, written by staff in both languages (no real person: the tests' own)."""
    treatments = values.pop("treatments", [])
    fields = {
        "name": "Alex Rivera",
        "credentials": "MD",
        "role": "Medical director",
        "role_es": "Director médico",
        "languages": "en,es",
        "bio": "Alex leads the care team. Alex checks on every patient during treatment.",
        "bio_es": "Alex dirige el equipo. Alex cuida a cada paciente durante el tratamiento.",
        "ordering": 10,
        **values,
    }
    provider = Provider.objects.create(**fields)
    provider.treatments.set([Treatment.objects.get(slug=slug) for slug in treatments])
    return provider
