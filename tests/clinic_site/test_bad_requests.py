"""Requests the site cannot read get the branded 400 page, never a 500, and change nothing stored."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client

from clinic.models import ClinicDetails
from intake.models import IntakeRequest
from tests.factories import IntakeRequestFactory, waitlist_form_data

pytestmark = pytest.mark.django_db

WAITLIST = "/waitlist/spravato/"
ADMIN_LOGIN = f"/{settings.ADMIN_URL}login/"
FORM_URLS = [WAITLIST, ADMIN_LOGIN]
URLENCODED = "application/x-www-form-urlencoded"


def visitor_with_form(url):
    """A client that enforces CSRF like a real server, holding the cookie and the form's token."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = client.get(url)
    assert response.status_code == 200
    token = BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    return client, token


def send(client, url, body, content_type):
    return client.generic("POST", url, body, content_type=content_type, headers={"referer": f"http://testserver{url}"})


def assert_branded_400(
    response, *, heading="We couldn’t read what your browser sent", home=("/", "Go to the home page")
):
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text(strip=True) == heading
    crisis = soup.find("aside", class_="crisis-banner")
    assert crisis is not None and crisis.find("a", href="tel:988") and crisis.find("a", href="tel:911")
    assert soup.find("a", href=home[0], string=home[1]) is not None
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "default-src 'self'" in response["Content-Security-Policy"].split("; ")
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"


def sign_up_body(token, **overrides):
    return urlencode({**waitlist_form_data(**overrides), "csrfmiddlewaretoken": token})


@pytest.fixture
def stored_entry(initial_content):
    return IntakeRequestFactory(email="already@example.com")


@pytest.mark.parametrize("url", FORM_URLS)
@pytest.mark.parametrize("charset", ["utf-16", "latin-1", "bogus", "utf8"])
def test_form_data_in_another_or_unknown_charset_gets_the_branded_400(stored_entry, url, charset):
    client, token = visitor_with_form(url)
    body = sign_up_body(token, email="new@example.com").encode()
    response = send(client, url, body, f"{URLENCODED}; charset={charset}")
    assert_branded_400(response)
    assert list(IntakeRequest.objects.values_list("email", flat=True)) == ["already@example.com"]


@pytest.mark.parametrize("url", FORM_URLS)
def test_percent_escapes_that_are_not_utf8_get_the_branded_400(stored_entry, url):
    client, token = visitor_with_form(url)
    body = sign_up_body(token, email="new@example.com") + "&first_name=%FF%FEAl%C3"
    assert_branded_400(send(client, url, body.encode(), URLENCODED))
    assert IntakeRequest.objects.count() == 1


def test_raw_bytes_that_are_not_utf8_get_the_branded_400(stored_entry):
    client, token = visitor_with_form(WAITLIST)
    body = sign_up_body(token, email="new@example.com").encode() + b"&last_name=\xff\xfe"
    assert_branded_400(send(client, WAITLIST, body, URLENCODED))
    assert IntakeRequest.objects.count() == 1


@pytest.mark.parametrize("url", FORM_URLS)
def test_a_body_over_the_upload_limit_gets_the_branded_400(stored_entry, url):
    client, token = visitor_with_form(url)
    body = sign_up_body(token) + "&referral=" + "a" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert_branded_400(send(client, url, body.encode(), URLENCODED))
    assert IntakeRequest.objects.count() == 1


@pytest.mark.parametrize("url", FORM_URLS)
def test_too_many_fields_get_the_branded_400(stored_entry, url):
    client, token = visitor_with_form(url)
    extra = "&".join(f"field{number}=1" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS))
    assert_branded_400(send(client, url, f"{sign_up_body(token)}&{extra}".encode(), URLENCODED))
    assert IntakeRequest.objects.count() == 1


def test_multipart_form_data_in_another_charset_gets_the_branded_400(stored_entry):
    client, token = visitor_with_form(WAITLIST)
    body = (
        b'--edge\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        + token.encode()
        + b"\r\n--edge--\r\n"
    )
    assert_branded_400(send(client, WAITLIST, body, "multipart/form-data; boundary=edge; charset=utf-16"))


def test_multipart_form_data_without_a_boundary_gets_the_branded_400(stored_entry):
    client, _ = visitor_with_form(WAITLIST)
    assert_branded_400(send(client, WAITLIST, b"garbage", "multipart/form-data"))


def test_the_400_page_alone_survives_a_body_django_cannot_parse(stored_entry, settings):
    # Without the encoding middleware Django itself refuses the body while the CSRF check reads
    # request.POST. Its default 400 view re-runs that check, reads request.POST again and fails:
    # a 500. Ours must not.
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if name != "clinic_site.middleware.FormEncodingMiddleware"
    ]
    client, token = visitor_with_form(WAITLIST)
    assert_branded_400(send(client, WAITLIST, sign_up_body(token).encode(), f"{URLENCODED}; charset=utf-16"))
    assert IntakeRequest.objects.count() == 1


def test_a_utf8_urlencoded_sign_up_still_works(stored_entry):
    client, token = visitor_with_form(WAITLIST)
    body = sign_up_body(token, first_name="José", last_name="Núñez", email="jose@example.com")
    response = send(client, WAITLIST, body.encode(), f"{URLENCODED}; charset=UTF-8")
    assert response.status_code == 302 and response["Location"] == "/waitlist/spravato/thanks/"
    assert IntakeRequest.objects.with_email("jose@example.com").get().last_name == "Núñez"


# --- A Host header outside ALLOWED_HOSTS ----------------------------------------------------------

REFUSED_HOST = "evil.example"
REFUSAL = "Refused a request whose Host header is not in DJANGO_ALLOWED_HOSTS (400)"
SPANISH_HEADING = "No pudimos leer lo que envió su navegador"
SPANISH_HOME = ("/es/", "Ir a la página de inicio")


def from_refused_host(path):
    return Client(raise_request_exception=False, headers={"host": REFUSED_HOST}).get(path)


def logged_lines(console_output):
    return console_output.getvalue().splitlines()


@pytest.mark.parametrize("path", ["/", "/healthz/", "/robots.txt", ADMIN_LOGIN, "/treatments/spravato/", WAITLIST])
def test_an_unknown_host_gets_the_branded_400_and_one_warning_without_the_host(initial_content, console_output, path):
    response = from_refused_host(path)
    assert_branded_400(response)
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == "en"
    assert REFUSED_HOST.encode() not in response.content  # no canonical or JSON-LD address built from it
    (line,) = logged_lines(console_output)  # one line: no traceback, nothing quoting the header
    assert line.endswith(f" WARNING clinic_site.views {REFUSAL}")


@pytest.mark.parametrize("ssl_redirect", [False, True])  # with the redirect, SecurityMiddleware asks for the host first
@pytest.mark.parametrize("path", ["/es/", "/es/treatments/spravato/", "/es/waitlist/spravato/"])
def test_an_unknown_host_on_a_spanish_address_gets_the_spanish_400(initial_content, settings, path, ssl_redirect):
    settings.SECURE_SSL_REDIRECT = ssl_redirect
    response = from_refused_host(path)
    assert_branded_400(response, heading=SPANISH_HEADING, home=SPANISH_HOME)
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "es"
    words = page.find("aside", class_="crisis-banner").get_text(" ").split()
    assert "988" in words and "AYUDA" in words  # the Lifeline's Spanish options


def test_the_400_page_shows_the_clinics_own_number_not_a_placeholder(initial_content):
    ClinicDetails.objects.update(phone="+16195550199")
    page = BeautifulSoup(from_refused_host("/").content, "html.parser")
    assert page.find("header").find("a", href="tel:+16195550199") is not None


def multipart(fields, *, boundary="edge", part_headers=b""):
    """A multipart body of `fields` (name -> bytes), each part with `part_headers` added."""
    body = b""
    for name, value in fields.items():
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n'.encode()
        body += part_headers + b"\r\n" + value + b"\r\n"
    return body + f"--{boundary}--\r\n".encode()


def sign_up_fields(token, **overrides):
    return {
        name: str(value).encode()
        for name, value in {**waitlist_form_data(**overrides), "csrfmiddlewaretoken": token}.items()
    }


def test_a_multipart_sign_up_in_utf8_is_read_as_sent(stored_entry):
    client, token = visitor_with_form(WAITLIST)
    fields = {**sign_up_fields(token, email="zoe@example.com"), "first_name": "Zoë".encode()}
    response = send(client, WAITLIST, multipart(fields), "multipart/form-data; boundary=edge")
    assert response.status_code == 302
    assert IntakeRequest.objects.with_email("zoe@example.com").get().first_name == "Zoë"


def test_a_multipart_body_that_is_not_utf8_gets_the_branded_400(stored_entry):
    """Django's parser would read the Latin-1 "ë" as a replacement character and store "Zo\ufffd"."""
    client, token = visitor_with_form(WAITLIST)
    fields = {**sign_up_fields(token, email="zoe@example.com"), "first_name": "Zoë".encode("latin-1")}
    assert_branded_400(send(client, WAITLIST, multipart(fields), "multipart/form-data; boundary=edge"))
    assert not IntakeRequest.objects.with_email("zoe@example.com").exists()


@pytest.mark.parametrize("charset", [b"latin-1", b'"utf-16"', b"bogus"])
def test_a_multipart_part_declaring_another_charset_gets_the_branded_400(stored_entry, charset):
    """Django ignores a part's own charset; ASCII-only values make the body valid UTF-8 all the same."""
    client, token = visitor_with_form(WAITLIST)
    body = multipart(
        sign_up_fields(token, email="zoe@example.com"),
        part_headers=b"Content-Type: text/plain; charset=" + charset + b"\r\n",
    )
    assert_branded_400(send(client, WAITLIST, body, "multipart/form-data; boundary=edge"))
    assert not IntakeRequest.objects.with_email("zoe@example.com").exists()
