"""Invitations end to end in a real browser, in both languages: one accepted from the email's link, and one that
expires and goes to the next person in line; coordinators opening places and seeing invitations in the queue. axe
finds nothing at 390 and 1280 px on any of these pages, and screenshots are saved to look at."""

from datetime import timedelta

import pytest

from intake.models import Offer
from intake.services.offers import open_places, sweep
from sitetext.selectors import current_texts
from tests.browser import check_at_both_widths, save_screenshots
from tests.intake.lines import in_line
from tests.intake.test_status_browser import link_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("initial_content")]
LANGUAGES = pytest.mark.parametrize("language", ["en", "es"])


@LANGUAGES
def test_an_invitation_accepted_from_the_email(spravato, page, live_server, language):
    texts = current_texts(language)
    first, second = in_line(spravato, 2, language=language)
    open_places(treatment=spravato, places=1, by=None, base_url=live_server.url)
    offer = Offer.objects.select_related("email").get()
    assert offer.request == first
    assert offer.email.subject.startswith(texts["email.offer.subject"].partition("{")[0])  # in their language
    path = link_in(offer.email)
    assert path.startswith("/es/waitlist/status/" if language == "es" else "/waitlist/status/")
    save_screenshots(page, live_server.url + path, f"offer-{language}")
    assert page.locator("html").get_attribute("lang") == language
    card = page.get_by_role("region", name=texts["status.offer.heading"])
    assert card.is_visible()
    check_at_both_widths(page, f"offer-{language}")
    card.get_by_role("button", name=texts["status.offer.accept"]).click()
    page.wait_for_selector("[role=status]")
    assert page.get_by_role("status").inner_text() == texts["status.saved.accepted"]
    assert page.locator(".lead").inner_text() == texts["status.lead.accepted"]
    assert page.get_by_role("region", name=texts["status.offer.heading"]).count() == 0
    offer.refresh_from_db()
    assert offer.status == "accepted"
    assert not Offer.objects.filter(request=second).exists()  # the place is taken: nobody else is invited
    check_at_both_widths(page, f"offer-accepted-{language}")


@LANGUAGES
def test_an_invitation_that_expires_goes_to_the_next_person(spravato, page, live_server, language):
    texts = current_texts(language)
    first, second = in_line(spravato, 2, language=language)
    open_places(treatment=spravato, places=1, by=None, base_url=live_server.url)
    offer = Offer.objects.select_related("email").get()
    first_link = link_in(offer.email)
    # The window passes with no answer: the worker's job expires it and invites the next person.
    result = sweep(now=offer.expires_at + timedelta(minutes=1), base_url=live_server.url)
    assert result.expired == 1
    passed = Offer.objects.select_related("email").get(status="open")
    assert passed.request == second and passed.follows == offer
    # The first person's page: no question any more, the invitation listed as not answered in time.
    page.goto(live_server.url + first_link)
    assert page.get_by_role("region", name=texts["status.offer.heading"]).count() == 0
    history = page.get_by_role("region", name=texts["status.offers.heading"])
    assert history.inner_text().strip().endswith(texts["status.offers.state.expired"])
    check_at_both_widths(page, f"offer-expired-{language}")
    # The next person's email opens their page with the place offered; they say no, and it is recorded.
    page.goto(live_server.url + link_in(passed.email))
    card = page.get_by_role("region", name=texts["status.offer.heading"])
    assert card.is_visible()
    card.get_by_role("button", name=texts["status.offer.decline"]).click()
    page.wait_for_selector("[role=status]")
    assert page.get_by_role("status").inner_text() == texts["status.saved.declined"]
    passed.refresh_from_db()
    assert passed.status == "declined"
    check_at_both_widths(page, f"offer-declined-{language}")


def test_coordinators_open_places_and_see_invitations(spravato, page, live_server):
    from django.conf import settings

    from staff.roles import INTAKE_COORDINATORS
    from tests.staff.second_factor import sign_in_through_the_login_page

    in_line(spravato, 3, first_name="Nora", last_name="Next")
    sign_in_through_the_login_page(page, live_server, username="intake", group=INTAKE_COORDINATORS)
    queue = f"{live_server.url}/{settings.ADMIN_URL}waitlist/intakerequest/"
    page.goto(queue)
    page.get_by_role("link", name="Places opened").click()
    page.wait_for_load_state()
    check_at_both_widths(page, "intake-places-opened")
    page.get_by_label("Places opened").fill("2")
    page.get_by_role("button", name="Invite the next people").click()
    page.wait_for_load_state()
    assert page.locator(".messagelist").inner_text().startswith("2 people were invited by email.")
    check_at_both_widths(page, "intake-places-opened-done")
    page.goto(queue + "?offer=open")
    assert page.locator("#result_list tbody tr").count() == 2
    assert page.locator("#result_list .intake-offer").first.inner_text().startswith("Invited: answer due")
    check_at_both_widths(page, "intake-queue-offers")
    entry = Offer.objects.order_by("pk").first().request
    page.goto(f"{queue}{entry.pk}/change/")
    assert page.locator(".field-invitations .readonly").inner_text().startswith("Sent ")
    check_at_both_widths(page, "intake-request-offers")
