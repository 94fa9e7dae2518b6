"""A person who says yes to a place on the waitlist goes on to choose a time for their first consultation, in their
language, while the team has free times; otherwise back to their own page, which says the team will call."""

import pytest
from django.urls import resolve
from django.utils import translation

from booking import services as booking_services
from intake import services
from intake.models import Offer
from intake.services.offers import open_places
from tests.factories import TreatmentFactory
from tests.intake.test_offer_pages import named_in_line
from tests.markup import soup, text
from treatments.models import Treatment

pytestmark = pytest.mark.django_db


def accept(client, entry):
    open_places(treatment=entry.treatment, places=1, by=None, base_url="http://testserver")
    with translation.override(entry.language):
        page = services.status_path(entry=entry)
    return client.post(page, {"action": "offer", "offer": Offer.objects.get().pk, "answer": "accept"})


@pytest.mark.parametrize(("language", "prefix"), [("en", ""), ("es", "/es")])
def test_a_yes_leads_to_choosing_a_time_in_the_person_s_language(client, team_hours, language, prefix):
    (ana,) = named_in_line(TreatmentFactory(status=Treatment.Status.WAITLIST), "Ana", language=language)
    response = accept(client, ana)
    assert response.status_code == 302 and response["Location"].startswith(f"{prefix}/book/")
    with translation.override(language):
        match = resolve(response["Location"])
    assert match.url_name == "choose" and booking_services.request_for_token(token=match.kwargs["token"]) == ana
    choosing = soup(client.get(response["Location"]))
    assert choosing.html["lang"] == language
    assert choosing.select("input[type=radio]"), "free times to choose from"


def test_without_free_times_a_yes_goes_back_to_the_person_s_page(client):
    (ana,) = named_in_line(TreatmentFactory(status=Treatment.Status.WAITLIST), "Ana")  # the shipped hours are off
    response = accept(client, ana)
    assert response.status_code == 302 and response["Location"].endswith("?saved=accepted")
    note = soup(client.get(response["Location"])).select_one("[role=status]")
    assert text(note).startswith("Thank you for saying yes")
