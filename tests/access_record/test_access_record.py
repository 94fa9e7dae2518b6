"""The access record: who saw or changed which patient's record, and every staff sign-in, kept append-only."""

import csv
import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from access_record.models import AccessEntry
from access_record.services import purge_expired_entries
from jobs.registry import routine_jobs
from staff import accounts as staff_accounts
from staff.roles import INTAKE_COORDINATORS, PRIVACY_OFFICERS
from tests.factories import CallBackRequestFactory
from tests.markup import soup, text
from tests.staff.second_factor import current_code

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:waitlist_intakerequest_changelist")
RECORD = reverse("admin:access_record_accessentry_changelist")
LOGIN = reverse("admin:login")
ADDRESS = "203.0.113.7"
INTAKE = "waitlist.intakerequest"


def change_url(entry):
    return reverse("admin:waitlist_intakerequest_change", args=[entry.pk])


def entries_since(first_id):
    return list(AccessEntry.objects.filter(id__gt=first_id).order_by("id"))


def last_id():
    return AccessEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def log_a_call(client, entry):
    data = {
        "first_name": entry.first_name, "last_name": entry.last_name, "email": entry.email, "phone": entry.phone,
        "preferred_contact": "phone", "best_time": "any", "insurance": "", "referral": "", "status": "contacted",
        "contact_attempts-TOTAL_FORMS": "1", "contact_attempts-INITIAL_FORMS": "0",
        "contact_attempts-MIN_NUM_FORMS": "0", "contact_attempts-MAX_NUM_FORMS": "1000",
        "contact_attempts-0-request": entry.pk, "contact_attempts-0-outcome": "voicemail",
        "contact_attempts-0-note": "Will call Zoe again Friday",
    }  # fmt: skip
    return client.post(change_url(entry), data, REMOTE_ADDR=ADDRESS)


def test_opening_the_history_and_a_past_version_is_recorded(staff_client):
    coordinator = staff_client(INTAKE_COORDINATORS)
    entry = CallBackRequestFactory()
    start = last_id()
    history = reverse("admin:waitlist_intakerequest_history", args=[entry.pk])
    assert coordinator.get(history).status_code == 200
    version = entry.history.get().history_id
    past = reverse("admin:waitlist_intakerequest_simple_history", args=[entry.pk, version])
    assert coordinator.get(past).status_code == 200
    assert [(e.action, e.object_id, e.detail) for e in entries_since(start)] == [
        ("history_view", str(entry.pk), ""),
        ("history_view", str(entry.pk), f"version {version}"),
    ]


def test_a_status_change_from_the_queue_is_recorded_for_each_request_it_changed(staff_client):
    coordinator = staff_client(INTAKE_COORDINATORS)
    waiting, done = CallBackRequestFactory(), CallBackRequestFactory(status="completed")
    start = last_id()
    coordinator.post(QUEUE, {"action": "mark_completed", "_selected_action": [waiting.pk, done.pk], "list": "all"})
    assert [(e.action, e.object_id, e.detail) for e in entries_since(start)] == [
        ("status_change", str(waiting.pk), "new → completed")
    ]


# --- sign-ins --------------------------------------------------------------------------------------


@pytest.fixture
def enrolled():
    user = User.objects.create_user(username="coordinator", password="the-right-password-123", is_staff=True)
    return user, staff_accounts.enrol(user=user)


def test_sign_ins_and_failed_sign_ins_are_recorded_with_the_address(client, enrolled):
    user, enrolment = enrolled
    start = last_id()
    client.post(LOGIN, {"username": "coordinator", "password": "wrong", "otp_token": "123456"}, REMOTE_ADDR=ADDRESS)
    client.post(LOGIN, {"username": "nobody-here", "password": "wrong", "otp_token": "1"}, REMOTE_ADDR="198.51.100.4")
    code = current_code(enrolment.totp_device)
    response = client.post(
        LOGIN, {"username": "coordinator", "password": "the-right-password-123", "otp_token": code}, REMOTE_ADDR=ADDRESS
    )
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)
    recorded = [(e.action, e.staff_id, e.staff_username, e.address) for e in entries_since(start)]
    assert recorded == [
        ("sign_in_failed", user.pk, "coordinator", ADDRESS),
        ("sign_in_failed", None, "", "198.51.100.4"),  # an unknown name is not kept: it may be anything
        ("sign_in", user.pk, "coordinator", ADDRESS),
    ]
    assert not AccessEntry.objects.filter(detail__contains="nobody").exists()


def test_second_factor_set_up_and_reset_and_sign_out_everywhere_are_recorded(staff_client):
    user = User.objects.create_user(username="colleague", password="x-long-password-1", is_staff=True)
    start = last_id()
    call_command("enrol_staff_2fa", "colleague", stdout=io.StringIO())
    call_command("enrol_staff_2fa", "colleague", "--reset", stdout=io.StringIO())
    boss = staff_client(superuser=True)
    boss.post(
        reverse("admin:auth_user_changelist"),
        {"action": "sign_out_everywhere", "_selected_action": [user.pk]},
        REMOTE_ADDR=ADDRESS,
    )
    recorded = [(e.action, e.model, e.object_id, e.staff_username, e.address) for e in entries_since(start)]
    assert recorded == [
        ("second_factor_set_up", "auth.user", str(user.pk), "", None),  # from the server's command line
        ("second_factor_reset", "auth.user", str(user.pk), "", None),
        ("sign_in", "", "", "boss", None),  # the test client's sign-in of the superuser
        ("sign_out_everywhere", "auth.user", str(user.pk), "boss", ADDRESS),
    ]


# --- reading it ------------------------------------------------------------------------------------


@pytest.fixture
def officer(staff_client):
    return staff_client(PRIVACY_OFFICERS, username="privacy")


def test_privacy_officers_only_read_the_record_and_erase_people_who_ask(officer):
    group = Group.objects.get(name=PRIVACY_OFFICERS)
    assert sorted(group.permissions.values_list("codename", flat=True)) == ["erase_intakerequest", "view_accessentry"]
    assert officer.get(QUEUE).status_code == 403  # not the patients' records themselves


def test_by_patient_by_staff_member_and_as_csv(officer, staff_client):
    coordinator = staff_client(INTAKE_COORDINATORS)
    mine, other = CallBackRequestFactory(), CallBackRequestFactory()
    coordinator.get(change_url(mine))
    coordinator.get(change_url(other))
    log_a_call(coordinator, mine)
    about_mine = officer.get(RECORD, {"intake_request": mine.pk})
    assert {(e.action, e.object_id) for e in about_mine.context["cl"].result_list} == {
        ("view", str(mine.pk)), ("status_change", str(mine.pk)), ("contact_entry", str(mine.pk)),
    }  # fmt: skip
    assert f"Intake request {mine.pk}" in text(soup(about_mine).select_one("#changelist-filter"))
    coordinator_id = User.objects.get(username="intake").pk
    by_coordinator = officer.get(RECORD, {"staff__id__exact": coordinator_id}).context["cl"].result_list
    assert {e.staff_id for e in by_coordinator} == {coordinator_id} and len(by_coordinator) == 5  # sign-in too
    selected = [e.pk for e in about_mine.context["cl"].result_list]
    export = officer.post(RECORD, {"action": "export_csv", "_selected_action": selected})
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert [row["Action"] for row in rows] == ["view", "status_change", "contact_entry"]
    assert {row["Object id"] for row in rows} == {str(mine.pk)} and {row["Staff username"] for row in rows} == {
        "intake"
    }


def test_the_search_words_are_shown_only_on_the_entry_itself(officer, staff_client):
    coordinator = staff_client(INTAKE_COORDINATORS)
    coordinator.get(QUEUE, {"q": "Quintero"})
    search = AccessEntry.objects.get(action="search")
    assert "Quintero" not in officer.get(RECORD).content.decode()
    page = officer.get(reverse("admin:access_record_accessentry_change", args=[search.pk]))
    assert text(soup(page).select_one(".field-searched_for .readonly")) == "Quintero"


@pytest.mark.parametrize("who", ["superuser", "privacy officer"])
def test_nobody_can_add_change_or_delete_an_entry_in_admin(staff_client, who):
    client = staff_client(superuser=True) if who == "superuser" else staff_client(PRIVACY_OFFICERS)
    entry = AccessEntry.objects.earliest("id")  # the sign-in of `client`
    change = reverse("admin:access_record_accessentry_change", args=[entry.pk])
    assert client.get(reverse("admin:access_record_accessentry_add")).status_code == 403
    assert client.get(change).status_code == 200  # read-only
    assert not soup(client.get(change)).select_one("#content").select("input[type=submit], [name=_save]")
    assert client.post(change, {"action": "sign_in_failed", "detail": "x"}).status_code == 403
    assert client.get(reverse("admin:access_record_accessentry_delete", args=[entry.pk])).status_code == 403
    assert (
        client.post(reverse("admin:access_record_accessentry_delete", args=[entry.pk]), {"post": "yes"}).status_code
        == 403
    )
    actions = [option["value"] for option in soup(client.get(RECORD)).select("select[name=action] option")]
    assert actions == ["", "export_csv"]
    response = client.post(RECORD, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    assert response.status_code in (200, 302)
    entry.refresh_from_db()
    assert (entry.action, AccessEntry.objects.filter(pk=entry.pk).exists()) == ("sign_in", True)


def test_coordinators_and_editors_cannot_read_it(staff_client):
    assert staff_client(INTAKE_COORDINATORS).get(RECORD).status_code == 403


# --- retention -------------------------------------------------------------------------------------


def add_entry(*, age):
    return AccessEntry.objects.create(at=timezone.now() - age, action="view", model=INTAKE, object_id="1")


def test_the_retention_job_deletes_only_entries_over_six_years_old():
    over = add_entry(age=timedelta(days=6 * 366 + 3))
    under = add_entry(age=timedelta(days=6 * 365 - 3))
    recent = add_entry(age=timedelta(days=1))
    assert purge_expired_entries() == "Deleted 1 access record entries older than 6 years"
    assert set(AccessEntry.objects.values_list("pk", flat=True)) == {under.pk, recent.pk}
    assert not AccessEntry.objects.filter(pk=over.pk).exists()
    job = routine_jobs()["purge-access-record"]
    assert (job.function, job.every_seconds) == ("access_record.services.purge_expired_entries", 24 * 3600)


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_on_postgresql_the_table_refuses_update_and_delete_except_past_retention():
    entry = add_entry(age=timedelta(days=6 * 365 - 3))
    for statement in (
        lambda: AccessEntry.objects.filter(pk=entry.pk).update(detail="rewritten"),
        lambda: AccessEntry.objects.filter(pk=entry.pk).delete(),
        lambda: AccessEntry.objects.all().delete(),
    ):
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            statement()
    old = add_entry(age=timedelta(days=6 * 366 + 3))
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessEntry.objects.filter(pk=old.pk).update(detail="rewritten")  # old is not changeable either
    assert purge_expired_entries() == "Deleted 1 access record entries older than 6 years"
    assert list(AccessEntry.objects.values_list("pk", "detail")) == [(entry.pk, "")]


@pytest.mark.own_database
def test_settings_have_a_key_and_production_refuses_to_start_without_one():
    from tests.clinic_site.test_foundation_settings import PRODUCTION_ENV, run_django

    assert settings.ACCESS_RECORD_KEYS
    result = run_django(["manage.py", "check"], PRODUCTION_ENV, drop=("ACCESS_RECORD_KEY",))
    assert result.returncode != 0 and "ACCESS_RECORD_KEY" in result.stderr
    result = run_django(["manage.py", "check"], {**PRODUCTION_ENV, "ACCESS_RECORD_KEY": "not-a-key"})
    assert result.returncode != 0 and "Fernet keys" in result.stderr
