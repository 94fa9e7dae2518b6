"""The call-back request: only for available treatments, stored once, confirmed by email, cancellable."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from clinic.models import ClinicDetails
from intake import services
from intake.models import ContactAttempt, IntakeRequest
from intake.services import retention
from outbox.models import OutgoingEmail
from tests.factories import CallBackRequestFactory, call_back_form_data
from tests.markup import hrefs, soup, text

IV = "/treatments/iv-ketamine-infusion/"
IM = "/treatments/intramuscular-ketamine/"
FORM = IV + "request-a-call/"
THANKS = FORM + "thanks/"


def request_call(client, url=FORM, **overrides):
    response = client.post(url, call_back_form_data(**overrides))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return response


# --- which treatments offer it ------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("page", [IV, IM])
def test_available_treatments_offer_a_call_back_beside_the_phone_number(client, initial_content, page):
    action = soup(client.get(page)).select_one("#treatment-action")
    links = hrefs(action)
    assert page + "request-a-call/" in links
    assert any(link.startswith("tel:") for link in links)
    assert "Request a call back" in text(action)
    assert client.get(page + "request-a-call/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["spravato", "ketamine-assisted-psychotherapy", "no-such-treatment"])
def test_waitlist_and_coming_soon_treatments_have_no_call_back(client, initial_content, slug):
    action = soup(client.get(f"/treatments/{slug}/")).select_one("#treatment-action")
    if action is not None:
        assert not [link for link in hrefs(action) if "request-a-call" in link]
    assert client.get(f"/treatments/{slug}/request-a-call/").status_code == 404
    assert client.post(f"/treatments/{slug}/request-a-call/", call_back_form_data()).status_code == 404
    assert client.get(f"/treatments/{slug}/request-a-call/thanks/").status_code == 404
    assert IntakeRequest.objects.count() == 0


@pytest.mark.django_db
def test_the_call_back_pages_are_in_the_sitemap_for_available_treatments_only(client, initial_content):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{FORM}" in sitemap and f"http://testserver{IM}request-a-call/" in sitemap
    assert "spravato/request-a-call" not in sitemap and "psychotherapy/request-a-call" not in sitemap


# --- the form -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_form_asks_the_minimum_and_no_health_questions(client, initial_content):
    response = client.get(FORM)
    assert "no-store" in response["Cache-Control"]
    form = soup(response).select_one("form.waitlist-form")
    names = {field["name"] for field in form.select("input, select, textarea") if field.get("name")}
    assert names == {
        "csrfmiddlewaretoken", "first_name", "last_name", "email", "phone", "preferred_contact", "best_time",
        "is_adult", "contact_consent", "sms_consent", "website", "submit",
    }  # fmt: skip
    assert not form.select_one("input[name=sms_consent][checked]")
    assert "do not put health details in this form" in text(soup(response))


@pytest.mark.django_db
def test_a_request_is_stored_with_its_emails_and_the_person_sees_what_happens_next(client, initial_content):
    response = request_call(client, sms_consent="on", preferred_contact="text")
    assert response["Location"] == THANKS
    entry = IntakeRequest.objects.get()
    assert (entry.kind, entry.treatment.slug, entry.phone, entry.insurance) == (
        "call_back", "iv-ketamine-infusion", "+16195550123", ""
    )  # fmt: skip
    assert entry.sms_consent and entry.confirmation_email.recipient == "alex@example.com"
    assert OutgoingEmail.objects.count() == 2
    thanks = client.get(THANKS)
    assert thanks.status_code == 200 and "no-store" in thanks["Cache-Control"]
    page = soup(thanks)
    assert "What happens next" in text(page) and "not for emergencies" in text(page)
    assert {"tel:988", "tel:911"} <= set(hrefs(page.select_one("main")))
    assert "Clinic hours" not in text(page)  # the example hours the site ships with are never shown
    ClinicDetails.objects.update(hours_are_real=True)
    page = soup(client.get(THANKS))
    assert "Clinic hours" in text(page) and "Mon–Fri 9 am – 5 pm" in text(page)


@pytest.mark.django_db
def test_email_is_optional_unless_the_person_prefers_email(client, initial_content):
    request_call(client, email="")
    entry = IntakeRequest.objects.get()
    assert entry.email == "" and entry.confirmation_email is None
    assert OutgoingEmail.objects.count() == 1  # only the clinic's notice

    response = client.post(FORM, call_back_form_data(email="", preferred_contact="email", phone="(619) 555-0199"))
    assert response.status_code == 200
    field = soup(response).select_one("#id_email")
    assert "is-invalid" in field["class"]
    assert "You chose email" in text(soup(response).select_one("#error-summary"))
    assert IntakeRequest.objects.count() == 1


@pytest.mark.django_db
def test_bad_input_is_explained_next_to_its_field_and_kept(client, initial_content):
    response = client.post(FORM, call_back_form_data(phone="12", first_name="Ana", contact_consent=""))
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("#id_first_name")["value"] == "Ana"
    assert page.select_one("#id_phone")["value"] == "12"
    assert "area code" in text(page.select_one("#id_phone").find_parent("div"))
    assert "contact you about your request" in text(page.select_one("#error-summary"))
    assert IntakeRequest.objects.count() == 0


@pytest.mark.django_db
def test_the_honeypot_gets_the_thank_you_page_and_stores_nothing(client, initial_content):
    assert request_call(client, website="http://spam.example")["Location"] == THANKS
    assert IntakeRequest.objects.count() == 0 and OutgoingEmail.objects.count() == 0


# --- one open request per person and treatment ---------------------------------------------


@pytest.mark.django_db
def test_a_repeated_request_keeps_the_first_and_gets_the_same_thank_you(client, initial_content):
    request_call(client)
    again = request_call(client, first_name="Other", email="other@example.com")
    assert again["Location"] == THANKS
    assert IntakeRequest.objects.count() == 1 and IntakeRequest.objects.get().first_name == "Alex"
    request_call(client, url=IM + "request-a-call/")  # another treatment is another request
    assert IntakeRequest.objects.count() == 2


@pytest.mark.django_db
def test_the_database_refuses_a_second_open_call_back_for_one_phone_but_not_a_waitlist_place():
    first = CallBackRequestFactory(phone="+16195550111")
    with pytest.raises(IntegrityError), transaction.atomic():
        CallBackRequestFactory(phone="+16195550111", treatment=first.treatment)
    first.status = IntakeRequest.Status.COMPLETED
    first.save()
    CallBackRequestFactory(phone="+16195550111", treatment=first.treatment)  # a closed request frees the place


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_twenty_identical_requests_at_once_store_one_row_and_all_get_the_thank_you(initial_content, settings):
    settings.WAITLIST_RATE_LIMIT = settings.WAITLIST_POST_RATE_LIMIT = ""  # all threads share one client address
    from django.db import connections
    from django.test import Client

    threads_count = 20
    barrier = threading.Barrier(threads_count)
    answers, errors = [], []

    def submit():
        try:
            client = Client()
            barrier.wait()
            response = client.post(FORM, call_back_form_data(phone="(619) 555-0177"))
            answers.append((response.status_code, response["Location"]))
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert answers == [(302, THANKS)] * threads_count
    assert IntakeRequest.objects.with_phone("+16195550177").count() == 1
    assert OutgoingEmail.objects.count() == 2
    assert connection.vendor == "postgresql"


# --- emails and the cancel link ----------------------------------------------------------


@pytest.mark.django_db
def test_the_worker_sends_a_confirmation_whose_link_cancels_and_tells_the_clinic(client, initial_content, run_worker):
    request_call(client, first_name="Zorro", last_name="Quixote")
    entry = IntakeRequest.objects.get()
    assert mail.outbox == []
    run_worker()
    patient = next(message for message in mail.outbox if message.to == ["alex@example.com"])
    staff = next(message for message in mail.outbox if message.to == [settings.STAFF_NOTIFICATION_EMAIL])
    assert patient.subject == f"We will call you about {entry.treatment.name}"
    assert "988" in patient.body and "911" in patient.body
    for detail in ("Zorro", "Quixote", "alex@example.com", "6195550123", "555-0123"):
        assert detail not in staff.subject + staff.body
        assert detail not in patient.subject + patient.body or detail == "alex@example.com"
    link = next(line for line in patient.body.splitlines() if "/request-a-call/cancel/" in line)
    assert link.startswith(f"http://testserver{FORM}cancel/")
    path = link.removeprefix("http://testserver")

    confirm = client.get(path)
    assert confirm.status_code == 200 and "no-store" in confirm["Cache-Control"]
    assert "Yes, cancel my request" in text(soup(confirm))
    entry.refresh_from_db()
    assert entry.status == "new"
    done = client.post(path)
    assert done.status_code == 302 and done["Location"] == FORM + "cancelled/"
    cancelled = client.get(done["Location"])
    assert "Your request is cancelled" in text(soup(cancelled)) and "no-store" in cancelled["Cache-Control"]
    entry.refresh_from_db()
    assert entry.status == "withdrawn" and entry.withdrawn_at is not None

    mail.outbox.clear()
    run_worker()
    (notice,) = mail.outbox
    assert notice.to == [settings.STAFF_NOTIFICATION_EMAIL] and "withdrawn" in notice.subject
    for detail in ("Zorro", "Quixote", "alex@example.com", "6195550123"):
        assert detail not in notice.subject + notice.body
    assert reverse("admin:waitlist_intakerequest_change", args=[entry.pk]) in notice.body

    again = client.post(path)
    assert again.status_code == 200 and "already closed" in text(soup(again))
    assert OutgoingEmail.objects.filter(purpose="call_back.staff.withdrawn").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "language", "subject"),
    [
        ("phone", "en", "We will call you about IV ketamine infusion"),
        ("email", "en", "We will email you about IV ketamine infusion"),
        ("text", "en", "We will text you about IV ketamine infusion"),
        ("phone", "es", "Le llamaremos sobre Infusión intravenosa (IV) de ketamina"),
        ("email", "es", "Le escribiremos por correo electrónico sobre Infusión intravenosa (IV) de ketamina"),
        ("text", "es", "Le enviaremos un mensaje de texto sobre Infusión intravenosa (IV) de ketamina"),
    ],
)
def test_the_confirmation_subject_says_how_the_person_asked_to_be_contacted(
    client, initial_content, method, language, subject
):
    """It said "We will call you" to someone who had chosen email. The body says "contact you" whatever the way."""
    consent = {"sms_consent": "on"} if method == "text" else {}
    request_call(client, url=("/es" if language == "es" else "") + FORM, preferred_contact=method, **consent)
    email = IntakeRequest.objects.get().confirmation_email
    assert email.subject == subject
    first_lines = {"en": "Thank you for asking", "es": "Gracias por pedir que"}[language]
    thanks = next(line for line in email.body.splitlines() if line.startswith(first_lines))
    assert ("contact you" if language == "en" else "se comunique con usted") in thanks
    assert "call you" not in email.body and "le llame" not in email.body


@pytest.mark.django_db
def test_a_waitlist_link_does_not_cancel_a_call_back_and_bad_links_get_a_clear_page(client):
    entry = CallBackRequestFactory()
    token = services.removal_token(entry=entry)
    assert client.post(reverse("waitlist:leave", args=[token])).status_code == 200  # "not on this waitlist"
    entry.refresh_from_db()
    assert entry.status == "new"
    bad = client.post(reverse("callback:cancel", args=[entry.treatment.slug, token[:-2] + "xx"]))
    assert bad.status_code == 400 and "This link does not work" in text(soup(bad))
    entry.refresh_from_db()
    assert entry.status == "new"


# --- retention ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["withdrawn", "declined", "completed"])
def test_retention_purges_closed_call_backs_with_their_history_and_contact_log(settings, status):
    settings.WAITLIST_RETENTION_DAYS = 30
    closed = CallBackRequestFactory(status=status)
    still_open = CallBackRequestFactory(status="contacted")
    attempts = [
        ContactAttempt.objects.create(request=entry, outcome="spoke", note="Call on Tuesday")
        for entry in (closed, still_open)
    ]
    IntakeRequest.objects.update(updated_at=timezone.now() - timedelta(days=31))

    assert retention.purge_expired_entries().startswith("1 closed and 0 open requests with no contact deleted;")
    assert list(IntakeRequest.objects.all()) == [still_open]
    assert not IntakeRequest.history.filter(id=closed.pk).exists()
    assert list(ContactAttempt.objects.all()) == [attempts[1]]
    assert not ContactAttempt.history.filter(id=attempts[0].pk).exists()
    assert ContactAttempt.history.filter(id=attempts[1].pk).exists()


@pytest.mark.django_db
def test_the_emails_are_page_texts_staff_can_reword_but_not_strip_of_the_cancel_link(client, initial_content):
    from sitetext.models import SiteText
    from sitetext.registry import problems, text_spec

    subject = SiteText.objects.get(key="email.call_back.subject")
    subject.text = "Your call about {treatment}"
    subject.save()
    request_call(client)
    email = IntakeRequest.objects.get().confirmation_email
    assert email.subject == "Your call about IV ketamine infusion"
    assert problems(text_spec("email.call_back.body"), "Hello. We will call you.") == [
        "This text must keep {removal_link}: patients need it."
    ]
