import pytest

from treatments.models import Treatment


@pytest.fixture
def iv(initial_content):
    return Treatment.objects.get(slug="iv-ketamine-infusion")


@pytest.fixture
def needs_review(reviewer, iv):
    """The IV page, marked *Needs clinical review* by a reviewer through its change form."""
    from tests.publishing.test_publishing import submit

    assert submit(reviewer, iv, "_draft", needs_clinical_review="on").status_code == 302
    return iv
