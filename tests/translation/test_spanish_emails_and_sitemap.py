"""A Spanish sign-up is answered in Spanish (staff still read English); the sitemap lists both languages."""

from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail

from intake.models import IntakeRequest
from sitetext.selectors import current_texts
from tests.factories import call_back_form_data, waitlist_form_data
from treatments.models import Treatment

WAITLIST = "/waitlist/spravato/"
CALL_BACK = "/treatments/iv-ketamine-infusion/request-a-call/"
NAMESPACES = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def words(key: str, *, spanish: bool) -> str:
    return current_texts("es" if spanish else "en")[key]


def first_line(key: str, *, spanish: bool) -> str:
    """The email text's first line up to its first placeholder: words that are the same for every person."""
    return words(key, spanish=spanish).splitlines()[0].split("{")[0].strip()


def delivered(run_worker):
    run_worker()
    patient = next(message for message in mail.outbox if message.to == ["alex@example.com"])
    staff = next(message for message in mail.outbox if message.to == [settings.STAFF_NOTIFICATION_EMAIL])
    return patient, staff


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data", "kind"),
    [(WAITLIST, waitlist_form_data, "waitlist"), (CALL_BACK, call_back_form_data, "call_back")],
    ids=["waitlist", "call-back"],
)
def test_a_spanish_sign_up_is_stored_in_spanish_and_gets_its_emails_in_spanish(
    client, initial_content, spravato, run_worker, url, data, kind
):
    response = client.post("/es" + url, data(preferred_contact="email"))
    assert response.status_code == 302 and response["Location"].startswith("/es/")

    entry = IntakeRequest.objects.get()
    assert entry.language == "es"
    patient, staff = delivered(run_worker)

    subject = {"waitlist": "email.waitlist.subject", "call_back": "email.call_back.subject_email"}[kind]  # by email
    assert patient.subject.startswith(first_line(subject, spanish=True))
    assert first_line(f"email.{kind}.body", spanish=True) in patient.body
    assert Treatment.objects.get(pk=entry.treatment_id).name_es in patient.body
    removal = next(line for line in patient.body.split() if line.startswith("http://testserver/"))
    assert removal.startswith("http://testserver/es/")  # the removal page opens in Spanish
    assert client.get(removal.removeprefix("http://testserver")).status_code == 200

    # The clinic's notice stays in English.
    assert staff.subject.startswith(first_line(f"email.{kind}.staff_new_subject", spanish=False))
    assert first_line(f"email.{kind}.staff_new_body", spanish=True) not in staff.body


@pytest.mark.django_db
def test_an_english_sign_up_stays_english(client, initial_content, spravato, run_worker):
    assert client.post(WAITLIST, waitlist_form_data()).status_code == 302
    entry = IntakeRequest.objects.get()
    assert entry.language == "en"
    patient, _ = delivered(run_worker)
    assert patient.subject.startswith(first_line("email.waitlist.subject", spanish=False))
    assert "http://testserver/waitlist/status/" in patient.body and "/es/" not in patient.body


@pytest.mark.django_db
def test_leaving_from_the_spanish_link_tells_staff_in_english(client, initial_content, spravato, run_worker):
    client.post("/es" + WAITLIST, waitlist_form_data())
    patient, _ = delivered(run_worker)
    removal = next(word for word in patient.body.split() if "/es/waitlist/status/" in word)  # their own page
    path = removal.removeprefix("http://testserver")
    page = BeautifulSoup(client.get(path).content, "html.parser")
    assert page.html["lang"] == "es"
    mail.outbox.clear()
    assert client.post(path, {"action": "leave"}).status_code == 302
    run_worker()
    (notice,) = mail.outbox
    assert notice.to == [settings.STAFF_NOTIFICATION_EMAIL]
    assert notice.subject.startswith(first_line("email.waitlist.staff_withdrawn_subject", spanish=False))


def sitemap_urls(client) -> dict[str, dict[str, str]]:
    """{loc: {hreflang: href}} from /sitemap.xml."""
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return {
        url.findtext("sm:loc", default="", namespaces=NAMESPACES): {
            link.attrib["hreflang"]: link.attrib["href"] for link in url.findall("xhtml:link", NAMESPACES)
        }
        for url in root.findall("sm:url", NAMESPACES)
    }


@pytest.mark.django_db
def test_the_sitemap_lists_every_page_in_both_languages_with_its_alternates(client, initial_content):
    urls = sitemap_urls(client)
    english = [loc for loc in urls if not loc.startswith("http://testserver/es/")]
    assert "http://testserver/" in english and "http://testserver/language-assistance/" in english
    for loc in english:
        twin = loc.replace("http://testserver/", "http://testserver/es/", 1)
        assert twin in urls, loc
        expected = {"en": loc, "es": twin, "x-default": loc}
        assert urls[loc] == expected and urls[twin] == expected
    assert len(urls) == 2 * len(english)


@pytest.mark.django_db
def test_a_page_not_yet_translated_is_listed_in_english_only(client, initial_content):
    Treatment.objects.filter(slug="intramuscular-ketamine").update(summary_es="")
    urls = sitemap_urls(client)
    page = "http://testserver/treatments/intramuscular-ketamine/"
    assert urls[page] == {"en": page, "x-default": page}
    assert page.replace("testserver/", "testserver/es/") not in urls
    assert "http://testserver/es/treatments/iv-ketamine-infusion/" in urls  # the others keep their twins
