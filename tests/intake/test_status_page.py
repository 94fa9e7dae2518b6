"""A waitlist entry's own status page: opened by the link in the confirmation, never cached, in the person's
language, with forms that change phone, email, language and contact choices (keeping encryption, hashes, the
one-open-place rule and the history in step), or leave."""

import time

import pytest
from django.core import mail, signing
from django.db import connection
from django.urls import reverse
from django.utils import translation

from intake import matching, services
from intake.models import IntakeRequest
from outbox.models import OutgoingEmail
from tests.factories import IntakeRequestFactory, waitlist_form_data
from tests.markup import soup, text
from tests.sitetext.test_page_texts_are_data import assert_all_words_are_data, shouted  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
SITE = "http://testserver"


def signed_up(client, **overrides):
    """Sign up through the form; return the entry and the path of the status link in its confirmation."""
    prefix = "/es" if overrides.pop("spanish", False) else ""
    assert client.post(f"{prefix}/waitlist/spravato/", waitlist_form_data(**overrides)).status_code == 302
    entry = IntakeRequest.objects.get(email_hash=matching.email_hash(overrides.get("email", "alex@example.com")))
    link = next(word for word in entry.confirmation_email.body.split() if "/waitlist/status/" in word)
    return entry, link.removeprefix(SITE)


def status_url(entry):
    with translation.override(entry.language):
        return services.status_path(entry=entry)


def heading(response):
    return text(soup(response).h1)


def test_the_confirmation_link_opens_the_person_s_own_page_never_cached(client, spravato):
    entry, path = signed_up(client)
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = soup(response)
    assert text(page.h1) == "Your place on the Spravato waitlist"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    summary = dict(zip(map(text, page.select("dl dt")), map(text, page.select("dl dd")), strict=True))
    assert summary["Status"] == "Waiting for a place" and summary["Last confirmed"] == "Not yet"
    assert summary["Joined"]  # the date, in the page's language
    assert page.select_one(".crisis-banner, [class*=crisis]") is not None  # crisis help, from base.html
    assert "988" in text(page.select_one(".waitlist-emergency"))
    # Its forms show the details on file, to correct them.
    assert page.select_one("#id_phone-phone")["value"] == "(619) 555-0123"
    assert page.select_one("#id_email-email")["value"] == "alex@example.com"
    assert page.select_one("#id_language-language_0")["value"] == "en"
    assert page.select_one("#id_language-language_0").has_attr("checked")
    assert page.select("form") and all(
        form.select_one("[name=csrfmiddlewaretoken]") for form in page.select("main form")
    )
    assert page.select_one("#check-in-title") is None  # nothing asked until a check-in is sent


def test_a_spanish_sign_up_gets_its_page_in_spanish(client, spravato):
    entry, path = signed_up(client, spanish=True)
    assert path.startswith("/es/waitlist/status/")
    page = soup(client.get(path))
    assert page.html["lang"] == "es"
    assert text(page.h1) == "Su lugar en la lista de espera de Spravato"
    assert "988" in text(page.select_one(".waitlist-emergency")) and "AYUDA" in text(page)


def test_a_new_phone_keeps_encryption_hashes_and_history_in_step(client, coordinator):

    entry = IntakeRequestFactory(phone="+16195550123")
    url = status_url(entry)
    response = client.post(url, {"action": "phone", "phone-phone": "(858) 555-0177", "phone-website": ""})
    assert response.status_code == 302 and response["Location"] == url + "?saved=phone"
    assert text(soup(client.get(response["Location"])).select_one("[role=status]")) == "Your phone number is saved."
    entry.refresh_from_db()
    assert entry.phone == "+18585550177"
    assert IntakeRequest.objects.with_phone("858-555-0177").get() == entry
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, phone_tail_hashes FROM waitlist_intakerequest WHERE id = %s", [entry.pk])
        stored, tails = cursor.fetchone()
    assert stored.startswith("gAAAAA") and "0177" not in stored
    assert tails == matching.phone_tail_hashes("+18585550177")
    # The queue finds the new number by its last four digits, and no longer the old one.
    queue = reverse("admin:waitlist_intakerequest_changelist")
    assert coordinator.get(queue, {"q": "0177"}).context["cl"].result_count == 1
    assert coordinator.get(queue, {"q": "0123"}).context["cl"].result_count == 0
    latest = entry.history.first()
    assert latest.phone == "+18585550177" and latest.history_change_reason.startswith("Changed by the patient")


def test_an_invalid_phone_shows_the_error_beside_its_field_and_changes_nothing(client):

    entry = IntakeRequestFactory()
    response = client.post(status_url(entry), {"action": "phone", "phone-phone": "12", "phone-website": ""})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    page = soup(response)
    summary = page.select_one("#error-summary")
    assert summary.find_parent("section").select_one("h3").get_text() == "Change your phone number"
    assert summary.select_one("a")["href"] == "#id_phone-phone"
    assert page.title.get_text().startswith("Please fix this problem")
    entry.refresh_from_db()
    assert entry.phone == "+16195550123" and entry.history.count() == 1


def test_a_new_email_is_stored_hashed_and_both_addresses_are_told_in_the_same_transaction(client, spravato):
    entry, path = signed_up(client)
    before = set(OutgoingEmail.objects.values_list("pk", flat=True))
    response = client.post(path, {"action": "email", "email-email": "New.Alex@example.org", "email-website": ""})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.email == "New.Alex@example.org"
    assert IntakeRequest.objects.with_email("new.alex@example.org").get() == entry
    assert not IntakeRequest.objects.with_email("alex@example.com").exists()
    new = OutgoingEmail.objects.exclude(pk__in=before).order_by("pk")
    old_notice, new_notice = new
    assert (old_notice.recipient, old_notice.purpose) == ("alex@example.com", "waitlist.email_changed_old")
    assert "/waitlist/status/" not in old_notice.body  # the old address may not be the person's any more
    assert (new_notice.recipient, new_notice.purpose) == ("New.Alex@example.org", "waitlist.email_changed_new")
    link = next(word for word in new_notice.body.split() if "/waitlist/status/" in word)
    assert client.get(link.removeprefix(SITE)).status_code == 200
    assert "988" in old_notice.body and "988" in new_notice.body


def test_an_email_already_on_the_list_is_refused_without_saying_whose_it_is(client, spravato):
    entry, path = signed_up(client)
    signed_up(client, email="other@example.com")
    before = OutgoingEmail.objects.count()
    response = client.post(path, {"action": "email", "email-email": "OTHER@example.com", "email-website": ""})
    assert response.status_code == 200
    page = soup(response)
    assert [text(item) for item in page.select("#error-summary li")] == [
        "We could not save this email address. Please try another one, or call us."
    ]
    entry.refresh_from_db()
    assert entry.email == "alex@example.com" and OutgoingEmail.objects.count() == before


def test_a_new_language_moves_the_page_and_every_later_email(client, spravato):
    entry, path = signed_up(client)
    response = client.post(path, {"action": "language", "language-language": "es", "language-website": ""})
    assert response.status_code == 302 and response["Location"].startswith("/es/waitlist/status/")
    page = soup(client.get(response["Location"]))
    assert page.html["lang"] == "es"
    assert text(page.select_one("[role=status]")) == "Su idioma quedó guardado. Le escribiremos en este idioma."
    entry.refresh_from_db()
    assert entry.language == "es"


def test_contact_choices_need_text_consent_for_texts(client):

    entry = IntakeRequestFactory()
    data = {"action": "contact", "contact-preferred_contact": "text", "contact-best_time": "evening"}
    response = client.post(status_url(entry), data)
    assert response.status_code == 200
    assert [text(item) for item in soup(response).select("#error-summary li")] == [
        "You chose text messages. Check this box so we may text you, or choose phone or email instead."
    ]
    assert client.post(status_url(entry), {**data, "contact-sms_consent": "on"}).status_code == 302
    entry.refresh_from_db()
    assert (entry.preferred_contact, entry.best_time, entry.sms_consent) == ("text", "evening", True)


def test_leaving_from_the_page_is_the_patient_s_own_withdrawal(client, spravato, run_worker):
    entry, path = signed_up(client)
    run_worker()
    mail.outbox.clear()
    response = client.post(path, {"action": "leave"})
    assert response.status_code == 302 and response["Location"] == reverse("waitlist:left")
    entry.refresh_from_db()
    assert entry.status == "withdrawn" and entry.withdrawn_by_patient
    run_worker()
    assert [message.subject for message in mail.outbox] == ["A Spravato waitlist entry was withdrawn"]
    # The page stays: it says the place is closed and offers no forms.
    page = soup(client.get(path))
    assert text(page.select_one(".lead")) == "This waitlist place is closed. We will not contact you about it."
    assert page.select("main form") == []
    assert client.post(path, {"action": "phone", "phone-phone": "(858) 555-0177"}).status_code == 200
    entry.refresh_from_db()
    assert entry.phone == "+16195550123"


def test_the_old_leave_link_still_works(client, spravato):
    entry, _ = signed_up(client)
    leave = reverse("waitlist:leave", args=[services.removal_token(entry=entry)])
    assert client.post(leave).status_code == 302
    entry.refresh_from_db()
    assert entry.status == "withdrawn"


def test_a_damaged_or_old_link_says_so_plainly(client, settings):

    response = client.get("/waitlist/status/not-a-token/")
    assert response.status_code == 400 and heading(response) == "This link does not work"
    assert "no-store" in response["Cache-Control"]
    entry = IntakeRequestFactory()
    signer = signing.TimestampSigner(salt=services.REMOVAL_SALT)
    old = signer.sign(str(entry.removal_key))
    settings.WAITLIST_REMOVAL_LINK_MAX_AGE_DAYS = 0
    time.sleep(1.1)
    response = client.get(reverse("waitlist:status", args=[old]))
    assert response.status_code == 400 and heading(response) == "This link has expired"


def test_a_deleted_entry_s_link_says_the_place_is_closed(client):

    entry = IntakeRequestFactory()
    url = status_url(entry)
    entry.delete()
    response = client.get(url)
    assert response.status_code == 200 and heading(response) == "You are not on this waitlist"


def test_the_honeypot_changes_nothing(client):

    entry = IntakeRequestFactory()
    data = {"action": "email", "email-email": "bot@example.org", "email-website": "http://spam.example"}
    assert client.post(status_url(entry), data).status_code == 302
    entry.refresh_from_db()
    assert entry.email != "bot@example.org" and OutgoingEmail.objects.count() == 0


def test_posts_are_rate_limited_and_email_changes_count_as_sign_ups(client, settings):

    entry = IntakeRequestFactory()
    settings.WAITLIST_RATE_LIMIT = "1/10m"
    url = status_url(entry)
    assert client.post(url, {"action": "email", "email-email": "one@example.org"}).status_code == 302
    response = client.post(url, {"action": "email", "email-email": "two@example.org"})
    assert response.status_code == 429
    entry.refresh_from_db()
    assert entry.email == "one@example.org"
    settings.WAITLIST_POST_RATE_LIMIT = "1/10m"  # a new rate counts afresh
    assert client.post(url, {"action": "phone", "phone-phone": "(858) 555-0177"}).status_code == 302
    assert client.post(url, {"action": "phone", "phone-phone": "(858) 555-0188"}).status_code == 429
    entry.refresh_from_db()
    assert entry.phone == "+18585550177"


def test_the_page_and_its_changes_work_with_redis_down(client, settings):
    from tests.clinic_site.test_resilience_cache import use_redis_at
    from tests.faults import closed_port

    entry = IntakeRequestFactory()
    use_redis_at(settings, f"redis://127.0.0.1:{closed_port()}/0")
    url = status_url(entry)
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "email", "email-email": "still@example.org"}).status_code == 302
    entry.refresh_from_db()
    assert entry.email == "still@example.org"
    assert OutgoingEmail.objects.filter(purpose="waitlist.email_changed_new").count() == 1  # owed, for the worker


@pytest.mark.parametrize("prefix", ["", "/es"])
@pytest.mark.usefixtures("shouted")
def test_every_word_on_the_page_is_editable_data(client, initial_content, prefix):
    from treatments.models import Treatment

    entry = IntakeRequestFactory(treatment=Treatment.objects.get(slug="spravato"))
    url = prefix + services.status_path(entry=entry)
    assert_all_words_are_data(client.get(url))
    assert_all_words_are_data(client.post(url, {"action": "phone", "phone-phone": "12"}))  # with errors
    assert_all_words_are_data(client.get(prefix + "/waitlist/status/not-a-token/"))
