"""What the intake forms store is what the person meant: ticked boxes only when ticked, no phone
extension silently dropped, and no email address that looks right but can never be delivered."""

import pytest
from django.core import mail

from intake.models import IntakeRequest
from outbox.models import OutgoingEmail
from tests.factories import call_back_form_data, waitlist_form_data
from tests.markup import soup

pytestmark = pytest.mark.django_db
WAITLIST = "/waitlist/spravato/"
SPANISH_WAITLIST = "/es/waitlist/spravato/"
CALL_BACK = "/treatments/iv-ketamine-infusion/request-a-call/"


def field_errors(response, name):
    """The error texts tied to the field `name`: what its `aria-describedby` names (help text aside)."""
    page = soup(response)
    field = page.find(attrs={"name": name})
    assert field is not None, name
    described_by = field.get("aria-describedby", "").split()
    errors = [page.find(id=ident) for ident in described_by if ident.endswith("_error")]
    return [line.get_text(" ", strip=True) for error in errors for line in error.find_all("p")]


@pytest.fixture
def forms(initial_content, spravato):
    return {WAITLIST: waitlist_form_data, CALL_BACK: call_back_form_data}


# --- checkboxes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("box", ["is_adult", "contact_consent"])
@pytest.mark.parametrize("value", ["0", "off", "false", "1", "yes", "ON", ""])
def test_a_required_box_counts_as_ticked_only_with_the_value_a_ticked_box_sends(client, forms, box, value):
    for url, form_data in forms.items():
        response = client.post(url, form_data(**{box: value}))
        assert response.status_code == 200, (url, value)
        (message,) = field_errors(response, box)
        assert message == response.context["form"].fields[box].error_messages["required"]
        assert not soup(response).find(attrs={"name": box}).has_attr("checked")
    assert not IntakeRequest.objects.exists()


@pytest.mark.parametrize("value", ["0", "off", "false", "yes"])
def test_an_optional_box_sent_with_another_value_is_read_as_unticked(client, forms, value):
    assert client.post(WAITLIST, waitlist_form_data(sms_consent=value)).status_code == 302
    assert IntakeRequest.objects.get().sms_consent is False


def test_ticked_boxes_are_stored_as_yes(client, forms):
    assert client.post(WAITLIST, waitlist_form_data(sms_consent="on")).status_code == 302
    entry = IntakeRequest.objects.get()
    assert entry.is_adult and entry.contact_consent and entry.sms_consent


# --- phone extensions -----------------------------------------------------------------------------


EXTENSION_MESSAGE = (
    "We can only call a direct number, without an extension. Please enter a number that reaches you, "
    "like (619) 555-0100."
)


@pytest.mark.parametrize(
    "phone",
    ["619 555 0123 ext 5", "(619) 555-0123 x5", "6195550123#5", "+1 619 555 0123;ext=5", "619-555-0123 extension 12"],
)
def test_a_phone_extension_is_refused_next_to_the_field_not_dropped(client, forms, phone):
    for url, form_data in forms.items():
        response = client.post(url, form_data(phone=phone))
        assert response.status_code == 200
        assert field_errors(response, "phone") == [EXTENSION_MESSAGE]
        shown = soup(response).find(attrs={"name": "phone"})["value"]  # kept, extension and all, to correct
        assert "".join(filter(str.isdigit, phone)).endswith("".join(filter(str.isdigit, shown)))
    assert not IntakeRequest.objects.exists()


def test_the_extension_message_is_in_spanish_on_the_spanish_form(client, forms):
    response = client.post(SPANISH_WAITLIST, waitlist_form_data(phone="619 555 0123 ext 5"))
    assert field_errors(response, "phone") == [
        "Solo podemos llamar a un número directo, sin extensión. Por favor, escriba un número en el que "
        "podamos encontrarle, como (619) 555-0100."
    ]


# --- email addresses ------------------------------------------------------------------------------


HIDDEN_MESSAGE = (
    "This email address has a hidden character in it, often left by copying and pasting. Please type it again."
)
INVALID_MESSAGE = "Please enter an email address like name@example.com."


@pytest.mark.parametrize(
    "email",
    [
        "alex@example.com\u202e",  # right-to-left override, the one that failed to send 22 times
        "alex@exam\u202aple.com",
        "\u2066alex@example.com\u2069",
        "alex\u200e@example.com",
        "alex@example.com\u200f",
        "al\u200bex@example.com",  # zero-width space
        "alex@example.com\ufeff",
        "alex\x07@example.com",
        "alex@exa\x1fmple.com",
    ],
)
def test_an_email_with_a_hidden_character_is_refused_next_to_the_field(client, forms, email):
    for url, form_data in forms.items():
        response = client.post(url, form_data(email=email))
        assert response.status_code == 200, url
        assert field_errors(response, "email") == [HIDDEN_MESSAGE]
    assert not IntakeRequest.objects.exists() and not OutgoingEmail.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    "email", ["alex@localhost", "alex@[127.0.0.1]", "alex@[IPv6:::1]", "alex@intranet", "alex@127.0.0.1", "alex@."]
)
def test_an_email_without_a_dotted_domain_is_refused_next_to_the_field(client, forms, email):
    for url, form_data in forms.items():
        response = client.post(url, form_data(email=email))
        assert response.status_code == 200, url
        assert field_errors(response, "email") == [INVALID_MESSAGE]
    assert not IntakeRequest.objects.exists() and not OutgoingEmail.objects.exists()


def test_the_hidden_character_message_is_in_spanish_on_the_spanish_form(client, forms):
    response = client.post(SPANISH_WAITLIST, waitlist_form_data(email="alex@example.com\u202e"))
    assert field_errors(response, "email") == [
        "Este correo electrónico tiene un carácter oculto, que a menudo queda al copiar y pegar. "
        "Por favor, escríbalo de nuevo."
    ]


@pytest.mark.parametrize("email", ["alex@münchen.de", "a.b+c@mail.example.co.uk"])
def test_ordinary_international_addresses_are_still_accepted(client, forms, email):
    assert client.post(WAITLIST, waitlist_form_data(email=email)).status_code == 302
    assert IntakeRequest.objects.count() == 1
