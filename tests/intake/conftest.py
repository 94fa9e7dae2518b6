import pytest


@pytest.fixture
def coordinator(staff_client):
    """An intake coordinator, signed in."""
    from staff.roles import INTAKE_COORDINATORS

    return staff_client(INTAKE_COORDINATORS)
