"""A request the patient withdrew with their own link stays withdrawn: staff cannot reopen it by the change form,
the queue's actions, the service or the database. A request staff marked withdrawn can still be reopened."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from intake import services
from intake.models import IntakeRequest
from tests.factories import CallBackRequestFactory, IntakeRequestFactory
from tests.markup import soup, text

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:waitlist_intakerequest_changelist")
STAYS = "This request stays withdrawn: the patient took it off the list themselves, with the link in their email."


def withdrawn_by_the_patient(factory=IntakeRequestFactory):
    entry = factory()
    return services.withdraw(entry=entry, base_url="http://clinic.test")


def change_form_data(entry, status):
    return {
        "status": status, "first_name": entry.first_name, "last_name": entry.last_name, "email": entry.email,
        "phone": entry.phone, "preferred_contact": entry.preferred_contact, "best_time": entry.best_time,
        "insurance": entry.insurance, "referral": entry.referral,
        "contact_attempts-TOTAL_FORMS": "0", "contact_attempts-INITIAL_FORMS": "0",
        "contact_attempts-MIN_NUM_FORMS": "0", "contact_attempts-MAX_NUM_FORMS": "1000",
    }  # fmt: skip


@pytest.mark.parametrize("status", ["new", "contacted", "declined"])
def test_the_change_form_says_why_a_patient_s_withdrawal_cannot_be_changed(coordinator, status):
    entry = withdrawn_by_the_patient()
    url = reverse("admin:waitlist_intakerequest_change", args=[entry.pk])
    page = soup(coordinator.get(url))
    assert text(page.select_one(".field-withdrawn .readonly")).endswith("It stays withdrawn.")
    response = coordinator.post(url, change_form_data(entry, status))
    assert response.status_code == 200
    assert text(soup(response).select_one(".field-status .errorlist")).startswith(STAYS)
    entry.refresh_from_db()
    assert entry.status == "withdrawn" and entry.history.count() == 2


def test_the_queue_s_actions_leave_a_patient_s_withdrawal_as_it_is_and_say_so(coordinator):
    mine = withdrawn_by_the_patient(CallBackRequestFactory)
    staff_withdrawn = CallBackRequestFactory(status="withdrawn")  # the patient phoned; staff closed it
    response = coordinator.post(
        QUEUE + "?list=all",
        {"action": "mark_contacted", "_selected_action": [mine.pk, staff_withdrawn.pk]},
        follow=True,
    )
    messages = [text(item) for item in soup(response).select(".messagelist li")]
    assert messages == [
        "Marked 1 requests as contacted.",
        "1 requests stay withdrawn: the patient took them off the list themselves, with the link in their email. "
        "If they want to hear from us again, they can ask again on the website.",
    ]
    assert IntakeRequest.objects.get(pk=mine.pk).status == "withdrawn"
    assert IntakeRequest.objects.get(pk=staff_withdrawn.pk).status == "contacted"


def test_the_service_and_the_database_refuse_it_too():
    entry = withdrawn_by_the_patient()
    assert services.set_status(entries=[entry], status="new") == services.StatusChanges(0, 0, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        IntakeRequest.objects.filter(pk=entry.pk).update(status="new")
    with pytest.raises(IntegrityError), transaction.atomic():
        IntakeRequestFactory(status="contacted", withdrawn_at=timezone.now())
    assert IntakeRequest.objects.get(pk=entry.pk).status == "withdrawn"


def test_staff_can_reopen_a_request_they_closed_themselves(coordinator):
    entry = IntakeRequestFactory(status="withdrawn")
    url = reverse("admin:waitlist_intakerequest_change", args=[entry.pk])
    assert coordinator.post(url, change_form_data(entry, "new")).status_code == 302
    entry.refresh_from_db()
    assert entry.status == "new"
