import pytest


@pytest.fixture
def reviewer(staff_client):
    """A clinical reviewer named Dana Reyes (the name a reviewed page shows), signed in."""
    from django.contrib.auth.models import User

    from core.roles import CLINICAL_REVIEWERS

    client = staff_client(CLINICAL_REVIEWERS, username="reviewer")
    User.objects.filter(username="reviewer").update(first_name="Dana", last_name="Reyes")
    return client
