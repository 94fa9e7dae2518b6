"""The queue without rough edges (issue 22.9), fast: a phone number found however it is written, "New today" as
requests received today (clinic time) not yet contacted, a CSV Excel reads (byte-order mark, language column), and
a text-message link only for people who agreed to texts."""

import codecs
import csv
import importlib
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from access_record.models import AccessEntry
from intake import matching, selectors
from intake.models import ContactAttempt, IntakeRequest
from tests.factories import CallBackRequestFactory, IntakeRequestFactory
from tests.markup import accessible_name, hrefs, soup, text

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:waitlist_intakerequest_changelist")


def change_url(entry):
    return reverse("admin:waitlist_intakerequest_change", args=[entry.pk])


def found(client, term):
    return list(client.get(QUEUE, {"q": term, "list": "all"}).context["cl"].result_list)


# --- phone search -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "tail"),
    [("555-0177", "5550177"), ("5550177", "5550177"), ("555 0177", "5550177"), (" 555.0177 ", "5550177"),
     ("0177", "0177"), ("(0177)", "0177"), ("555-01", ""), ("55501770", ""), ("016", ""), ("0177 Ana", ""),
     ("0177#", ""), ("", ""), ("٠١٧٧", "")],
)  # fmt: skip
def test_the_end_of_a_number_is_its_last_seven_or_four_digits_however_written(written, tail):
    assert matching.phone_tail(written) == tail
    assert bool(matching.phone_tail_hash(written)) == bool(tail)


def test_a_number_has_a_hash_of_its_last_seven_digits_and_one_of_its_last_four():
    hashes = matching.phone_tail_hashes("+16195550177").split()
    assert hashes == [matching.phone_tail_hash("555-0177"), matching.phone_tail_hash("0177")]
    assert all(len(value) == 64 for value in hashes)
    assert matching.phone_tail_hash("5550177") != matching.phone_tail_hash("0177")  # kept apart by their purpose
    assert matching.phone_tail_hashes("") == ""
    assert matching.phone_tail_hashes("+442079460958").split()[1] == matching.phone_tail_hash("0958")


@pytest.mark.parametrize(
    "term",
    ["555-0177", "5550177", "(619) 555-0177", "+1 619 555 0177", "619.555.0177", "6195550177", "1-619-555-0177",
     "555 0177", "0177", "Ana 555-0177", "ramirez 0177"],
)  # fmt: skip
def test_the_queue_finds_a_phone_number_however_it_is_written(coordinator, term):
    ana = CallBackRequestFactory(first_name="Ana", last_name="Ramírez", phone="+16195550177")
    CallBackRequestFactory(first_name="Bea", last_name="Ramírez", phone="+16195550178")
    assert found(coordinator, term) == [ana]


def test_the_last_four_digits_find_everyone_whose_number_ends_so_the_last_seven_fewer(coordinator):
    ana = CallBackRequestFactory(phone="+16195550177")
    same_local_number = CallBackRequestFactory(phone="+18585550177")
    same_last_four = CallBackRequestFactory(phone="+16195560177")
    assert found(coordinator, "0177") == [ana, same_local_number, same_last_four]
    assert found(coordinator, "555-0177") == [ana, same_local_number]
    assert found(coordinator, "(619) 555-0177") == [ana]


def test_every_phone_search_is_recorded_without_the_number(coordinator):
    CallBackRequestFactory(phone="+16195550177")
    for term in ("555-0177", "0177", "555-0199"):
        coordinator.get(QUEUE, {"q": term})
    searches = AccessEntry.objects.filter(action="search").order_by("id")
    assert [entry.count for entry in searches] == [1, 1, 0]
    assert not [entry for entry in searches if "0177" in entry.search_words or "0177" in entry.detail]


def test_a_changed_number_is_found_by_its_new_ending_only(coordinator):
    entry = CallBackRequestFactory(phone="+16195550177")
    entry.phone = "+16195550999"
    entry.save(update_fields=["phone"])
    assert found(coordinator, "0177") == [] and found(coordinator, "555-0999") == [entry]


def test_the_tail_hashes_are_stored_beside_the_ciphertext_never_the_digits_and_not_in_history():
    CallBackRequestFactory(phone="+16195550177")
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, phone_tail_hashes FROM waitlist_intakerequest")
        phone, tails = cursor.fetchone()
    assert phone.startswith("gAAAAA") and tails == matching.phone_tail_hashes("+16195550177")
    assert "phone_tail_hashes" not in {field.name for field in IntakeRequest.history.model._meta.fields}


def test_the_migration_fills_the_tail_hashes_of_requests_stored_before_it(coordinator):
    ana = CallBackRequestFactory(phone="+16195550177")
    IntakeRequest.objects.update(phone_tail_hashes="")
    assert found(coordinator, "555-0177") == []
    step = importlib.import_module("intake.migrations.0011_phone_tail_hashes")
    step.fill_phone_tail_hashes(apps, None)
    assert found(coordinator, "555-0177") == [ana]


# --- New today ----------------------------------------------------------------------------------------------------


def received(at, **fields):
    entry = CallBackRequestFactory(**fields)
    IntakeRequest.objects.filter(pk=entry.pk).update(created_at=at)
    return entry


def test_new_today_counts_requests_received_today_in_san_diego_not_yet_contacted():
    now = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)  # 10:00 in San Diego (PST, UTC-8)
    received(datetime(2026, 11, 25, 8, 5, tzinfo=UTC))  # 00:05 in San Diego: today
    received(datetime(2026, 11, 25, 7, 55, tzinfo=UTC))  # 23:55 yesterday in San Diego, though today in UTC
    received(datetime(2026, 11, 25, 17, 0, tzinfo=UTC), status="contacted")  # today, contacted already
    received(datetime(2026, 11, 25, 17, 30, tzinfo=UTC), status="declined")  # today, closed
    received(datetime(2026, 11, 25, 17, 45, tzinfo=UTC))  # today
    assert selectors.coordinator_dashboard(now=now)["new_today"] == 2
    with timezone.override("UTC"):  # whatever zone is active, the day is the clinic's
        assert selectors.coordinator_dashboard(now=now)["new_today"] == 2


def test_new_today_late_in_the_evening_is_still_the_clinics_day():
    now = datetime(2026, 11, 26, 7, 30, tzinfo=UTC)  # 23:30 on the 25th in San Diego, already the 26th in UTC
    received(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))  # 01:00 on the 25th in San Diego
    received(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))  # 00:00 on the 26th in San Diego: tomorrow
    assert selectors.coordinator_dashboard(now=now)["new_today"] == 1


def test_on_the_day_the_clocks_go_back_the_clinics_day_is_25_hours_long():
    start, end = selectors.clinic_day(now=datetime(2026, 11, 1, 20, 0, tzinfo=UTC))  # Nov 1: PDT to PST at 02:00
    assert (start, end) == (datetime(2026, 11, 1, 7, 0, tzinfo=UTC), datetime(2026, 11, 2, 8, 0, tzinfo=UTC))
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=25)


def test_the_dashboards_new_today_leads_to_exactly_those_requests(coordinator):
    today = received(timezone.now())
    received(timezone.now(), status="contacted")
    received(timezone.now() - timedelta(days=2))
    dashboard = soup(coordinator.get(reverse("admin:index"))).select_one(".intake-dashboard")
    assert text(dashboard.select_one(".intake-new-today")) == "1"
    (link,) = hrefs(dashboard.select_one("tr:has(.intake-new-today) th"))
    assert list(coordinator.get(link).context["cl"].result_list) == [today]


# --- CSV ----------------------------------------------------------------------------------------------------------


def test_the_csv_opens_in_excel_with_accents_and_the_persons_language(coordinator):
    jose = IntakeRequestFactory(first_name="José", last_name="Ramírez", language="es")
    avery = CallBackRequestFactory(first_name="Avery", language="en")
    response = coordinator.post(QUEUE, {"action": "export_csv", "_selected_action": [jose.pk, avery.pk]})
    assert response.content.startswith(codecs.BOM_UTF8)
    rows = {row["Entry"]: row for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}
    assert (rows[str(jose.pk)]["First name"], rows[str(jose.pk)]["Last name"]) == ("José", "Ramírez")
    assert rows[str(jose.pk)]["Language"] == "Español"
    assert rows[str(avery.pk)]["Language"] == "English"
    exported = AccessEntry.objects.filter(action="export").values_list("object_id", flat=True)
    assert sorted(exported) == sorted([str(jose.pk), str(avery.pk)])


# --- text messages ------------------------------------------------------------------------------------------------


def test_a_text_link_only_where_the_person_agreed_to_texts_named_for_whom_and_which_number(coordinator):
    ana = CallBackRequestFactory(first_name="Ana", phone="+16195550177", sms_consent=True, email="ana@example.com")
    CallBackRequestFactory(first_name="Bea", phone="+16195550178", sms_consent=False)
    queue = {text(row.select_one(".field-name")).split()[0]: row for row in soup(coordinator.get(QUEUE)).select(
        "#result_list tbody tr"
    )}  # fmt: skip
    assert hrefs(queue["Ana"].select_one(".field-phone_link")) == ["tel:+16195550177", "sms:+16195550177"]
    assert accessible_name(queue["Ana"].select_one("a.sms-link")) == "Text Ana at (619) 555-0177"
    assert hrefs(queue["Bea"].select_one(".field-phone_link")) == ["tel:+16195550178"]
    page = soup(coordinator.get(change_url(ana)))
    contact = page.select_one(".field-call_or_write")
    assert hrefs(contact) == ["tel:+16195550177", "sms:+16195550177", "mailto:ana@example.com"]
    assert accessible_name(contact.select_one("a.sms-link")) == "Text Ana at (619) 555-0177"


# --- the contact log's markup -------------------------------------------------------------------------------------


def test_every_field_of_a_new_contact_log_line_has_a_label_and_every_column_a_heading(coordinator):
    entry = CallBackRequestFactory()
    ContactAttempt.objects.create(request=entry, outcome="no_answer")
    log = soup(coordinator.get(change_url(entry))).select_one("#contact_attempts-group")
    assert [text(heading) for heading in log.select("thead th")] == ["When", "By", "Outcome", "Note"]
    fields = log.select("tbody select, tbody textarea")
    assert {field["name"] for field in fields} == {
        f"contact_attempts-{index}-{name}" for index in ("1", "__prefix__") for name in ("outcome", "note")
    }  # the new line and the hidden one "Add another" copies; the saved line is text
    for field in fields:
        assert text(log.find("label", attrs={"for": field["id"]})) in ("Outcome", "Note")
    note = log.select_one("textarea")
    assert "health details" in text(log.find(id=note["aria-describedby"]))
    saved = log.select_one("tr.has_original")
    assert text(saved.select_one(".field-outcome")) == "No answer" and text(saved.select_one(".field-note")) == ""
