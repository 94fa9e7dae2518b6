"""`load_initial_content` (run by `make run` and `make serve`) creates what is missing and nothing else."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from clinic.models import LegalPage, MenuLink

pytestmark = pytest.mark.django_db

CONTENT_APPS = ["clinic", "treatments", "financing"]


def content_counts():
    return {
        model._meta.label: model.objects.count()
        for app in CONTENT_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    }


def test_running_it_twice_duplicates_nothing(initial_content):
    first = content_counts()
    assert first["clinic.ClinicDetails"] == 1 and first["clinic.LegalPage"] == 4
    output = io.StringIO()
    call_command("load_initial_content", stdout=output)
    assert content_counts() == first
    assert "0 new record(s)" in output.getvalue()


def test_it_never_overwrites_staff_edits(initial_content):
    LegalPage.objects.filter(kind="privacy").update(title="Our privacy promise")
    call_command("load_initial_content", stdout=io.StringIO())
    assert LegalPage.objects.get(kind="privacy").title == "Our privacy promise"


def test_it_restores_a_record_that_staff_deleted(initial_content):
    MenuLink.objects.filter(page=MenuLink.Page.FINANCING).delete()
    call_command("load_initial_content", stdout=io.StringIO())
    assert MenuLink.objects.filter(page=MenuLink.Page.FINANCING).count() == 1
