"""Patients' forms drawn by Django's own rendering (clinic_site/form_rendering.py, templates/forms/field.html):
every input named by its label, its help and errors tied to it for screen readers, Bootstrap's classes on each kind."""

import pytest
from django.template.loader import render_to_string

from intake.forms import WaitlistForm
from tests.markup import soup, text

pytestmark = pytest.mark.django_db

RADIO_GROUPS = ["preferred_contact", "best_time", "insurance"]


def drawn(form):
    return soup(render_to_string("intake/includes/intake_fields.html", {"form": form}))


def test_every_input_is_named_by_its_label_or_its_legend(initial_content):
    page = drawn(WaitlistForm())
    for field in page.select("input:not([type=submit]), select"):
        label = page.find("label", attrs={"for": field["id"]})
        assert label is not None and text(label), field["name"]
    for name in RADIO_GROUPS:
        group = page.find("input", attrs={"name": name}).find_parent("fieldset")
        assert text(group.find("legend")) and len(group.select(f"input[type=radio][name={name}]")) >= 3


def test_each_kind_of_input_has_bootstraps_class_and_none_is_invalid_yet(initial_content):
    page = drawn(WaitlistForm())
    assert "form-control" in page.find(attrs={"name": "email"})["class"]
    assert "form-select" in page.find(attrs={"name": "referral"})["class"]
    assert "form-check-input" in page.find(attrs={"name": "is_adult"})["class"]
    assert "form-check-input" in page.find(attrs={"name": "insurance"})["class"]
    assert page.select(".is-invalid, [aria-invalid], .invalid-feedback") == []
    phone = page.find(attrs={"name": "phone"})
    assert text(page.find(id=phone["aria-describedby"])) == "A US number, like (619) 555-0100."


def test_errors_are_shown_next_to_their_field_and_tied_to_it(initial_content):
    page = drawn(WaitlistForm({"first_name": "Ana", "phone": "12"}))
    first_name = page.find(attrs={"name": "first_name"})
    assert "is-invalid" not in first_name["class"] and not first_name.get("aria-describedby")
    phone = page.find(attrs={"name": "phone"})
    assert phone["aria-invalid"] == "true" and "is-invalid" in phone["class"]
    help_id, error_id = phone["aria-describedby"].split()
    assert text(page.find(id=help_id)).startswith("A US number")
    assert "area code" in text(page.find(id=error_id))
    for name in RADIO_GROUPS:  # a group's error is tied to its fieldset, which screen readers announce with it
        group = page.find("input", attrs={"name": name}).find_parent("fieldset")
        error = page.find(id=group["aria-describedby"])
        assert error is not None and "invalid-feedback" in error["class"] and text(error), name
        assert all(radio["aria-invalid"] == "true" for radio in group.select("input[type=radio]"))


def test_a_choice_made_is_drawn_chosen(initial_content):
    page = drawn(WaitlistForm({"insurance": "medicare", "referral": "doctor"}))
    assert page.find("input", attrs={"name": "insurance", "checked": True})["value"] == "medicare"
    assert page.select_one("select[name=referral] option[selected]")["value"] == "doctor"
