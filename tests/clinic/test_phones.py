"""Phone numbers, one way everywhere: dialable or refused, stored in E.164, shown in one national format."""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clinic.models import ClinicDetails
from phones import numbers as phones
from staff.roles import CONTENT_EDITORS
from tests.markup import soup, text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("(619) 555-0100", "+16195550100"), ("619.555.0199", "+16195550199"), ("+1 858 555 2368", "+18585552368"),
     ("+44 20 7946 0958", "+442079460958")],
)  # fmt: skip
def test_numbers_are_read_as_typed_and_stored_in_e164(typed, stored):
    assert phones.to_e164(phones.parse_phone(typed)) == stored


@pytest.mark.parametrize("typed", ["555-1234", "(123) 456-7890", "619-555-01000", "619-555", "call me", ""])
def test_numbers_that_cannot_be_dialled_are_refused_with_a_clear_message(typed):
    with pytest.raises(ValidationError) as refused:
        phones.parse_phone(typed)
    assert refused.value.messages == ["Please enter a phone number with area code, like (619) 555-0100."]


@pytest.mark.parametrize(
    ("stored", "shown"),
    [("+16195550123", "(619) 555-0123"), ("+18585550199", "(858) 555-0199"), ("+442079460958", "+44 20 7946 0958"),
     ("", ""), ("not a number", "not a number")],
)  # fmt: skip
def test_one_national_format_for_people(stored, shown):
    assert phones.format_national(stored) == shown


@pytest.mark.parametrize(
    ("number", "fictional"),
    [("+16195550100", True), ("+16195550199", True), ("+16195550200", False), ("+16195550099", False),
     ("+18585552368", False), ("+442079460100", False)],
)  # fmt: skip
def test_the_numbers_reserved_for_fiction_are_recognised(number, fictional):
    assert phones.is_fictional(number) is fictional
    assert phones.is_dialable(number)  # reserved, but well-formed: the go-live checklist reports them


def test_the_clinic_phone_is_stored_in_e164_however_code_saves_it(initial_content):
    clinic = ClinicDetails.objects.get()
    clinic.phone = "(858) 555-2368"
    clinic.save()
    assert ClinicDetails.objects.get().phone == "+18585552368"
    assert clinic.phone_display == "(858) 555-2368" and clinic.phone_e164 == "+18585552368"


def test_the_clinic_phone_is_shown_as_it_is_now_after_it_was_shown_before(initial_content):
    clinic = ClinicDetails.objects.get()
    before = (clinic.phone_display, clinic.phone_e164)  # read once, as a page reads it half a dozen times
    clinic.phone = "+18585552368"
    assert (clinic.phone_display, clinic.phone_e164) == ("(858) 555-2368", "+18585552368") != before


def clinic_form_data(clinic, **changes):
    fields = ["name", "short_description", "phone", "email", "street_address", "city", "region", "postal_code"]
    data = {field: getattr(clinic, field) for field in fields}
    data.update(map_url=clinic.map_url, carecredit_url=clinic.carecredit_url)
    for inline in ("opening_hours", "closed_days"):  # the hours and closed days inlines, left as they are
        data.update({f"{inline}-TOTAL_FORMS": "0", f"{inline}-INITIAL_FORMS": "0"})
    return {**data, **changes}


def test_the_admin_refuses_a_number_that_cannot_be_dialled_next_to_the_field(initial_content, staff_client):
    editor = staff_client(CONTENT_EDITORS)
    clinic = ClinicDetails.objects.get()
    url = reverse("admin:clinic_clinicdetails_change", args=[clinic.pk])
    response = editor.post(url, clinic_form_data(clinic, phone="555-1234"))
    assert response.status_code == 200
    field_errors = soup(response).select(".field-phone .errorlist li")
    assert [text(error) for error in field_errors] == [
        "Please enter a phone number with area code, like (619) 555-0100."
    ]
    assert ClinicDetails.objects.get().phone == "+16195550100"


def test_the_admin_shows_the_stored_number_nationally_and_stores_what_is_typed_in_e164(initial_content, staff_client):
    editor = staff_client(CONTENT_EDITORS)
    clinic = ClinicDetails.objects.get()
    url = reverse("admin:clinic_clinicdetails_change", args=[clinic.pk])
    assert soup(editor.get(url)).find("input", attrs={"name": "phone"})["value"] == "(619) 555-0100"
    response = editor.post(url, clinic_form_data(clinic, phone="858.555.2368"))
    assert response.status_code == 302
    assert ClinicDetails.objects.get().phone == "+18585552368"


def test_the_data_migration_stores_an_existing_national_number_in_e164(initial_content):
    from django.apps import apps

    migration = importlib.import_module("clinic.migrations.0003_clinic_phone_e164")
    ClinicDetails.objects.update(phone="(619) 555-0142")  # as the old field kept it (bulk update: no conversion)
    migration.phones_to_e164(apps, schema_editor=None)
    assert ClinicDetails.objects.get().phone == "+16195550142"
    ClinicDetails.objects.update(phone="555-1234")  # cannot be dialled: kept for the go-live check to report
    migration.phones_to_e164(apps, schema_editor=None)
    assert ClinicDetails.objects.get().phone == "555-1234"
