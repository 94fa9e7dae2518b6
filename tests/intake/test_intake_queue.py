"""The coordinators' queue in admin: both kinds together, click-to-call, the contact log, the dashboard, roles."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from intake import selectors
from intake.models import ContactAttempt, IntakeRequest
from staff.roles import CONTENT_EDITORS
from tests.factories import CallBackRequestFactory, IntakeRequestFactory, TreatmentFactory
from tests.markup import hrefs, soup, text

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:waitlist_intakerequest_changelist")


def change_url(entry):
    return reverse("admin:waitlist_intakerequest_change", args=[entry.pk])


def rows(response):
    return soup(response).select("#result_list tbody tr")


def test_one_queue_shows_both_kinds_oldest_first_with_links_to_call_and_write(coordinator):
    CallBackRequestFactory(first_name="Newer", phone="+16195550142", email="")
    older = IntakeRequestFactory(first_name="Older", email="older@example.com")
    IntakeRequest.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=3))
    listed = rows(coordinator.get(QUEUE))
    assert [text(row.select_one(".field-name")).split()[0] for row in listed] == ["Older", "Newer"]
    call_back = listed[1]
    assert text(call_back.select_one(".field-kind")) == "Call back"
    phone = call_back.select_one(".field-phone_link a")
    assert phone["href"] == "tel:+16195550142" and text(phone) == "(619) 555-0142"
    assert text(call_back.select_one(".field-email_link")) == "—"
    assert hrefs(listed[0].select_one(".field-email_link")) == ["mailto:older@example.com"]
    assert (
        listed[0]
        .select_one(".field-waiting_since time")["datetime"]
        .startswith((timezone.localtime() - timedelta(days=3)).date().isoformat())
    )


def test_filters_by_kind_status_age_and_published_treatment_only(coordinator):
    TreatmentFactory(name="Secret draft", is_published=False)
    call_back = CallBackRequestFactory()
    waiting = IntakeRequestFactory()
    IntakeRequest.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - timedelta(days=10))
    page = coordinator.get(QUEUE)
    assert "Secret draft" not in text(soup(page).select_one("#changelist-filter"))
    assert list(coordinator.get(QUEUE + "?kind__exact=call_back").context["cl"].result_list) == [call_back]
    assert list(coordinator.get(QUEUE + "?waiting=2d").context["cl"].result_list) == [waiting]
    assert list(coordinator.get(QUEUE + "?waiting=today").context["cl"].result_list) == [call_back]
    by_treatment = coordinator.get(QUEUE + f"?treatment__id__exact={call_back.treatment_id}")
    assert list(by_treatment.context["cl"].result_list) == [call_back]


def test_the_treatment_link_leads_to_the_public_page_not_a_forbidden_admin_page(coordinator):
    entry = CallBackRequestFactory()
    page = soup(coordinator.get(change_url(entry)))
    links = hrefs(page.select_one(".field-treatment_page"))
    assert links == [entry.treatment.get_absolute_url()]
    assert not [link for link in hrefs(page) if "/treatments/treatment/" in link]


def test_the_change_form_has_click_to_call_and_asks_no_payment_for_a_call_back(coordinator):
    entry = CallBackRequestFactory(phone="+16195550142", email="pat@example.com")
    page = soup(coordinator.get(change_url(entry)))
    assert hrefs(page.select_one(".field-call_or_write")) == ["tel:+16195550142", "mailto:pat@example.com"]
    assert "(619) 555-0142" in text(page.select_one(".field-call_or_write"))
    assert not page.select_one(".field-insurance")
    waitlist = soup(coordinator.get(change_url(IntakeRequestFactory())))
    assert waitlist.select_one(".field-insurance")


def test_coordinators_log_contact_attempts_signed_and_dated_newest_first(coordinator):
    entry = CallBackRequestFactory()
    ContactAttempt.objects.create(request=entry, outcome="no_answer", made_at=timezone.now() - timedelta(days=1))
    data = {
        "first_name": entry.first_name, "last_name": entry.last_name, "email": entry.email, "phone": entry.phone,
        "preferred_contact": "phone", "best_time": "any", "insurance": "", "referral": "", "status": "contacted",
        "contact_attempts-TOTAL_FORMS": "2", "contact_attempts-INITIAL_FORMS": "1",
        "contact_attempts-MIN_NUM_FORMS": "0", "contact_attempts-MAX_NUM_FORMS": "1000",
        "contact_attempts-0-id": entry.contact_attempts.get().pk, "contact_attempts-0-request": entry.pk,
        "contact_attempts-1-request": entry.pk, "contact_attempts-1-outcome": "voicemail",
        "contact_attempts-1-note": "Said we would try Friday",
    }  # fmt: skip
    response = coordinator.post(change_url(entry), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    newest, oldest = entry.contact_attempts.all()
    assert (newest.outcome, newest.note, newest.made_by.username) == ("voicemail", "Said we would try Friday", "intake")
    assert oldest.outcome == "no_answer"
    assert newest.history.count() == 1
    entry.refresh_from_db()
    assert entry.status == "contacted"
    log = soup(coordinator.get(change_url(entry))).select("#contact_attempts-group tbody tr.has_original")
    assert "Left voicemail" in text(log[0]) and "No answer" in text(log[1])
    assert not soup(coordinator.get(change_url(entry))).select("input[name$='-DELETE']")  # a log line stays


def test_quick_actions_move_call_backs_to_completed(coordinator):
    entry = CallBackRequestFactory()
    response = coordinator.post(QUEUE, {"action": "mark_completed", "_selected_action": [entry.pk]}, follow=True)
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.status == "completed" and not entry.is_active


def test_a_request_the_patient_withdrew_says_so(coordinator):
    entry = CallBackRequestFactory(status="withdrawn", withdrawn_at=timezone.now())
    field = soup(coordinator.get(change_url(entry))).select_one(".field-withdrawn")
    assert "Yes, with their own link" in text(field)


def test_coordinators_see_the_dashboard_on_the_admin_index(coordinator):
    CallBackRequestFactory()
    old = IntakeRequestFactory()
    IntakeRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=6))
    ContactAttempt.objects.create(request=old, outcome="spoke")
    ContactAttempt.objects.create(request=old, outcome="scheduled")
    dashboard = soup(coordinator.get(reverse("admin:index"))).select_one(".intake-dashboard")
    assert text(dashboard.select_one(".intake-new-today")) == "1"
    assert text(dashboard.select_one(".intake-waiting")) == "1"
    assert text(dashboard.select_one(".intake-contacted")) == "1"


def test_working_days_skip_the_weekend():
    monday = timezone.make_aware(datetime(2026, 11, 23, 10, 0))
    assert selectors.working_days_ago(days=2, now=monday).date().isoformat() == "2026-11-19"  # Thursday


def test_content_editors_cannot_see_requests_or_the_dashboard(staff_client):
    entry = CallBackRequestFactory()
    editor = staff_client(CONTENT_EDITORS)
    assert editor.get(QUEUE).status_code == 403
    assert editor.get(change_url(entry)).status_code == 403
    index = editor.get(reverse("admin:index"))
    assert index.status_code == 200 and not soup(index).select_one(".intake-dashboard")


def test_coordinators_cannot_change_site_content(coordinator):
    for name in ("admin:treatments_treatment_changelist", "admin:sitetext_sitetext_changelist"):
        assert coordinator.get(reverse(name)).status_code == 403


def test_coordinators_see_each_requests_language_and_filter_by_it(coordinator):
    english = IntakeRequestFactory(first_name="Avery")
    spanish = CallBackRequestFactory(first_name="Beatriz", language="es")
    listed = {text(row.select_one(".field-name")).split()[0]: row for row in rows(coordinator.get(QUEUE))}
    assert text(listed["Avery"].select_one(".field-language")) == "English"
    assert text(listed["Beatriz"].select_one(".field-language")) == "Español"
    assert list(coordinator.get(QUEUE + "?language__exact=es").context["cl"].result_list) == [spanish]
    assert list(coordinator.get(QUEUE + "?language__exact=en").context["cl"].result_list) == [english]
    assert "Español" in text(soup(coordinator.get(change_url(spanish))).select_one(".field-language"))
