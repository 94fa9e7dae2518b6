"""Patients' forms drawn by Django's own rendering in Jinja2 (clinic_site/form_rendering.py,
clinic_site/jinja2/forms/field.html): every input named by its label, its help and errors tied to it for screen
readers, Bootstrap's classes on each kind, and every word escaped."""

import pytest

from intake.forms import PhoneForm, WaitlistForm
from tests.markup import soup, text

pytestmark = pytest.mark.django_db

RADIO_GROUPS = ["preferred_contact", "best_time", "insurance"]


def drawn(form):
    return soup(str(form))


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


def test_words_are_escaped_wherever_a_form_draws_them(initial_content):
    form = WaitlistForm(data={"email": "<b>not an email</b>"})
    form.fields["first_name"].label = "Name <i>here</i>"
    form.fields["phone"].help_text = "<script>alert(1)</script>"
    page = drawn(form)
    assert page.select("i, script, b") == []
    assert text(page.find("label", attrs={"for": "id_first_name"})) == "Name <i>here</i>"
    assert page.find(attrs={"name": "email"})["value"] == "<b>not an email</b>"
    assert "<script>alert(1)</script>" in text(page.find(id="id_phone_helptext"))


def test_a_status_form_draws_its_fields_honeypot_name_and_button(initial_content):
    page = drawn(PhoneForm())
    assert page.find("input", attrs={"name": "phone-phone"})["id"] == "id_phone-phone"
    assert page.find(attrs={"name": "phone-website"}).find_parent(class_="waitlist-hp")["aria-hidden"] == "true"
    assert page.find("input", attrs={"type": "hidden", "name": "action"})["value"] == "phone"
    assert page.find("input", attrs={"type": "submit"})["value"]
