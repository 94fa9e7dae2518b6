"""Booking a call: the service's checks, the database's one-booking-per-slot, the emails with their calendar file,
the patient's pages (choose, change, cancel) in both languages, the reminder, and the coordinators' agenda."""

import re
import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from access_record.models import AccessEntry
from booking import selectors, services
from booking.models import Booking
from intake.models import ContactAttempt, IntakeRequest
from outbox.models import OutgoingEmail
from tests.factories import CallBackRequestFactory, call_back_form_data
from tests.markup import soup, text

LA = ZoneInfo("America/Los_Angeles")
BASE = "http://testserver/"
FORM = "/treatments/iv-ketamine-infusion/request-a-call/"


def first_free(offset=0):
    return selectors.free_times()[offset]


def choose_url(entry, prefix=""):
    return prefix + services.booking_path(request=entry)


# --- the service ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_booking_a_free_time_records_the_confirmation_with_its_calendar_file_in_the_same_transaction(team_hours):
    entry = CallBackRequestFactory(email="ana@example.org")
    slot = first_free()
    booking = services.book(request=entry, start=slot.start, base_url=BASE)
    assert (booking.start, booking.end, booking.calendar, booking.status) == (slot.start, slot.end, "team", "booked")
    email = OutgoingEmail.objects.get(purpose="booking.confirmation")
    assert booking.confirmation_email == email and email.recipient == "ana@example.org"
    link_token = re.search(r"/book/call/([^/\s]+)/", email.body).group(1)  # the token the email itself carries
    assert services.booking_for_token(token=link_token) == booking and link_token not in email.subject
    assert "/book/call/" in email.body and email.attachment_name == "call.ics"
    assert email.attachment_type == "text/calendar"
    calendar = icalendar.Calendar.from_ical(email.attachment)
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert start == slot.start and str(start.tzinfo) == "America/Los_Angeles"
    assert event["dtstart"].params["TZID"] == "America/Los_Angeles"
    assert event.decoded("dtend") - start == timedelta(minutes=30)
    assert [zone["tzid"] for zone in calendar.walk("VTIMEZONE")] == ["America/Los_Angeles"]
    assert entry.first_name not in email.attachment and entry.last_name not in email.attachment


@pytest.mark.django_db
def test_the_calendar_file_is_right_across_the_march_change():
    from booking import emails

    entry = CallBackRequestFactory()
    booking = Booking(
        request=entry, start=datetime(2026, 3, 9, 16, tzinfo=UTC), end=datetime(2026, 3, 9, 16, 30, tzinfo=UTC)
    )
    event = icalendar.Calendar.from_ical(emails.invitation(booking=booking, title="Call")).walk("VEVENT")[0]
    assert event.decoded("dtstart").replace(tzinfo=None) == datetime(2026, 3, 9, 9, 0)  # 9 am PDT
    assert event.decoded("dtstart") == booking.start
    november = Booking(
        request=entry, start=datetime(2026, 11, 2, 17, tzinfo=UTC), end=datetime(2026, 11, 2, 17, 30, tzinfo=UTC)
    )
    event = icalendar.Calendar.from_ical(emails.invitation(booking=november, title="Call")).walk("VEVENT")[0]
    assert event.decoded("dtstart").replace(tzinfo=None) == datetime(2026, 11, 2, 9, 0)  # 9 am PST


@pytest.mark.django_db
@pytest.mark.parametrize(
    "start",
    [
        pytest.param(lambda: timezone.now() - timedelta(days=1), id="past"),
        pytest.param(lambda: first_free().start + timedelta(minutes=7), id="not-a-slot-start"),
        pytest.param(
            lambda: datetime.combine(
                first_free().start.astimezone(LA).date(), datetime.min.time().replace(hour=12, minute=15), tzinfo=LA
            ),
            id="in-the-break",
        ),
        pytest.param(
            lambda: datetime.combine(
                first_free().start.astimezone(LA).date(), datetime.min.time().replace(hour=20), tzinfo=LA
            ),
            id="after-hours",
        ),
        pytest.param(lambda: timezone.now() + timedelta(hours=2), id="inside-the-notice"),
        pytest.param(lambda: timezone.now() + timedelta(days=40), id="too-far-ahead"),
    ],
)
def test_a_time_the_rules_do_not_offer_is_refused(team_hours, start):
    with pytest.raises(services.SlotTaken):
        services.book(request=CallBackRequestFactory(), start=start(), base_url=BASE)
    assert Booking.objects.count() == 0 and OutgoingEmail.objects.count() == 0


@pytest.mark.django_db
def test_a_slot_is_never_booked_twice_and_the_database_refuses_it_too(team_hours):
    slot = first_free()
    services.book(request=CallBackRequestFactory(), start=slot.start, base_url=BASE)
    with pytest.raises(services.SlotTaken):
        services.book(request=CallBackRequestFactory(), start=slot.start, base_url=BASE)
    with pytest.raises(IntegrityError), transaction.atomic():  # the constraint, without the service's check
        Booking.objects.create(request=CallBackRequestFactory(), start=slot.start, end=slot.end, calendar="team")
    assert Booking.objects.filter(start=slot.start, status="booked").count() == 1


@pytest.mark.django_db
def test_one_booked_call_per_request(team_hours):
    entry = CallBackRequestFactory()
    services.book(request=entry, start=first_free().start, base_url=BASE)
    with pytest.raises(services.AlreadyBooked):
        services.book(request=entry, start=first_free().start, base_url=BASE)


@pytest.mark.django_db
def test_no_email_without_an_address_and_the_booking_still_stands(team_hours):
    booking = services.book(request=CallBackRequestFactory(email=""), start=first_free().start, base_url=BASE)
    assert booking.is_booked and OutgoingEmail.objects.count() == 0


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_twenty_people_choosing_the_same_time_at_once_book_it_once(team_hours):
    from django.db import connections

    entries = [CallBackRequestFactory() for _ in range(20)]
    start = first_free().start
    barrier = threading.Barrier(len(entries))
    won, taken, errors = [], [], []

    def try_to_book(entry):
        try:
            barrier.wait()
            won.append(services.book(request=entry, start=start, base_url=BASE).pk)
        except services.SlotTaken:
            taken.append(entry.pk)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=try_to_book, args=(entry,)) for entry in entries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(won) == 1 and len(taken) == 19
    assert Booking.objects.filter(start=start, status="booked").count() == 1
    assert OutgoingEmail.objects.filter(purpose="booking.confirmation").count() == 1
    assert connection.vendor == "postgresql"


# --- reschedule, cancel, reminder ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_rescheduling_frees_the_old_slot_at_once(team_hours):
    old_slot, new_slot = first_free(0), first_free(1)
    booking = services.book(request=CallBackRequestFactory(), start=old_slot.start, base_url=BASE)
    moved = services.reschedule(booking=booking, start=new_slot.start, base_url=BASE)
    booking.refresh_from_db()
    assert booking.status == "cancelled" and moved.is_booked and moved.start == new_slot.start
    assert old_slot.start in {slot.start for slot in selectors.free_times()}
    assert OutgoingEmail.objects.filter(purpose="booking.rescheduled").count() == 1
    # The patient's calendar moves the same event: same UID, a higher SEQUENCE, the new time.
    events = [
        icalendar.Calendar.from_ical(OutgoingEmail.objects.get(purpose=purpose).attachment).walk("VEVENT")[0]
        for purpose in ("booking.confirmation", "booking.rescheduled")
    ]
    assert str(events[0]["uid"]) == str(events[1]["uid"])
    assert int(events[1]["sequence"]) > int(events[0]["sequence"])
    assert events[1].decoded("dtstart") == new_slot.start


@pytest.mark.django_db
def test_rescheduling_to_a_taken_time_changes_nothing(team_hours):
    mine = services.book(request=CallBackRequestFactory(), start=first_free(0).start, base_url=BASE)
    theirs = services.book(request=CallBackRequestFactory(), start=first_free(0).start, base_url=BASE)
    with pytest.raises(services.SlotTaken):
        services.reschedule(booking=mine, start=theirs.start, base_url=BASE)
    mine.refresh_from_db()
    assert mine.is_booked


@pytest.mark.django_db
def test_cancelling_frees_the_slot_and_emails_a_cancellation(team_hours):
    slot = first_free()
    booking = services.book(request=CallBackRequestFactory(), start=slot.start, base_url=BASE)
    services.cancel(booking=booking, base_url=BASE)
    assert slot.start in {s.start for s in selectors.free_times()}
    email = OutgoingEmail.objects.get(purpose="booking.cancelled")
    assert "/book/" in email.body and "/book/call/" not in email.body  # a link to choose a new time
    event = icalendar.Calendar.from_ical(email.attachment).walk("VEVENT")[0]
    assert str(event["status"]) == "CANCELLED"
    services.book(request=CallBackRequestFactory(), start=slot.start, base_url=BASE)  # somebody else takes it


@pytest.mark.django_db
def test_the_reminder_goes_out_once_24_hours_before(team_hours, run_worker):
    booking = services.book(request=CallBackRequestFactory(), start=first_free().start, base_url=BASE)
    assert services.send_reminders(now=booking.start - timedelta(hours=25)) == 0
    assert services.send_reminders(now=booking.start - timedelta(hours=23, minutes=50)) == 1
    assert services.send_reminders(now=booking.start - timedelta(hours=23)) == 0  # once, however often it runs
    reminder = OutgoingEmail.objects.get(purpose="booking.reminder")
    assert icalendar.Calendar.from_ical(reminder.attachment).walk("VEVENT")[0].decoded("dtstart") == booking.start
    run_worker()
    reminder.refresh_from_db()
    assert reminder.status == "sent" and reminder.attachment == "" and reminder.body == ""


@pytest.mark.django_db
def test_a_call_booked_less_than_a_day_ahead_gets_no_reminder(team_hours):
    booking = services.book(request=CallBackRequestFactory(), start=first_free().start, base_url=BASE)
    Booking.objects.filter(pk=booking.pk).update(created_at=booking.start - timedelta(hours=20))
    assert services.send_reminders(now=booking.start - timedelta(hours=19)) == 0


@pytest.mark.django_db
def test_a_cancelled_call_gets_no_reminder(team_hours):
    booking = services.book(request=CallBackRequestFactory(), start=first_free().start, base_url=BASE)
    services.cancel(booking=booking, base_url=BASE)
    assert services.send_reminders(now=booking.start - timedelta(hours=1)) == 0


@pytest.mark.django_db
def test_the_reminder_job_is_registered():
    from jobs.registry import routine_jobs

    assert routine_jobs()["booking-reminders"].function == "booking.services.send_reminders"


@pytest.mark.django_db
def test_the_worker_sends_the_calendar_file_as_an_attachment(team_hours, run_worker, mailoutbox):
    services.book(request=CallBackRequestFactory(email="ana@example.org"), start=first_free().start, base_url=BASE)
    run_worker()
    message = next(m for m in mailoutbox if m.to == ["ana@example.org"])
    name, content, mimetype = message.attachments[0]
    assert name == "call.ics" and mimetype == "text/calendar"
    assert icalendar.Calendar.from_ical(content).walk("VEVENT")


# --- the pages --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_call_back_thank_you_page_offers_a_time_to_the_person_who_asked(
    client, initial_content, team_hours, prefix
):
    response = client.post(prefix + FORM, call_back_form_data())
    thanks = client.get(response["Location"])
    offer = soup(thanks).select_one(".booking-offer a")
    entry = IntakeRequest.objects.get()
    assert offer["href"].startswith(prefix + "/book/")
    assert services.request_for_token(token=offer["href"].split("/")[-2]) == entry
    assert "no-store" in thanks["Cache-Control"]
    # Another browser (no cookie) is offered nothing: the link is the person's own.
    from django.test import Client

    assert soup(Client().get(response["Location"])).select_one(".booking-offer") is None


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_choose_page_is_a_plain_list_of_times_grouped_by_day(client, initial_content, team_hours, prefix):
    entry = CallBackRequestFactory(language=prefix.strip("/") or "en")
    response = client.get(choose_url(entry, prefix))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    page = soup(response)
    days = page.select("form.booking-form fieldset.booking-day")
    assert len(days) == selectors.DAYS_PER_PAGE < len(selectors.times_by_day(selectors.free_times()))
    first = days[0]
    assert first.select_one("legend") is not None
    radios = first.select("input[type=radio][name=time]")
    assert radios and all(page.select_one(f"label[for={radio['id']}]") for radio in radios)
    assert page.select_one("input[name=website]") is not None
    assert page.select_one(".crisis-banner, [class*=crisis]") is not None
    assert "911" in text(page.select_one(".waitlist-emergency"))
    assert page.select_one("meta[name=robots]")["content"] == "noindex"


@pytest.mark.django_db
def test_choosing_a_time_books_it_and_opens_the_call_page(client, initial_content, team_hours):
    entry = CallBackRequestFactory()
    slot = first_free()
    response = client.post(choose_url(entry), {"time": slot.value, "website": ""})
    assert response.status_code == 302 and response["Location"].startswith("/book/call/")
    page = client.get(response["Location"])
    assert "no-store" in page["Cache-Control"]
    assert soup(page).select_one("#booking-saved") is not None
    # The link's own token (signed with the second it was made, so one made now may differ) opens this booking.
    token = response["Location"].removeprefix("/book/call/").split("/")[0]
    assert services.booking_for_token(token=token) == Booking.objects.get()
    assert Booking.objects.get().start == slot.start


@pytest.mark.django_db
def test_a_time_just_taken_says_so_next_to_the_list_never_a_500(client, initial_content, team_hours):
    slot = first_free()
    services.book(request=CallBackRequestFactory(), start=slot.start, base_url=BASE)
    response = client.post(choose_url(CallBackRequestFactory()), {"time": slot.value})
    assert response.status_code == 200
    error = soup(response).select_one("#time-error")
    assert "just taken" in text(error)
    assert soup(response).select_one("input[name=time]")["aria-describedby"] == "time-error"


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["", "nonsense", "99999999999999999999", "0"])
def test_no_time_or_nonsense_is_an_error_message(client, initial_content, team_hours, value):
    response = client.post(choose_url(CallBackRequestFactory()), {"time": value})
    assert response.status_code == 200 and soup(response).select_one("#time-error") is not None
    assert Booking.objects.count() == 0


@pytest.mark.django_db
def test_the_honeypot_books_nothing(client, initial_content, team_hours):
    entry = CallBackRequestFactory()
    response = client.post(choose_url(entry), {"time": first_free().value, "website": "http://spam"})
    assert response.status_code == 302 and Booking.objects.count() == 0


@pytest.mark.django_db
def test_bookings_count_against_the_intake_rate_limit(client, initial_content, team_hours, settings):
    settings.WAITLIST_RATE_LIMIT = "1/10m"
    client.post(choose_url(CallBackRequestFactory()), {"time": first_free(0).value})
    assert client.post(choose_url(CallBackRequestFactory()), {"time": first_free(1).value}).status_code == 429
    assert Booking.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["nonsense", "a" * 40])
def test_a_broken_link_says_so(client, initial_content, token):
    assert client.get(f"/book/{token}/").status_code == 400
    assert client.get(f"/book/call/{token}/").status_code == 400
    assert client.get(f"/es/book/call/{token}/").status_code == 400


@pytest.mark.django_db
def test_a_closed_request_cannot_book(client, initial_content, team_hours):
    entry = CallBackRequestFactory(status=IntakeRequest.Status.WITHDRAWN)
    assert client.get(choose_url(entry)).status_code == 400


@pytest.mark.django_db
def test_the_call_page_moves_and_cancels_the_call(client, initial_content, team_hours):
    mine = first_free(0)
    booking = services.book(request=CallBackRequestFactory(), start=mine.start, base_url=BASE)
    url = f"/book/call/{services.booking_token(booking=booking)}/"
    page = soup(client.get(url))
    offered = {radio["value"] for radio in page.select("input[name=time]")}
    assert mine.value not in offered and first_free(0).value in offered
    new = first_free(1)
    moved = client.post(url, {"action": "reschedule", "time": new.value})
    assert moved.status_code == 302
    new_booking = Booking.objects.get(status="booked")
    assert new_booking.start == new.start
    old_link = client.get(url)  # an older email's link opens the call at its new time
    assert old_link.status_code == 302 and old_link["Location"].startswith("/book/call/")
    response = client.post(moved["Location"].split("?")[0], {"action": "cancel"})
    assert response.status_code == 302
    assert not Booking.objects.filter(status="booked").exists()
    assert booking.start in {slot.start for slot in selectors.free_times()}


@pytest.mark.django_db
def test_booking_works_with_redis_and_the_mail_server_down(client, initial_content, team_hours, settings):
    from tests.clinic_site.test_resilience_cache import use_redis_at
    from tests.faults import closed_port

    use_redis_at(settings, f"redis://127.0.0.1:{closed_port()}/0")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    entry = CallBackRequestFactory(email="ana@example.org")
    assert client.get(choose_url(entry)).status_code == 200
    response = client.post(choose_url(entry), {"time": first_free().value})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert OutgoingEmail.objects.filter(purpose="booking.confirmation", status="pending").count() == 1


# --- the coordinators' agenda ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_agenda_lists_the_day_s_calls_and_records_outcomes_in_the_contact_log(coordinator, team_hours):
    entry = CallBackRequestFactory(first_name="Zora", last_name="Quill")
    booking = services.book(request=entry, start=first_free().start, base_url=BASE)
    day = timezone.localtime(booking.start).date()
    page = coordinator.get(f"/admin/booking/booking/?day={day:%Y-%m-%d}")
    assert page.status_code == 200
    row = soup(page).select_one("#agenda tbody tr")
    assert "Zora Quill" in text(row)
    assert AccessEntry.objects.filter(action="view", object_id=str(entry.pk)).exists()
    response = coordinator.post(f"/admin/booking/booking/{booking.pk}/outcome/", {"outcome": "no_answer"})
    assert response.status_code == 302
    line = ContactAttempt.objects.get(request=entry)
    assert line.outcome == "no_answer" and "no answer" in line.note
    assert AccessEntry.objects.filter(action="contact_entry", object_id=str(entry.pk)).exists()
    empty = coordinator.get(f"/admin/booking/booking/?day={day + timedelta(days=1):%Y-%m-%d}")
    assert "Zora" not in empty.content.decode()


@pytest.mark.django_db
def test_coordinators_edit_the_hours_and_editors_cannot(coordinator, editor):
    assert coordinator.get("/admin/booking/availabilityrule/add/").status_code == 200
    assert editor.get("/admin/booking/availabilityrule/add/").status_code == 403
    assert editor.get("/admin/booking/booking/").status_code == 403


@pytest.mark.django_db
def test_deleting_the_request_takes_its_bookings_and_their_emails(team_hours):
    entry = CallBackRequestFactory(email="ana@example.org")
    booking = services.book(request=entry, start=first_free().start, base_url=BASE)
    services.cancel(booking=booking, base_url=BASE)
    services.book(request=entry, start=first_free().start, base_url=BASE)
    assert OutgoingEmail.objects.filter(purpose__startswith="booking.").count() == 3
    entry.delete()
    assert Booking.objects.count() == 0
    assert not OutgoingEmail.objects.filter(purpose__startswith="booking.").exists()


@pytest.mark.django_db
def test_in_spanish_the_pages_and_emails_speak_spanish(client, initial_content, team_hours):
    entry = CallBackRequestFactory(language="es", email="ana@example.org")
    page = soup(client.get(choose_url(entry, "/es")))
    assert text(page.select_one("h1")) == "Elija una hora para nuestra llamada"
    assert text(page.select_one("legend")).startswith("Horas del ")
    response = client.post(choose_url(entry, "/es"), {"time": first_free().value})
    assert response["Location"].startswith("/es/book/call/")
    assert "Gracias" in text(soup(client.get(response["Location"])).select_one("#booking-saved"))
    email = OutgoingEmail.objects.get(purpose="booking.confirmation")
    assert email.subject.startswith("Su llamada con") and "/es/book/call/" in email.body


@pytest.mark.django_db
def test_both_links_are_masked_in_logs(team_hours):
    from clinic_site.log_privacy import mask_credentials

    entry = CallBackRequestFactory()
    booking = services.book(request=entry, start=first_free().start, base_url=BASE)
    request_token, booking_token = services.request_token(request=entry), services.booking_token(booking=booking)
    choose = reverse("booking:choose", args=[request_token])  # booking_path, with the token held here
    for path, token in ((choose, request_token), (f"/es/book/call/{booking_token}/", booking_token)):
        masked = mask_credentials(f'"GET {path} HTTP/1.1" 200')
        assert token not in masked
        assert "/book/" in masked
