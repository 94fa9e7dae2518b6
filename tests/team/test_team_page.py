"""Our team (issue 23.1): /team/ (and /es/team/) shows each provider profile staff publish, in their order and in the
page's language, with Person JSON-LD; the shipped placeholder profile is never shown and is on the go-live checklist;
a treatment's page shows the providers who give it; every footer links the page (staff may add it to the menu), which
is in the sitemap with hreflang; and a profile on a reviewed treatment's page changes only through a clinical
reviewer."""

import datetime
import json
import xml.etree.ElementTree as ElementTree

import pytest
from django.utils import timezone

from clinic.models import MenuLink
from content.go_live import go_live_issues
from content.search import search_content
from publishing.models import PageChange
from team.models import Provider
from tests.go_live import enter_real_details
from tests.markup import soup, text
from tests.publishing.test_publishing import error_note, submit
from tests.sitetext.test_page_texts_are_data import assert_all_words_are_data
from treatments.models import Treatment

from .conftest import make_provider

pytestmark = pytest.mark.django_db

LANGUAGES = pytest.mark.parametrize("prefix", ["", "/es"], ids=["en", "es"])
SPRAVATO, IV = "spravato", "iv-ketamine-infusion"
PLACEHOLDER = "PLACEHOLDER"


def profiles(response):
    """[(name heading, role)] as the team page shows them."""
    assert response.status_code == 200
    return [
        (text(card.h2), text(card.select_one(".provider-role"))) for card in soup(response).select("article.provider")
    ]


def json_ld(response):
    return [json.loads(script.string) for script in soup(response).select('script[type="application/ld+json"]')]


def people(response):
    return [node for data in json_ld(response) for node in data.get("@graph", []) if node.get("@type") == "Person"]


# --- the page -------------------------------------------------------------------------------------------------


@LANGUAGES
def test_a_fresh_site_shows_no_invented_person_and_says_the_team_comes_soon(client, initial_content, prefix):
    response = client.get(f"{prefix}/team/")
    page = soup(response)
    assert profiles(response) == []
    assert PLACEHOLDER not in text(page.main)
    assert text(page.h1) == ("Nuestro equipo" if prefix else "Our team")
    assert page.select_one(".page-header .lead") is None, "no “meet the people” over nobody"
    empty = text(page.select_one(".team-empty"))
    assert ("Pronto podrá conocer aquí a nuestro equipo" if prefix else "You can meet our team here soon") in empty
    assert people(response) == []
    assert Provider.objects.get().is_placeholder, "the one shipped profile is the placeholder"


@LANGUAGES
def test_a_published_profile_shows_in_the_page_language(client, initial_content, prefix):
    make_provider(treatments=[SPRAVATO])
    page = soup(client.get(f"{prefix}/team/"))
    card = page.select_one("article.provider")
    assert text(card.h2) == "Alex Rivera, MD"
    if prefix:
        assert text(card.select_one(".provider-role")) == "Director médico"
        assert text(card.select_one(".provider-languages")) == "Idiomas: inglés, español"
        assert "Alex dirige el equipo" in text(card.select_one(".prose"))
        assert text(card.select_one(".provider-treatments")) == "Tratamientos: Spravato"
        assert card.select_one(".provider-treatments a")["href"] == "/es/treatments/spravato/"
    else:
        assert text(card.select_one(".provider-role")) == "Medical director"
        assert text(card.select_one(".provider-languages")) == "Languages: English, Spanish"
        assert "Alex leads the care team" in text(card.select_one(".prose"))
        assert card.select_one(".provider-treatments a")["href"] == "/treatments/spravato/"
    assert page.select_one(".provider-initials").get("aria-hidden") == "true"  # no photo: initials, for sight only
    assert text(page.select_one(".provider-initials")) == "AR"
    assert page.select_one("article.provider img") is None
    assert page.select_one(".team-empty") is None


def test_staff_order_the_profiles_and_unpublished_ones_stay_off(client, initial_content):
    make_provider(name="Sam Okafor", credentials="NP", role="Nurse practitioner", ordering=20)
    make_provider(name="Alex Rivera", ordering=30)
    make_provider(name="Jo Park", credentials="", role="Nurse", ordering=5, is_published=False)
    assert [name for name, _ in profiles(client.get("/team/"))] == ["Sam Okafor, NP", "Alex Rivera, MD"]
    Provider.objects.filter(name="Alex Rivera").update(ordering=1)
    assert [name for name, _ in profiles(client.get("/team/"))] == ["Alex Rivera, MD", "Sam Okafor, NP"]


@LANGUAGES
def test_a_profile_still_holding_a_placeholder_is_never_shown(client, initial_content, prefix):
    make_provider(role="PLACEHOLDER: the role")
    make_provider(name="Sam Okafor", bio="PLACEHOLDER: a bio")
    assert profiles(client.get(f"{prefix}/team/")) == []
    assert people(client.get(f"{prefix}/team/")) == []


def test_a_spanish_placeholder_shows_the_english_marked_as_english(client, initial_content):
    make_provider(role_es="PLACEHOLDER: el cargo", bio_es="")
    card = soup(client.get("/es/team/")).select_one("article.provider")
    role = card.select_one(".provider-role")
    assert text(role) == "Medical director" and role.select_one('[lang="en"]') is not None
    assert PLACEHOLDER not in text(card)


# --- search engines ---------------------------------------------------------------------------------------------


@LANGUAGES
def test_each_profile_shown_is_a_person_in_the_json_ld_in_the_page_language(client, initial_content, prefix):
    make_provider(treatments=[SPRAVATO])
    make_provider(name="Sam Okafor", credentials="NP", role="Nurse practitioner", role_es="Enfermero", ordering=20)
    make_provider(name="PLACEHOLDER: name")
    found = people(client.get(f"{prefix}/team/"))
    assert [person["name"] for person in found] == ["Alex Rivera", "Sam Okafor"]
    alex = found[0]
    assert alex["@type"] == "Person"
    assert alex["jobTitle"] == ("Director médico" if prefix else "Medical director")
    assert alex["honorificSuffix"] == "MD"
    assert alex["knowsLanguage"] == ["en", "es"]
    assert alex["worksFor"]["@type"] == "MedicalClinic"
    assert alex["url"] == f"http://testserver{prefix}/team/#{alex['@id'].split('#')[1]}"
    assert "image" not in alex
    (about,) = [node for data in json_ld(client.get(f"{prefix}/team/")) for node in data.get("@graph", [])
                if node["@type"] == "AboutPage"]  # fmt: skip
    assert about["inLanguage"] == ("es" if prefix else "en") and about["url"] == f"http://testserver{prefix}/team/"
    assert about["about"] == [{"@id": person["@id"]} for person in found]
    assert not any(PLACEHOLDER in json.dumps(data) for data in json_ld(client.get(f"{prefix}/team/")))


def sitemap_entries(client):
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return {
        url.find("sm:loc", namespace).text.removeprefix("http://testserver"): {
            link.get("hreflang"): link.get("href").removeprefix("http://testserver")
            for link in url.findall("xhtml:link", namespace)
        }
        for url in urlset.findall("sm:url", namespace)
    }


def test_the_page_is_in_the_sitemap_in_both_languages_with_hreflang(client, initial_content):
    make_provider()
    entries = sitemap_entries(client)
    assert entries["/es/team/"] == {"en": "/team/", "es": "/es/team/", "x-default": "/team/"}
    assert "/team/" in entries
    head = soup(client.get("/team/")).head
    assert head.find("link", hreflang="es")["href"] == "http://testserver/es/team/"


def test_while_a_profile_has_no_spanish_the_page_is_listed_in_english_only(client, initial_content):
    make_provider(bio_es="")
    entries = sitemap_entries(client)
    assert "/team/" in entries and "/es/team/" not in entries


@LANGUAGES
def test_every_footer_links_the_team_page(client, initial_content, prefix):
    for path in (f"{prefix}/", f"{prefix}/questions/", f"{prefix}/treatments/spravato/"):
        links = {text(link): link["href"] for link in soup(client.get(path)).footer.select("a")}
        assert links["Conozca a nuestro equipo" if prefix else "Meet our team"] == f"{prefix}/team/"


def test_staff_can_put_the_team_page_in_the_main_menu(client, initial_content):
    MenuLink.objects.create(page=MenuLink.Page.TEAM, label="Our team", label_es="Nuestro equipo", ordering=45)
    menu = soup(client.get("/es/")).select("#site-nav a")
    assert {text(link): link["href"] for link in menu}["Nuestro equipo"] == "/es/team/"


# --- the treatment pages --------------------------------------------------------------------------------------


@LANGUAGES
def test_a_treatment_page_shows_the_providers_who_give_it(client, initial_content, prefix):
    make_provider(treatments=[SPRAVATO, IV])
    make_provider(name="Sam Okafor", credentials="NP", role="Nurse practitioner", role_es="Enfermero", ordering=20,
                  treatments=[IV])  # fmt: skip
    make_provider(name="PLACEHOLDER: name", treatments=[SPRAVATO])
    section = soup(client.get(f"{prefix}/treatments/spravato/")).select_one("section.treatment-providers")
    assert text(section.h2) == ("Quién da este tratamiento" if prefix else "Who provides this treatment")
    names = [text(link) for link in section.select(".treatment-provider__name")]
    assert names == ["Alex Rivera, MD"]
    anchor = Provider.objects.get(name="Alex Rivera").anchor
    assert section.select_one(".treatment-provider__name")["href"] == f"{prefix}/team/#{anchor}"
    iv = soup(client.get(f"{prefix}/treatments/{IV}/")).select_one("section.treatment-providers")
    assert [text(link) for link in iv.select(".treatment-provider__name")] == ["Alex Rivera, MD", "Sam Okafor, NP"]
    ketamine_therapy = soup(client.get(f"{prefix}/treatments/intramuscular-ketamine/"))
    assert ketamine_therapy.select_one("section.treatment-providers") is None, "no provider: no section"


def test_changing_which_treatments_a_profile_is_on_shows_at_once(client, initial_content):
    alex = make_provider(treatments=[IV])
    assert client.get("/treatments/spravato/").status_code == 200  # cached now
    alex.treatments.add(Treatment.objects.get(slug=SPRAVATO))
    assert soup(client.get("/treatments/spravato/")).select_one("section.treatment-providers") is not None


# --- the go-live checklist and the admin ------------------------------------------------------------------------


def test_the_go_live_checklist_lists_the_placeholder_until_staff_write_a_real_profile(initial_content):
    issues = [issue for issue in go_live_issues() if issue.id.startswith("team.")]
    assert [issue.id for issue in issues] == ["team.W001"]
    assert "so patients do not see it" in issues[0].msg
    placeholder = Provider.objects.get()
    placeholder.name, placeholder.role, placeholder.bio = "Alex Rivera", "Medical director", "Alex leads the team."
    placeholder.save()  # the Spanish still says PLACEHOLDER: shown in English meanwhile, and listed
    assert [issue.id for issue in go_live_issues() if issue.id.startswith("team.")] == ["team.W002"]
    enter_real_details()
    assert [issue for issue in go_live_issues() if issue.id.startswith("team.")] == []


def test_a_site_with_no_profile_at_all_is_told_so(initial_content):
    Provider.objects.all().delete()
    assert [issue.id for issue in go_live_issues() if issue.id.startswith("team.")] == ["team.W003"]


def test_initial_content_ships_only_the_placeholder_once(empty_site):
    from team.initial_content import load_initial_content

    load_initial_content()
    assert load_initial_content().created == []
    shipped = Provider.objects.get()
    assert shipped.is_placeholder and shipped.role_es.startswith(PLACEHOLDER) and shipped.bio_es.startswith(PLACEHOLDER)


def test_staff_find_a_profile_in_the_admin_search(initial_content):
    make_provider()
    found = search_content(typed="care team", searchable=[Provider])
    assert [str(hit.record) for hit in found.hits] == ["Alex Rivera, MD"]


def test_an_editor_adds_a_profile_in_the_admin(client, editor, initial_content):
    spravato = Treatment.objects.get(slug=SPRAVATO)
    data = {
        "name": "Sam Okafor", "credentials": "NP", "role": "Nurse practitioner", "role_es": "Enfermero",
        "languages": ["en", "es"], "bio": "Sam helps you feel at ease.", "bio_es": "Sam le ayuda a estar tranquilo.",
        "treatments": [str(spravato.pk)], "ordering": "10", "is_published": "on",
    }  # fmt: skip
    response = editor.post("/admin/team/provider/add/", data)
    assert response.status_code == 302, error_note(response)
    sam = Provider.objects.get(name="Sam Okafor")
    assert sam.languages == "en,es" and list(sam.treatments.all()) == [spravato]
    assert profiles(client.get("/es/team/")) == [("Sam Okafor, NP", "Enfermero")]


# --- clinical review: a profile on a reviewed treatment's page is part of that page ----------------------------


@pytest.fixture
def reviewed_spravato(reviewer, initial_content):
    spravato = Treatment.objects.get(slug=SPRAVATO)
    assert submit(reviewer, spravato, needs_clinical_review="on").status_code == 302
    return spravato


def review_line(client):
    note = soup(client.get("/treatments/spravato/")).select_one(".review-note")
    return text(note) if note else None


UNSAFE_BIO = "Alex promises you will feel better after one visit."


def test_an_editor_cannot_publish_a_bio_of_a_profile_on_a_reviewed_page(client, editor, reviewed_spravato):
    alex = make_provider(treatments=[SPRAVATO])
    for field in ("bio", "bio_es", "role"):
        response = submit(editor, alex, **{field: UNSAFE_BIO[:100]})
        assert response.status_code == 200
        assert "because it is shown on the Spravato page" in error_note(response)
    assert UNSAFE_BIO not in text(soup(client.get("/team/")).main)


def test_an_editor_drafts_a_bio_and_a_reviewer_publishes_it(client, editor, reviewer, reviewed_spravato):
    alex = make_provider(treatments=[SPRAVATO])
    words = "Alex leads the care team and answers your questions before each visit."
    assert submit(editor, alex, "_draft", bio=words).status_code == 302
    assert words not in text(soup(client.get("/team/")).main)

    preview = submit(editor, alex, "_preview", bio=words)
    assert preview.status_code == 302
    assert words in text(soup(editor.get(preview["Location"])).main)  # drawn on the team page itself

    assert submit(reviewer, alex).status_code == 302
    assert words in text(soup(client.get("/team/")).main)
    change = PageChange.objects.get(content_type__model="provider", object_id=alex.pk)
    assert change.state == "published" and change.reviewer_name == "Dana Reyes"


def test_an_editor_cannot_put_a_profile_on_a_reviewed_page_nor_take_it_off(client, editor, reviewed_spravato):
    alex = make_provider(treatments=[IV])
    spravato, iv = reviewed_spravato, Treatment.objects.get(slug=IV)
    response = submit(editor, alex, treatments=[str(iv.pk), str(spravato.pk)])
    assert response.status_code == 200 and "it changes the Spravato page" in error_note(response)
    assert list(alex.treatments.all()) == [iv]
    sam = make_provider(name="Sam Okafor", treatments=[SPRAVATO])
    response = submit(editor, sam, treatments=[])
    assert response.status_code == 200 and "it changes the Spravato page" in error_note(response)
    assert submit(editor, alex, treatments=[]).status_code == 302, "IV is not marked: an editor may"


def test_which_treatments_a_profile_is_on_never_waits_in_a_draft(editor, initial_content):
    alex = make_provider(treatments=[IV])
    spravato = Treatment.objects.get(slug=SPRAVATO)
    response = submit(editor, alex, "_draft", treatments=[str(spravato.pk)])
    assert response.status_code == 200 and "changes only with “Publish now”" in error_note(response)


def test_the_review_line_goes_when_a_profile_on_the_page_changes_unreviewed(client, reviewed_spravato):
    alex = make_provider(treatments=[SPRAVATO])
    assert review_line(client) is None, "a profile added after the review is unreviewed"
    Provider.objects.filter(pk=alex.pk).update(updated_at=timezone.now() - datetime.timedelta(days=1))
    assert review_line(client).startswith("Reviewed by Dana Reyes")
    Provider.objects.filter(pk=alex.pk).update(
        bio=UNSAFE_BIO, updated_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    assert review_line(client) is None, "no review line over words nobody reviewed"


# --- every word is staff's ----------------------------------------------------------------------------------------


@pytest.fixture
def a_profile(initial_content):
    return make_provider(treatments=[SPRAVATO])


@pytest.mark.parametrize("path", ["/team/", "/es/team/", "/treatments/spravato/", "/es/treatments/spravato/"])
def test_every_word_of_a_profile_and_around_it_comes_from_editable_data(client, a_profile, shouted, path):
    response = client.get(path)
    assert "ALEX RIVERA" in text(soup(response).main)
    assert_all_words_are_data(response)
