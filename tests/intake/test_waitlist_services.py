"""Emails, self-removal links, duplicates under concurrency and the retention purge."""

import csv
import io
import logging
import socket
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core import mail, signing
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from intake import services
from intake.models import ContactAttempt, IntakeRequest
from outbox.models import OutgoingEmail
from tests.factories import IntakeRequestFactory, waitlist_form_data

URL = "/waitlist/spravato/"
SCRIPT = "<script>alert(1)</script>"


class BrokenMailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down for victim@example.com")


def sign_up(client, **overrides):
    response = client.post(URL, waitlist_form_data(**overrides))
    assert response.status_code == 302
    return IntakeRequest.objects.order_by("-pk").first()


@pytest.mark.django_db
def test_patient_gets_a_confirmation_with_a_removal_link_that_hides_the_email(client, spravato, run_worker):
    entry = sign_up(client, first_name=SCRIPT)
    assert mail.outbox == []  # owed, not sent inside the request
    assert run_worker() == 1  # one task sends both, over one connection
    patient, staff = sorted(mail.outbox, key=lambda message: message.to != ["alex@example.com"])
    assert patient.to == ["alex@example.com"] and staff.to == [settings.STAFF_NOTIFICATION_EMAIL]
    assert "Spravato waitlist" in patient.subject
    assert "988" in patient.body and "911" in patient.body
    link = next(line for line in patient.body.splitlines() if "/waitlist/status/" in line)  # their own page
    assert link.startswith("http://testserver/waitlist/status/")
    assert "alex" not in link.lower() and "example.com" not in link
    assert link.split("/")[-2].split(":")[0] == str(entry.removal_key)  # a random key, not the email or the id
    assert SCRIPT not in patient.body and "alert(1)" not in patient.body  # no typed text is ever mailed


@pytest.mark.django_db
def test_staff_notice_has_only_the_admin_link_and_no_patient_details(client, spravato, run_worker):
    entry = sign_up(client, first_name="Zorro", last_name="Quixote")
    run_worker()
    (staff,) = [message for message in mail.outbox if message.to == [settings.STAFF_NOTIFICATION_EMAIL]]
    text = staff.subject + staff.body
    # The phone in any form it could take; not "555" alone, which an admin link's id can hold.
    for detail in ("Zorro", "Quixote", "alex@example.com", "555-0123", "5550123", "555 0123", "6195550123"):
        assert detail not in text
    assert "http://testserver" + reverse("admin:waitlist_intakerequest_change", args=[entry.pk]) in staff.body


@pytest.mark.django_db
def test_failing_mail_server_keeps_the_entry_and_the_owed_emails_and_logs_without_patient_data(
    client, spravato, run_worker, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.intake.test_waitlist_services.BrokenMailBackend"
    with caplog.at_level(logging.INFO):
        entry = sign_up(client, first_name="Zorro")
        run_worker()
    assert entry.first_name == "Zorro" and IntakeRequest.objects.count() == 1
    owed = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING)
    assert owed.count() == 2 and {email.last_error for email in owed} == {"ConnectionRefusedError"}
    assert all(email.next_attempt_at > timezone.now() for email in owed)  # asked again after a pause
    logged = caplog.text
    for detail in ("Zorro", "alex@example.com", "6195550123", "victim@example.com"):
        assert detail not in logged
    assert f"Email {entry.confirmation_email.pk} (waitlist.patient) not sent (ConnectionRefusedError)" in logged


@pytest.mark.django_db
def test_a_sign_up_never_waits_for_a_mail_server_that_never_answers(client, spravato, settings):
    with socket.socket() as silent_server:  # accepts connections, never says a word
        silent_server.bind(("127.0.0.1", 0))
        silent_server.listen()
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = silent_server.getsockname()
        settings.EMAIL_TIMEOUT = 5
        started = time.monotonic()
        entry = sign_up(client)
        took = time.monotonic() - started
    assert IntakeRequest.objects.filter(pk=entry.pk).exists()
    # Not a speed target: the request never talks to the mail server, so it cannot wait for its timeout.
    assert took < settings.EMAIL_TIMEOUT
    assert entry.confirmation_email.status == OutgoingEmail.Status.PENDING


@pytest.mark.django_db
def test_the_owed_emails_are_saved_in_the_same_transaction_as_the_entry(client, spravato):
    client.post(URL, waitlist_form_data())
    entry = IntakeRequest.objects.get()
    emails = OutgoingEmail.objects.order_by("pk")
    assert [email.purpose for email in emails] == ["waitlist.patient", "waitlist.staff"]
    assert entry.confirmation_email == emails[0] and emails[0].recipient == "alex@example.com"
    queued = DBTaskResult.objects.order_by("enqueued_at")
    assert [result.args_kwargs["kwargs"] for result in queued] == [{"email_ids": [email.pk for email in emails]}]


@pytest.mark.django_db
def test_a_failed_sign_up_owes_no_email(client, spravato):
    client.post(URL, waitlist_form_data())
    client.post(URL, waitlist_form_data(first_name="Again"))  # same email: the same thanks, nothing new
    assert OutgoingEmail.objects.count() == 2 and DBTaskResult.objects.count() == 1


# --- self-removal ---------------------------------------------------------------


@pytest.mark.django_db
def test_removal_link_get_changes_nothing_and_post_withdraws(client):
    entry = IntakeRequestFactory()
    url = reverse("waitlist:leave", args=[services.removal_token(entry=entry)])
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "Yes, take me off the list" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == "new" and entry.withdrawn_at is None
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("waitlist:left")
    entry.refresh_from_db()
    assert entry.status == "withdrawn" and entry.withdrawn_at is not None
    assert "You are off the waitlist" in client.get(reverse("waitlist:left")).content.decode()
    again = client.post(url)
    assert again.status_code == 200 and "not on this waitlist" in again.content.decode()
    assert entry.history.count() == 2


@pytest.mark.django_db
def test_tampered_removal_link_gets_a_clear_page(client):
    entry = IntakeRequestFactory()
    token = services.removal_token(entry=entry)
    for bad in (token[:-2] + "xx", "nonsense", str(entry.removal_key)):
        response = client.post(reverse("waitlist:leave", args=[bad]))
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == "new"


@pytest.mark.django_db
def test_expired_removal_link_gets_a_clear_page(client, settings):
    entry = IntakeRequestFactory()
    old_signer = signing.TimestampSigner(salt=services.REMOVAL_SALT)
    old_signer.timestamp = lambda: signing.b62_encode(
        int(timezone.now().timestamp()) - 86400 * (settings.WAITLIST_REMOVAL_LINK_MAX_AGE_DAYS + 1)
    )
    token = old_signer.sign(str(entry.removal_key))
    response = client.post(reverse("waitlist:leave", args=[token]))
    assert response.status_code == 400 and "This link has expired" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == "new"


@pytest.mark.django_db
def test_a_signature_from_another_purpose_is_refused(client):
    entry = IntakeRequestFactory()
    token = signing.TimestampSigner(salt="something-else").sign(str(entry.removal_key))
    assert client.get(reverse("waitlist:leave", args=[token])).status_code == 400


# --- duplicates -------------------------------------------------------------------


@pytest.mark.django_db
def test_database_refuses_a_second_active_entry_for_the_same_email_in_any_case():
    from django.db import IntegrityError, transaction

    first = IntakeRequestFactory(email="sam@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        IntakeRequestFactory(email="SAM@example.com", treatment=first.treatment)
    IntakeRequestFactory(email="sam@example.com")  # another treatment is fine
    first.status = "declined"
    first.save()
    IntakeRequestFactory(email="sam@example.com", treatment=first.treatment)


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_parallel_sign_ups_with_one_email_create_one_entry_and_never_fail(spravato, settings):
    settings.WAITLIST_RATE_LIMIT = ""  # all threads share one client address
    from django.db import connections
    from django.test import Client

    threads_count = 8
    barrier = threading.Barrier(threads_count)
    statuses, errors = [], []

    def submit(number):
        try:
            client = Client()
            barrier.wait()
            response = client.post(URL, waitlist_form_data(first_name=f"Racer{number}", email="Race@Example.com"))
            statuses.append(response.status_code)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=[number]) for number in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert statuses == [302] * threads_count
    assert IntakeRequest.objects.with_email("race@example.com").count() == 1
    assert connection.vendor == "postgresql"


# --- retention ------------------------------------------------------------------------


def age(entry, days):
    IntakeRequest.objects.filter(pk=entry.pk).update(updated_at=timezone.now() - timedelta(days=days))


@pytest.mark.django_db
def test_purge_deletes_old_closed_entries_and_their_history_only(settings):
    settings.WAITLIST_RETENTION_DAYS = 30
    old_withdrawn = IntakeRequestFactory(status="withdrawn")
    old_declined = IntakeRequestFactory(status="declined")
    recent_withdrawn = IntakeRequestFactory(status="withdrawn")
    old_active = IntakeRequestFactory(status="contacted")
    for entry in (old_withdrawn, old_declined, old_active):
        age(entry, 31)
    age(recent_withdrawn, 29)

    out = io.StringIO()
    call_command("purge_waitlist", "--dry-run", stdout=out)
    assert "Would delete 2" in out.getvalue()
    assert IntakeRequest.objects.count() == 4

    call_command("purge_waitlist", stdout=out)
    assert "Deleted 2" in out.getvalue()
    assert set(IntakeRequest.objects.values_list("pk", flat=True)) == {recent_withdrawn.pk, old_active.pk}
    gone = [old_withdrawn.pk, old_declined.pk]
    assert not IntakeRequest.history.filter(id__in=gone).exists()
    assert IntakeRequest.history.filter(id=old_active.pk).exists()


@pytest.mark.django_db
def test_purge_days_option_overrides_the_setting():
    entry = IntakeRequestFactory(status="declined")
    age(entry, 10)
    call_command("purge_waitlist", "--days", "11", stdout=io.StringIO())
    assert IntakeRequest.objects.filter(pk=entry.pk).exists()
    call_command("purge_waitlist", "--days", "9", stdout=io.StringIO())
    assert not IntakeRequest.objects.filter(pk=entry.pk).exists()


# --- CSV ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=HYPERLINK(1)", "'=HYPERLINK(1)"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("Alex", "Alex"), ("", "")],
)  # fmt: skip
def test_spreadsheet_formulas_are_neutralized(value, expected):
    assert services.spreadsheet_safe(value=value) == expected


def exported_rows(entries):
    stream = io.StringIO()
    services.write_csv(entries=entries, stream=stream)
    exported = stream.getvalue()
    assert exported.startswith("\ufeff")  # the byte-order mark, for Excel
    return list(csv.reader(io.StringIO(exported.removeprefix("\ufeff"))))


def test_csv_rows_have_phones_as_staff_dial_them_and_times_with_their_zone(db):
    winter = IntakeRequestFactory(
        first_name="Ana",
        last_name="Núñez",
        email="ana@example.com",
        treatment__name="Spravato",
        phone="+16195550123",
        sms_consent=True,
    )
    ContactAttempt.objects.create(
        request=winter, outcome="spoke", note="Call after 3", made_at=datetime(2026, 11, 26, 18, 0, tzinfo=UTC)
    )
    summer = IntakeRequestFactory(email="lee@example.com", phone="+442079460958", treatment=winter.treatment)
    IntakeRequest.objects.filter(pk=winter.pk).update(created_at=datetime(2026, 11, 25, 17, 30, tzinfo=UTC))
    IntakeRequest.objects.filter(pk=summer.pk).update(created_at=datetime(2026, 7, 4, 16, 5, tzinfo=UTC))
    header, *rows = exported_rows(IntakeRequest.objects.order_by("pk"))
    assert header == [
        "Entry",
        "Kind",
        "Joined",
        "Treatment",
        "Status",
        "First name",
        "Last name",
        "Email",
        "Phone",
        "Language",
        "Preferred contact",
        "Best time",
        "Insurance",
        "Heard about us",
        "Text consent",
        "Contact log",
    ]
    common = ["English", "Phone call", "Any time", "I'm not sure", ""]
    assert rows == [
        [str(winter.pk), "Waitlist", "2026-11-25 09:30 PST", "Spravato", "New", "Ana", "Núñez", "ana@example.com"]
        + ["(619) 555-0123", *common, "yes", "2026-11-26 10:00 Spoke: Call after 3"],
        [str(summer.pk), "Waitlist", "2026-07-04 09:05 PDT", "Spravato", "New", "Alex", "Rivera", "lee@example.com"]
        + ["'+44 20 7946 0958", *common, "no", ""],
    ]
