"""Always one tap away: the bar at the bottom of every page, call links that read their number, numbers that
never break, and the footer's address placeholder in the page's language. Every page in the sitemap, in both
languages, with the error page's help boxes."""

import xml.etree.ElementTree as ElementTree

import pytest

from clinic.models import ClinicDetails
from content.page_cache import clear_public_pages
from sitetext.selectors import current_texts
from tests.markup import accessible_name, soup, text

pytestmark = pytest.mark.django_db

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
CRISIS_NUMBERS = ("tel:988", "tel:911")
DIALS_OR_TEXTS = ("tel:", "sms:")


def public_paths(client):
    """Every page in /sitemap.xml (English and Spanish), and the not-found page in both languages."""
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    paths = [loc.text.removeprefix("http://testserver") for loc in urlset.findall("sm:url/sm:loc", SITEMAP)]
    assert "/" in paths and "/es/financing/" in paths
    return [*paths, "/no-such-page/", "/es/no-existe/"]


def page_at(client, path):
    response = client.get(path)
    assert response.status_code == (404 if path in ("/no-such-page/", "/es/no-existe/") else 200), path
    return soup(response)


def language_of(path):
    return "es" if path.startswith("/es/") else "en"


@pytest.fixture
def text_number(initial_content):
    """The clinic takes texts at a number of its own (and its phone is not the one form hints use as an example)."""
    ClinicDetails.objects.update(phone="+18585550199", text_phone="+16195550142")
    clear_public_pages()  # update() sends no save signal
    return "(619) 555-0142"


def test_every_page_ends_with_the_bar_in_its_language_and_offers_no_text_without_a_number(client, initial_content):
    clinic = ClinicDetails.objects.get()
    assert clinic.text_phone == ""  # as shipped: nobody has said the clinic reads texts
    for path in public_paths(client):
        page, words = page_at(client, path), current_texts(language_of(path))
        bar = page.body.find_all(recursive=False)[-1]  # last, so at the very end it covers nothing
        assert bar.name == "aside" and bar["aria-label"] == words["one_tap.label"], path
        links = bar.find_all("a")
        assert [link["href"] for link in links] == [f"tel:{clinic.phone_e164}", "tel:988"], path
        call, crisis = links
        assert accessible_name(call) == f"{words['header.call_hidden']} {clinic.phone_display}", path
        assert accessible_name(crisis) == f"{words['one_tap.crisis']} ({words['one_tap.crisis_hidden']})", path


def test_the_bar_offers_text_when_the_clinic_has_a_number_for_texts(client, text_number):
    for path in ("/", "/es/"):
        words = current_texts(language_of(path))
        bar = page_at(client, path).select_one("body > aside.one-tap")
        texting = bar.find("a", href="sms:+16195550142")
        assert accessible_name(texting) == f"{words['one_tap.text_hidden']} {text_number}"
        assert text(texting.find("span", attrs={"aria-hidden": "true"})) == words["one_tap.text"]  # what it shows


def test_the_spanish_bar_and_header_speak_spanish(client, text_number):
    page = page_at(client, "/es/financing/")
    header_call = page.header.find("a", href="tel:+18585550199")
    assert accessible_name(header_call) == "Llamar a la clínica al (858) 555-0199"
    bar = page.select_one("body > aside.one-tap")
    assert bar["aria-label"] == "Números de teléfono"
    assert [accessible_name(link) for link in bar.find_all("a")] == [
        "Llamar a la clínica al (858) 555-0199",
        "Enviar un mensaje de texto a la clínica al (619) 555-0142",
        "Crisis 988 (Línea de Prevención del Suicidio y Crisis, a cualquier hora; para español, marque el 2)",
    ]


def test_every_link_that_calls_or_texts_the_clinic_reads_its_number(client, text_number):
    """The header's call button showed "Call" on a phone and its number was hidden, so a screen reader said
    "Call the clinic at Call". Every link to the clinic's numbers, on every page, now says the number."""
    clinic = ClinicDetails.objects.get()
    numbers = {f"tel:{clinic.phone_e164}": clinic.phone_display, "sms:+16195550142": text_number}
    for path in public_paths(client):
        page = page_at(client, path)
        links = [link for link in page.find_all("a", href=True) if link["href"].startswith(DIALS_OR_TEXTS)]
        to_the_clinic = [link for link in links if link["href"] not in CRISIS_NUMBERS]
        assert len(to_the_clinic) >= 3, path  # header, bar (call and text), footer at least
        for link in to_the_clinic:
            assert numbers[link["href"]] in accessible_name(link), (path, str(link))
        assert accessible_name(page.header.find("a", href=f"tel:{clinic.phone_e164}")).startswith(
            current_texts(language_of(path))["header.call_hidden"]
        ), path


def test_every_number_shown_is_kept_on_one_line(client, text_number):
    """Each clinic number on a page sits in an element site.css keeps whole (`white-space: nowrap`): a
    `.phone-number`, or a link that dials or texts. On /es/financing/ it broke as "(619) 555-" / "0100"."""
    clinic = ClinicDetails.objects.get()
    for path in public_paths(client):
        page = page_at(client, path)
        shown = page.body.find_all(string=lambda words: clinic.phone_display in words or text_number in words)
        assert shown, path
        for words in shown:
            keeper = words.find_parent(
                lambda element: (
                    "phone-number" in element.get("class", [])
                    or (element.name == "a" and element.get("href", "").startswith(DIALS_OR_TEXTS))
                )
            )
            assert keeper is not None, (path, str(words.parent))


def test_the_footer_shows_the_address_placeholder_in_the_page_language_until_the_real_address(client, initial_content):
    english, spanish = (page_at(client, path).footer.address for path in ("/", "/es/"))
    assert current_texts("en")["footer.address_placeholder"] in text(english)
    assert current_texts("es")["footer.address_placeholder"] in text(spanish)
    assert "street address" not in text(spanish)  # the English placeholder stays off the Spanish page

    clinic = ClinicDetails.objects.get()
    clinic.street_address = "4321 Calm Avenue, Suite 2"
    clinic.save()
    for path in ("/", "/es/"):
        address = text(page_at(client, path).footer.address)
        assert address.startswith("4321 Calm Avenue, Suite 2 San Diego, CA") and "PLACEHOLDER" not in address
