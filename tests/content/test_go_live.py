"""The go-live checklist: shipped placeholders are reported by `check --deploy` and on the admin home."""

from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse

from clinic.models import ClinicDetails, VisitPage
from content.go_live import go_live_issues
from financing.models import FinancingPlan
from staff.roles import CONTENT_EDITORS, INTAKE_COORDINATORS
from tests.go_live import enter_real_details
from tests.markup import soup, text
from treatments.models import FirstVisitSection

pytestmark = pytest.mark.django_db


def issue_ids():
    return Counter(issue.id for issue in go_live_issues())


def test_every_shipped_placeholder_is_reported(initial_content):
    issues = go_live_issues()
    assert {issue.level for issue in issues} == {30}  # warnings: `check --deploy --fail-level WARNING` fails
    assert issue_ids() == {
        "clinic.W002": 3,  # phone 555-0100, hello@example.com, street address PLACEHOLDER
        "clinic.W004": 1,  # no postal code
        "clinic.W005": 1,  # the example opening hours, not confirmed as real
        "clinic.W006": 4,  # the Visit us page's parking, transit, entrance and step-free access PLACEHOLDERs
        "financing.W001": 4,  # the four fixed-payment plans have no APR and no confirmed minimum purchase
        "financing.W002": 3,  # prequalify and apply links, and the clinic's CareCredit link, are public pages
        "treatments.W001": 8,  # first-visit topics the brief has no facts for
        "treatments.W003": 4,  # no treatment ships a price decision: patients read "ask us" until staff choose
        "team.W001": 1,  # the one provider profile shipped is a placeholder: the brief names nobody
    }
    messages = [issue.msg for issue in issues]
    assert "Clinic phone “(619) 555-0100” is a placeholder: 555-0100 to 555-0199 are numbers reserved for fiction." in (
        messages
    )
    assert "Clinic email “hello@example.com” is a placeholder: example.com is a domain reserved for examples." in (
        messages
    )


def test_real_details_leave_nothing_to_report(initial_content):
    enter_real_details()
    assert go_live_issues() == []


def test_a_phone_number_that_cannot_be_dialled_is_reported(initial_content):
    enter_real_details()
    ClinicDetails.objects.update(phone="555-1234")  # as an older release could store it
    assert issue_ids() == {"clinic.W003": 1}


def test_a_plan_no_longer_offered_needs_no_apr(initial_content):
    enter_real_details()
    FinancingPlan.objects.filter(months=60).update(apr=None, is_active=False)
    assert go_live_issues() == []


def test_a_site_without_clinic_details_is_reported(empty_site):
    assert issue_ids() == {"clinic.W001": 1, "team.W003": 1}  # and no provider profile


def test_staff_see_the_checklist_on_the_admin_home_with_links_to_fix_each_item(initial_content, staff_client):
    editor = staff_client(CONTENT_EDITORS)
    checklist = soup(editor.get(reverse("admin:index"))).find("section", class_="go-live")
    assert text(checklist.h2) == "Before the site goes live: 29 things to set"
    clinic_url = reverse("admin:clinic_clinicdetails_change", args=[ClinicDetails.objects.get().pk])
    links = {text(link): link["href"] for link in checklist.find_all("a")}
    assert links["Clinic postal code is empty."] == clinic_url
    assert len(checklist.find_all("li")) == 29
    bring = FirstVisitSection.objects.get(treatment__slug="spravato", topic="what_to_bring")
    placeholder = "First visit section “Spravato: What to bring” is a placeholder, so patients do not see this topic."
    assert links[placeholder] == reverse("admin:treatments_firstvisitsection_change", args=[bring.pk])
    visit_url = reverse("admin:clinic_visitpage_change", args=[VisitPage.objects.get().pk])
    assert links["Visit us page: parking is a placeholder, so the page leaves it out."] == visit_url
    enter_real_details()
    assert soup(editor.get(reverse("admin:index"))).find("section", class_="go-live") is None


def test_intake_coordinators_who_cannot_fix_it_are_not_shown_the_checklist(initial_content, staff_client):
    coordinator = staff_client(INTAKE_COORDINATORS)
    page = soup(coordinator.get(reverse("admin:index")))
    assert page.find(id="content-main") and page.find("section", class_="go-live") is None


def test_the_public_never_sees_the_checklist(initial_content):
    response = Client().get(reverse("admin:index"))
    assert response.status_code == 302 and "go-live" not in response.content.decode()


def test_a_plan_without_its_minimum_purchase_is_reported_as_the_estimator_leaves_it_out(initial_content):
    enter_real_details()
    plan = FinancingPlan.objects.filter(kind=FinancingPlan.Kind.FIXED_APR, is_active=True).first()
    FinancingPlan.objects.filter(pk=plan.pk).update(minimum_purchase=None)
    (issue,) = go_live_issues()
    assert issue.id == "financing.W001" and "has no minimum purchase" in issue.msg
