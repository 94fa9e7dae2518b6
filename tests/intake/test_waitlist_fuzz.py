"""Property-based fuzzing of the waitlist POST body: any input gets a page, never a server error."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.models import IntakeRequest
from tests.factories import waitlist_form_data

FIELDS = list(waitlist_form_data()) + ["sms_consent", "unexpected"]
# Text as browsers send it: any Unicode except lone surrogates, which cannot be encoded at all.
text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300)
values = st.one_of(text, st.sampled_from(["on", "text", "phone", "email", "any", "not_sure", "", "+16195550123"]))


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(overrides=st.dictionaries(st.sampled_from(FIELDS), st.one_of(values, st.lists(values, max_size=3)), max_size=8),
       drop=st.sets(st.sampled_from(FIELDS), max_size=4))  # fmt: skip
def test_any_post_body_gets_a_form_or_the_thank_you_page(spravato, overrides, drop, settings):
    settings.WAITLIST_RATE_LIMIT = settings.WAITLIST_POST_RATE_LIMIT = ""
    data = {key: value for key, value in waitlist_form_data(**overrides).items() if key not in drop}
    before = IntakeRequest.objects.count()
    response = Client().post("/waitlist/spravato/", data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors
        assert IntakeRequest.objects.count() == before
    else:
        assert response["Location"] == "/waitlist/spravato/thanks/"
