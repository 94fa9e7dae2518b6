"""What the admin keeps of a form's unsaved input (staff.unsaved_input): every admin page loads the warning before
leaving a changed form; only the change forms of public content carry the offer of input kept in the browser tab,
never a form holding what patients sent or a staff account."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.urls import reverse

from clinic.models import ClinicDetails
from content.registry import content_models
from intake.models import ContactAttempt, IntakeRequest
from staff import unsaved_input
from staff.roles import CONTENT_EDITORS, INTAKE_COORDINATORS
from tests.factories import IntakeRequestFactory
from tests.markup import soup, text
from treatments.models import Faq, Treatment

pytestmark = pytest.mark.django_db
SCRIPT = "/static/js/admin-unsaved-changes.js"


def scripts(page):
    return [script.get("src") for script in page.find_all("script")]


def test_only_content_models_may_be_kept_in_the_browser():
    kept = {model for model in admin.site._registry if unsaved_input.may_keep_in_browser(model)}
    assert kept == set(content_models()) & set(admin.site._registry)
    assert {Treatment, Faq, ClinicDetails} <= kept
    assert not kept & {IntakeRequest, ContactAttempt, User}
    assert all(model._meta.app_label not in {"waitlist", "auth", "access_record"} for model in kept)


def test_a_content_change_form_carries_the_offer_for_its_own_form_and_staff_member(initial_content, staff_client):
    editor = staff_client(CONTENT_EDITORS)
    treatment = Treatment.objects.get(slug="iv-ketamine-infusion")
    page = soup(editor.get(reverse("admin:treatments_treatment_change", args=[treatment.pk])))
    offer = page.select_one("section#unsaved-input")
    assert offer.has_attr("hidden")  # until the script finds input kept in the tab
    assert page.select_one(f"form#{offer['data-form']}")["method"] == "post"
    user = User.objects.get(username="content")
    assert offer["data-key"] == f"clinic-unsaved-input:{user.pk}:"
    assert text(page.select_one(f"#{offer['aria-labelledby']}")).startswith("You have unsaved changes from")
    assert [text(button) for button in offer.select("button[type=button]")] == ["Restore them", "Discard them"]
    assert page.select_one("#unsaved-input-said")["role"] == "status"
    assert page.select_one("main").select_one("#unsaved-input")  # read where the admin's messages are
    assert SCRIPT in scripts(page) and all(scripts(page))
    assert scripts(page).index(SCRIPT) < scripts(page).index("/static/js/admin-idle-warning.js")
    assert not page.find_all("style") and not page.select("[style]")
    assert finders.find("js/admin-unsaved-changes.js") and finders.find("css/admin-unsaved-changes.css")
    add_page = soup(editor.get(reverse("admin:treatments_faq_add")))
    assert add_page.select_one("section#unsaved-input")["data-form"] == "faq_form"


def test_patient_and_staff_forms_warn_but_are_never_kept(staff_client):
    coordinator = staff_client(INTAKE_COORDINATORS)
    request = IntakeRequestFactory()
    boss = staff_client(superuser=True)
    pages = [
        soup(coordinator.get(reverse("admin:waitlist_intakerequest_change", args=[request.pk]))),
        soup(coordinator.get(reverse("admin:waitlist_intakerequest_changelist"))),
        soup(boss.get(reverse("admin:auth_user_change", args=[User.objects.get(username="boss").pk]))),
        soup(boss.get(reverse("admin:index"))),
    ]
    for page in pages:
        assert SCRIPT in scripts(page)  # the warning before leaving a changed form
        assert not page.select("#unsaved-input, #unsaved-input-said, [data-key]")
    assert pages[0].select_one("form#intakerequest_form")  # a change form, with nothing to keep it by


def test_the_login_page_has_neither(client):
    page = soup(client.get(reverse("admin:login")))
    assert SCRIPT not in scripts(page) and not page.select("#unsaved-input")
