"""The call-back form under abuse: fuzzed bodies, the shared rate limit, and its link kept out of logs."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from clinic_site.log_privacy import loggable_path
from intake import services
from intake.models import IntakeRequest
from tests.factories import CallBackRequestFactory, call_back_form_data, waitlist_form_data
from tests.markup import soup, text

FORM = "/treatments/iv-ketamine-infusion/request-a-call/"
FIELDS = list(call_back_form_data()) + ["sms_consent", "insurance", "unexpected"]
# Text as browsers send it: any Unicode except lone surrogates, which cannot be encoded at all.
typed = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300)
values = st.one_of(typed, st.sampled_from(["on", "text", "phone", "email", "any", "", "+16195550123", "a@b.co"]))


@pytest.fixture
def iv(initial_content):
    """The shipped IV ketamine page, made sure to take call-back requests."""
    from treatments.models import Treatment

    shipped = Treatment.objects.filter(slug="iv-ketamine-infusion")
    shipped.update(status=Treatment.Status.AVAILABLE, is_published=True)
    return shipped.get()


@pytest.mark.django_db
@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(overrides=st.dictionaries(st.sampled_from(FIELDS), st.one_of(values, st.lists(values, max_size=3)), max_size=8),
       drop=st.sets(st.sampled_from(FIELDS), max_size=4))  # fmt: skip
def test_any_post_body_gets_a_form_or_the_thank_you_page(iv, overrides, drop, settings):
    settings.WAITLIST_RATE_LIMIT = settings.WAITLIST_POST_RATE_LIMIT = ""
    data = {key: value for key, value in call_back_form_data(**overrides).items() if key not in drop}
    before = IntakeRequest.objects.count()
    response = Client().post(FORM, data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors
        assert IntakeRequest.objects.count() == before
    else:
        assert response["Location"] == FORM + "thanks/"


@pytest.mark.django_db
def test_too_many_requests_get_the_friendly_429_and_the_limit_is_shared_with_the_waitlist(
    client, iv, spravato, settings
):
    settings.WAITLIST_RATE_LIMIT = "3/10m"
    assert client.post("/waitlist/spravato/", waitlist_form_data()).status_code == 302
    for number in range(2):
        assert client.post(FORM, call_back_form_data(phone=f"(619) 555-010{number}")).status_code == 302
    response = client.post(FORM, call_back_form_data(phone="(619) 555-0109"))
    assert response.status_code == 429 and "no-store" in response["Cache-Control"]
    assert text(soup(response).h1) == "Please try again later"
    assert not IntakeRequest.objects.with_phone("+16195550109").exists()
    assert client.get(FORM).status_code == 200  # reading the form is never limited
    assert client.post(FORM, call_back_form_data(phone="(619) 555-0109"), REMOTE_ADDR="203.0.113.9").status_code == 302


@pytest.mark.django_db
def test_typos_never_use_up_the_limit(client, iv, settings):
    settings.WAITLIST_RATE_LIMIT = "1/10m"
    for _ in range(5):
        assert client.post(FORM, call_back_form_data(phone="12")).status_code == 200
    assert client.post(FORM, call_back_form_data()).status_code == 302


def test_the_cancel_link_is_masked_in_logs(iv):
    entry = CallBackRequestFactory(treatment=iv)
    path = services.removal_path(entry=entry)
    assert path.startswith(FORM + "cancel/")
    assert loggable_path(path) == FORM + "cancel/…/"
