"""Invitations on the pages: the person answers on their own status page (never cached, in their language, every word
editable data); coordinators say how many places opened, see who is invited and who said yes in the queue, and every
invitation on the request's page; the access record keeps the action without patient data."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from access_record.models import AccessEntry
from intake import services
from intake.models import Offer, OfferRound
from intake.services.offers import open_places, sweep
from outbox.models import OutgoingEmail
from staff.roles import CONTENT_EDITORS
from tests.factories import IntakeRequestFactory, TreatmentFactory
from tests.intake.lines import in_line
from tests.markup import soup, text
from tests.sitetext.test_page_texts_are_data import assert_all_words_are_data, shouted  # noqa: F401 (a fixture)
from treatments.models import Treatment

pytestmark = pytest.mark.django_db
SITE = "http://testserver"
PLACES = reverse("admin:waitlist_intakerequest_places_opened")
QUEUE = reverse("admin:waitlist_intakerequest_changelist")


@pytest.fixture
def waitlist():
    return TreatmentFactory(status=Treatment.Status.WAITLIST, name="Spravato test")


def named_in_line(treatment, *names, **fields):
    """Entries that joined a day apart, in the order named."""
    start = timezone.now() - timedelta(days=100)
    return [
        in_line(treatment, 1, start=start + timedelta(days=index), first_name=name, last_name="Waiting", **fields)[0]
        for index, name in enumerate(names)
    ]


def status_url(entry):
    with translation.override(entry.language):
        return services.status_path(entry=entry)


def invite(treatment, places=1):
    return open_places(treatment=treatment, places=places, by=None, base_url=SITE)


def test_the_person_s_page_asks_and_a_yes_says_the_team_will_call(client, waitlist):
    (ana,) = named_in_line(waitlist, "Ana")
    invite(waitlist)
    offer = Offer.objects.get()
    response = client.get(status_url(ana))
    assert "no-store" in response["Cache-Control"]
    page = soup(response)
    assert text(page.select_one(".lead")) == "A place is open for you. Please tell us below if you want it."
    card = page.select_one("#offer")
    assert text(card.h2) == "A place is open for you"
    assert text(card.p).startswith("Do you want this place? Please answer by ")
    assert [text(button) for button in card.select("button")] == [
        "Yes, I want this place",
        "No, offer it to someone else",
    ]
    assert page.select_one("#check-in-title") is None
    (line,) = [text(item) for item in page.select("[aria-labelledby=offers-title] li")]
    assert line.startswith("Sent ") and line.endswith(": Waiting for your answer")
    response = client.post(status_url(ana), {"action": "offer", "offer": offer.pk, "answer": "accept"})
    assert response.status_code == 302 and response["Location"].endswith("?saved=accepted")
    offer.refresh_from_db()
    assert offer.status == "accepted" and offer.answered_at is not None
    page = soup(client.get(response["Location"]))
    assert text(page.select_one("[role=status]")).startswith("Thank you for saying yes.")
    assert text(page.select_one(".lead")).startswith("You said yes to a place.")
    assert page.select_one("#offer") is None
    states = [text(item).rpartition(": ")[2] for item in page.select("[aria-labelledby=offers-title] li")]
    assert states == ["You said yes"]


def test_a_no_on_the_page_invites_the_next_person(client, waitlist):
    ana, bo = named_in_line(waitlist, "Ana", "Bo")
    invite(waitlist)
    offer = Offer.objects.get()
    response = client.post(status_url(ana), {"action": "offer", "offer": offer.pk, "answer": "decline"})
    assert response["Location"].endswith("?saved=declined")
    assert Offer.objects.get(status="open").request == bo
    page = soup(client.get(response["Location"]))
    assert text(page.select_one("[role=status]")).startswith("Thank you for telling us.")
    assert text(page.select_one(".lead")) == "You said no to the place we offered. You are still on the list."
    assert text(page.select_one(".waitlist-steps")).startswith("We will not offer you a place again on our own.")
    # Answering again, or someone else's offer, or nonsense: nothing changes and the page says so.
    for data in ({"offer": offer.pk}, {"offer": Offer.objects.get(status="open").pk}, {"offer": "x"}):
        response = client.post(status_url(ana), {"action": "offer", "answer": "accept", **data})
        assert response["Location"].endswith("?saved=offer_closed")
    assert list(Offer.objects.values_list("status", flat=True).order_by("pk")) == ["declined", "open"]


def test_the_spanish_page_asks_in_spanish(client, waitlist):
    (ana,) = named_in_line(waitlist, "Ana", language="es")
    invite(waitlist)
    page = soup(client.get(status_url(ana)))
    assert page.html["lang"] == "es"
    assert text(page.select_one("#offer h2")) == "Hay un lugar para usted"
    assert text(page.select_one("#offer p")).startswith("¿Quiere este lugar? Responda antes del ")


def test_the_answer_works_with_redis_down_and_the_next_email_is_owed(client, settings, waitlist):
    from tests.clinic_site.test_resilience_cache import use_redis_at
    from tests.faults import closed_port

    ana, bo = named_in_line(waitlist, "Ana", "Bo")
    invite(waitlist)
    use_redis_at(settings, f"redis://127.0.0.1:{closed_port()}/0")
    offer = Offer.objects.get()
    assert client.get(status_url(ana)).status_code == 200
    client.post(status_url(ana), {"action": "offer", "offer": offer.pk, "answer": "decline"})
    passed = Offer.objects.get(status="open")
    assert passed.request == bo and passed.email.status == OutgoingEmail.Status.PENDING


@pytest.mark.parametrize("prefix", ["", "/es"])
@pytest.mark.usefixtures("shouted")
def test_every_word_about_an_invitation_is_editable_data(client, initial_content, prefix):
    spravato = Treatment.objects.get(slug="spravato")
    entry = IntakeRequestFactory(treatment=spravato)
    open_places(treatment=spravato, places=1, by=None, base_url=SITE)
    url = prefix + services.status_path(entry=entry)
    assert_all_words_are_data(client.get(url))
    offer = Offer.objects.get()
    response = client.post(url, {"action": "offer", "offer": offer.pk, "answer": "accept"}, follow=True)
    assert_all_words_are_data(response)


def figures(page, name="Spravato test"):
    rows = [[text(cell) for cell in row.select("th, td")] for row in page.select(".offer-figures tbody tr")]
    return next(row for row in rows if row[0] == name)


def test_coordinators_open_places_and_the_access_record_keeps_numbers_only(coordinator, waitlist, settings):
    settings.WAITLIST_MAX_OPEN_OFFERS = 2
    named_in_line(waitlist, "Ana", "Bo", "Cy", "Dee")
    page = soup(coordinator.get(PLACES))
    assert page.select_one("#content-main table caption") is not None
    assert figures(page) == ["Spravato test", "0", "0", "0", "4"]
    response = coordinator.post(PLACES, {"treatment": waitlist.pk, "places": 3}, follow=True)
    message = text(soup(response).select_one(".messagelist"))
    assert message.startswith("2 people were invited by email. 1 place waits")
    assert sorted(Offer.objects.values_list("request__first_name", flat=True)) == ["Ana", "Bo"]
    round = OfferRound.objects.get()
    assert round.opened_by.username == "intake" and round.places == 3
    entry = AccessEntry.objects.get(model="waitlist.offerround")
    assert (entry.action, entry.object_id, entry.staff_username) == ("change", str(round.pk), "intake")
    assert entry.detail == "places opened: 3; invited now: 2; waiting: 1"
    assert figures(soup(coordinator.get(PLACES))) == ["Spravato test", "2", "0", "1", "2"]
    # Nonsense is refused with a message by the field.
    response = coordinator.post(PLACES, {"treatment": waitlist.pk, "places": 0})
    assert response.status_code == 200 and soup(response).select_one(".errorlist")
    assert OfferRound.objects.count() == 1


def test_coordinators_can_stop_offering_places_that_wait(coordinator, client, waitlist, settings):
    settings.WAITLIST_MAX_OPEN_OFFERS = 1
    ana, bo, cy = named_in_line(waitlist, "Ana", "Bo", "Cy")
    coordinator.post(PLACES, {"treatment": waitlist.pk, "places": 3})
    assert figures(soup(coordinator.get(PLACES))) == ["Spravato test", "1", "0", "2", "2"]
    response = coordinator.post(PLACES, {"stop": waitlist.pk}, follow=True)
    assert text(soup(response).select_one(".messagelist")).startswith(
        "No more invitations for Spravato test: 2 waiting places were taken back."
    )
    assert figures(soup(response)) == ["Spravato test", "1", "0", "0", "2"]
    entry = AccessEntry.objects.filter(model="waitlist.offerround").order_by("-pk").first()
    assert entry.detail == "stopped offering places: 2 waiting" and entry.object_id == ""
    # The invitation sent stands; a no passes nothing on.
    offer = Offer.objects.get()
    assert offer.request == ana and offer.status == "open"
    client.post(status_url(ana), {"action": "offer", "offer": offer.pk, "answer": "decline"})
    assert list(Offer.objects.values_list("request", "status")) == [(ana.pk, "declined")]
    assert sweep().invited == 0


def test_only_coordinators_may_open_places(staff_client, waitlist):
    editor = staff_client(CONTENT_EDITORS)
    assert editor.get(PLACES).status_code == 403
    assert editor.post(PLACES, {"treatment": waitlist.pk, "places": 1}).status_code == 403
    assert not OfferRound.objects.exists()


def test_the_queue_shows_open_and_accepted_invitations_and_the_request_every_one(coordinator, client, waitlist):
    ana, bo, cy = named_in_line(waitlist, "Ana", "Bo", "Cy")
    invite(waitlist, places=2)
    offer = Offer.objects.get(request=ana)
    client.post(status_url(ana), {"action": "offer", "offer": offer.pk, "answer": "decline"})  # Cy is invited
    bo_offer = Offer.objects.get(request=bo)
    client.post(status_url(bo), {"action": "offer", "offer": bo_offer.pk, "answer": "accept"})
    page = soup(coordinator.get(QUEUE))
    assert text(page.select_one(".places-opened-link")) == "Places opened"
    lines = {
        text(row.select_one(".field-name")): text(row.select_one(".intake-offer") or row.select_one(".field-name"))
        for row in page.select("#result_list tbody tr")
    }
    assert lines["Bo Waiting"].startswith("Said yes ")
    assert lines["Cy Waiting"].startswith("Invited : answer due ")
    assert lines["Ana Waiting"] == "Ana Waiting"  # declined: nothing to act on
    names = [
        text(row.select_one(".field-name"))
        for row in soup(coordinator.get(QUEUE, {"offer": "open"})).select("#result_list tbody tr")
    ]
    assert names == ["Cy Waiting"]
    names = [
        text(row.select_one(".field-name"))
        for row in soup(coordinator.get(QUEUE, {"offer": "accepted"})).select("#result_list tbody tr")
    ]
    assert names == ["Bo Waiting"]
    said_yes = soup(coordinator.get(reverse("admin:index"))).select_one(".intake-said-yes")
    assert text(said_yes) == "1" and said_yes.find_previous("a")["href"] == f"{QUEUE}?offer=accepted"
    url = reverse("admin:waitlist_intakerequest_change", args=[ana.pk])
    history = text(soup(coordinator.get(url)).select_one(".field-invitations .readonly"))
    assert "Declined" in history and "places opened by a coordinator" in history
    cy_page = soup(coordinator.get(reverse("admin:waitlist_intakerequest_change", args=[cy.pk])))
    assert "passed on from an earlier invitation" in text(cy_page.select_one(".field-invitations .readonly"))
    looks = AccessEntry.objects.filter(object_id__in=[str(ana.pk), str(cy.pk)]).values_list("action", flat=True)
    assert sorted(looks) == ["view", "view"]
