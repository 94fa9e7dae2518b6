"""Treatments names no app that builds on it: what depends on a treatment is declared by those apps."""

from django.apps import apps
from django.urls import reverse

from treatments import dependents


def test_the_intake_app_declares_the_waitlist_address_and_its_promise_to_waiting_people():
    intake = apps.get_app_config("waitlist")
    treatments = apps.get_app_config("treatments")
    rules = {rule.__module__ for rule in [*dependents._addresses, *dependents._dependents]}
    assert rules == {"treatments.services", f"{intake.name}.treatment_dependents"}
    assert f"{treatments.name}.services" in rules


def test_a_treatment_s_addresses_come_from_every_app_for_every_slug_it_has_had(spravato):
    spravato.slug_redirects.create(old_slug="esketamine")
    assert set(dependents.addresses_of(treatment=spravato)) == {
        reverse("treatments:detail", args=[slug]) for slug in ("spravato", "esketamine")
    } | {reverse("waitlist:join", args=[slug]) for slug in ("spravato", "esketamine")} | {
        reverse("treatments:first_visit", args=[slug]) for slug in ("spravato", "esketamine")
    }
