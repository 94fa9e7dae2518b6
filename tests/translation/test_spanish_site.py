"""The Spanish site (issue 14): every public page has a Spanish twin under /es/, read through its structure.

Routing both ways, English words marked `lang="en"` where Spanish is missing, pages and page texts
cached per language, hreflang alternates and canonical URLs, JSON-LD `inLanguage`, the Spanish crisis
strip and the language-assistance notice, and the shipped catalogues (compiled, complete).
"""

import xml.etree.ElementTree as ElementTree

import polib
import pytest
from django.test import Client

from clinic.models import LegalPage
from content.markdown import render_markdown
from sitetext.models import SiteText
from sitetext.registry import all_texts, problems
from sitetext.selectors import current_texts
from tests.markup import hrefs, json_ld, soup, text
from translation.catalogues import catalogue_files, shipped_spanish
from translation.twins import missing_spanish, missing_spanish_filter, translated_models
from treatments.models import Faq, Treatment

pytestmark = pytest.mark.django_db

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "http://testserver"


def english_pages(client):
    """The path of every English page in /sitemap.xml (Spanish entries, if listed, are their twins)."""
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    paths = [loc.text.removeprefix(SITE) for loc in urlset.findall("sm:url/sm:loc", SITEMAP)]
    english = sorted({path for path in paths if not path.startswith("/es/")})
    assert "/" in english and "/treatments/spravato/" in english and "/language-assistance/" in english
    return english


def twin(path):
    return "/es" + path


def alternates(page):
    """{hreflang: href} of the page's <link rel="alternate" hreflang> tags; each language once."""
    links = page.head.select("link[rel=alternate][hreflang]")
    found = {link["hreflang"]: link["href"] for link in links}
    assert len(found) == len(links), f"a language listed twice: {links}"
    return found


def canonical(page):
    links = page.head.select("link[rel=canonical]")
    assert len(links) == 1
    return links[0]["href"]


def language_switch(page):
    links = page.body.select("a.language-switch")
    assert len(links) == 1, links
    return links[0]


def english_marked(element):
    """The elements inside `element` that say their words are English."""
    return element.select('[lang="en"]')


# --- URLs both ways ---------------------------------------------------------------------------------


def test_every_page_in_the_sitemap_has_a_spanish_twin_and_keeps_its_english_url(client, initial_content):
    for path in english_pages(client):
        english = client.get(path)
        assert english.status_code == 200, path
        assert soup(english).html["lang"] == "en" and english["Content-Language"] == "en", path
        spanish = client.get(twin(path))
        assert spanish.status_code == 200, twin(path)
        assert soup(spanish).html["lang"] == "es" and spanish["Content-Language"] == "es", twin(path)
        assert text(soup(spanish).main) != text(soup(english).main), f"{twin(path)} reads as the English page"


@pytest.mark.parametrize("accept_language", ["es", "es-MX,es;q=0.9,en;q=0.5"])
def test_a_spanish_browser_gets_the_same_english_page_without_a_redirect(settings, initial_content, accept_language):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # each request is rendered, so the header could not hide behind the cache
    plain = Client().get("/")
    spanish_browser = Client(headers={"accept-language": accept_language}).get("/")
    assert spanish_browser.status_code == 200 and not spanish_browser.has_header("Location")
    assert spanish_browser.content == plain.content
    assert soup(spanish_browser).html["lang"] == "en" and spanish_browser["Content-Language"] == "en"
    assert "accept-language" not in spanish_browser.get("Vary", "").lower()


def test_the_language_switch_leads_to_the_same_page_in_the_other_language_and_back(client, initial_content):
    for path in english_pages(client):
        switch = language_switch(soup(client.get(path)))
        assert (switch["href"], switch["hreflang"], switch["lang"]) == (twin(path), "es", "es"), path
        back = language_switch(soup(client.get(switch["href"])))
        assert (back["href"], back["hreflang"], back["lang"]) == (path, "en", "en"), twin(path)


@pytest.mark.parametrize(
    ("asked", "english", "spanish"),
    [
        ("/questions/?topic=spravato&utm_source=mail", "/questions/?topic=spravato", "/es/questions/?topic=spravato"),
        ("/financing/?amount=1500&x=1", "/financing/?amount=1500", "/es/financing/?amount=1500"),
        ("/privacy/?topic=spravato", "/privacy/", "/es/privacy/"),  # a parameter the page does not use
    ],
)
def test_the_language_switch_keeps_what_the_page_shows_and_nothing_else(
    client, initial_content, asked, english, spanish
):
    page = soup(client.get(asked))
    assert language_switch(page)["href"] == spanish
    back = soup(client.get(language_switch(page)["href"]))
    assert language_switch(back)["href"] == english
    # Search engines are given each page's own address, as its canonical link.
    alternates = {link["hreflang"]: link["href"] for link in page.head.select("link[rel=alternate][hreflang]")}
    assert not any("?" in href for href in alternates.values()) and "?" not in canonical(page)


def test_a_missing_page_under_es_is_a_spanish_404(client, initial_content):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404 and response["Content-Language"] == "es"
    page = soup(response)
    assert page.html["lang"] == "es"
    spanish, english = current_texts("es"), current_texts("en")
    assert text(page.h1) == spanish["error.404.heading"] != english["error.404.heading"]
    assert english_marked(page.main) == []
    assert language_switch(page)["href"] == "/"  # no twin of a missing page: the English home page
    assert page.head.select("link[rel=canonical], link[rel=alternate]") == []  # an error has no address to name
    english_404 = soup(client.get("/no-such-page/"))
    assert english_404.html["lang"] == "en" and text(english_404.h1) == english["error.404.heading"]


# --- English shown where the Spanish is missing, and marked so -------------------------------------


def test_a_treatment_field_not_yet_in_spanish_shows_its_english_marked_lang_en(client, initial_content):
    treatment = Treatment.objects.get(slug="spravato")
    treatment.summary_es = ""
    treatment.save()
    page = soup(client.get("/es/treatments/spravato/"))
    lead = page.select_one(".page-header .lead")
    assert [text(element) for element in english_marked(lead)] == [treatment.summary]
    heading = page.h1  # the name is translated: its words carry no language of their own
    assert text(heading) == treatment.name_es and english_marked(heading) == [] and not heading.has_attr("lang")
    english = soup(client.get("/treatments/spravato/"))
    assert english.select("main [lang]") == []  # nothing is marked on the English page


def test_an_faq_answer_not_yet_in_spanish_is_an_english_block(client, initial_content):
    faq = Faq.objects.published().filter(treatment__isnull=True).first()
    translated = Faq.objects.published().filter(treatment__isnull=True).exclude(pk=faq.pk).first()
    faq.answer_es = ""
    faq.save()
    page = soup(client.get("/es/ketamine/"))
    questions = page.find(id="questions")
    blocks = english_marked(questions)
    assert [block.name for block in blocks] == ["div"]
    assert text(blocks[0]) == text(soup(render_markdown(faq.answer)))
    assert text(soup(render_markdown(translated.answer_es))) in text(questions)  # translated: not in a block
    assert faq.question_es in text(questions) and english_marked(questions.find_all("h3")[0]) == []


def test_a_legal_page_body_not_yet_in_spanish_is_an_english_block_under_a_spanish_title(client, initial_content):
    privacy = LegalPage.objects.get(kind="privacy")
    privacy.body_es = ""
    privacy.save()
    page = soup(client.get("/es/privacy/"))
    blocks = english_marked(page.main)
    assert [block.name for block in blocks] == ["div"]
    english_body = soup(client.get("/privacy/")).main.select_one(".prose")
    assert text(english_body).startswith(text(blocks[0]))
    assert text(page.h1) == privacy.title_es and english_marked(page.h1) == []
    assert english_marked(soup(client.get("/es/accessibility/")).main) == []  # a translated page has no marks


def test_a_markdown_page_text_not_yet_in_spanish_is_an_english_block(client, initial_content, without_shipped_spanish):
    without_shipped_spanish("footer.education_note")
    note = soup(client.get("/es/")).footer.select_one(".site-text")
    blocks = english_marked(note)
    assert len(blocks) == 1 and text(blocks[0]) == text(soup(client.get("/")).footer.select_one(".site-text"))
    assert hrefs(blocks[0]) == ["/medical-disclaimer/"]  # English words link to the English page
    crisis = soup(client.get("/es/")).find("aside", attrs={"aria-label": current_texts("es")["site.crisis_label"]})
    assert english_marked(crisis) == []  # a translated markdown text is not marked


def test_no_page_of_the_shipped_spanish_site_marks_english_words(client, initial_content):
    for path in english_pages(client):
        page = soup(client.get(twin(path)))
        # Words in English on purpose: the link to the English page, the notice's English title in the footer
        # link and its English text on the language-assistance page. Anything else is a missing translation.
        on_purpose = [language_switch(page), *page.footer.select("a > span[lang]"), *page.main.select("section[lang]")]
        marked = [
            element
            for element in page.body.select('[lang="en"]')
            if not any(element is kept or kept in element.parents for kept in on_purpose)
        ]
        assert marked == [], f"{twin(path)}: {[str(element)[:120] for element in marked]}"


# --- Cached per language ----------------------------------------------------------------------------


def test_english_and_spanish_pages_are_cached_apart_and_never_served_to_each_other(
    initial_content, django_assert_num_queries
):
    spanish = Client().get("/es/")  # the Spanish page first, so an English visitor would get it if keys clashed
    english = Client().get("/")
    assert soup(spanish).html["lang"] == "es" and soup(english).html["lang"] == "en"
    with django_assert_num_queries(0):
        again = {path: Client().get(path) for path in ("/", "/es/", "/", "/es/")}
    assert again["/"].content == english.content and again["/es/"].content == spanish.content
    assert soup(again["/"]).html["lang"] == "en" and again["/"]["Content-Language"] == "en"
    assert soup(again["/es/"]).html["lang"] == "es" and again["/es/"]["Content-Language"] == "es"


def test_editing_the_spanish_words_of_a_page_text_shows_on_the_spanish_page_at_once(initial_content):
    english_heading = text(soup(Client().get("/")).h1)
    Client().get("/es/")  # now cached
    heading = SiteText.objects.get(key="home.heading")
    heading.text_es = "Ayuda cuando otros tratamientos no han bastado"
    heading.save()
    assert text(soup(Client().get("/es/")).h1) == "Ayuda cuando otros tratamientos no han bastado"
    assert text(soup(Client().get("/")).h1) == english_heading


def test_the_page_texts_are_cached_per_language(initial_content, django_assert_num_queries):
    english, spanish = current_texts("en"), current_texts("es")
    assert english["home.heading"] != spanish["home.heading"]
    assert (english["home.heading"].language, spanish["home.heading"].language) == ("en", "es")
    with django_assert_num_queries(0):
        assert current_texts("en") == english and current_texts("es") == spanish
    SiteText.objects.get(key="home.heading").save()  # any edit clears both
    SiteText.objects.filter(key="home.heading").update(text_es="Título nuevo")
    assert current_texts("es")["home.heading"] == "Título nuevo"
    assert current_texts("en")["home.heading"] == english["home.heading"]


# --- Search engines ---------------------------------------------------------------------------------


def test_every_page_names_both_languages_and_x_default_with_absolute_urls_and_its_own_canonical(
    client, initial_content
):
    for path in english_pages(client):
        expected = {"en": SITE + path, "es": SITE + twin(path), "x-default": SITE + path}
        for url in (path, twin(path)):
            page = soup(client.get(url))
            assert alternates(page) == expected, url
            assert canonical(page) == SITE + url, url


@pytest.mark.parametrize(
    ("record", "path"),
    [("treatment", "/treatments/spravato/"), ("legal page", "/privacy/")],
)
def test_a_page_whose_spanish_is_missing_leaves_out_the_spanish_alternate(client, initial_content, record, path):
    if record == "treatment":
        obj = Treatment.objects.get(slug="spravato")
        obj.body_es = ""
    else:
        obj = LegalPage.objects.get(kind="privacy")
        obj.body_es = ""
    obj.save()
    for url in (path, twin(path)):
        page = soup(client.get(url))
        assert alternates(page) == {"en": SITE + path, "x-default": SITE + path}, url
        assert canonical(page) == SITE + url
    other = "/treatments/iv-ketamine-infusion/" if record == "treatment" else "/accessibility/"
    assert "es" in alternates(soup(client.get(other)))  # only the untranslated page leaves it out


def test_json_ld_says_the_language_of_the_page(client, initial_content):
    for path in english_pages(client):
        for language, url in (("en", path), ("es", twin(path))):
            blocks = json_ld(soup(client.get(url)))
            assert blocks, url
            assert [block.get("inLanguage") for block in blocks] == [language] * len(blocks), url


def test_the_spanish_treatment_json_ld_carries_the_spanish_name_and_address(client, initial_content):
    spravato = Treatment.objects.get(slug="spravato")
    therapy = next(
        block for block in json_ld(soup(client.get("/es/treatments/spravato/"))) if block["@type"] == "MedicalTherapy"
    )
    assert therapy["name"] == spravato.name_es and therapy["url"] == SITE + "/es/treatments/spravato/"


# --- Crisis help and the language-assistance notice -------------------------------------------------


def test_the_spanish_crisis_strip_names_988_its_spanish_options_and_911(client, initial_content):
    label = current_texts("es")["site.crisis_label"]
    for path in ("/", "/treatments/spravato/", "/waitlist/spravato/", "/no-such-page/"):
        crisis = soup(client.get(twin(path))).find("aside", attrs={"aria-label": label})
        assert crisis is not None, twin(path)
        assert {"tel:988", "tel:911"} <= set(hrefs(crisis))
        words = text(crisis).split()
        assert "988" in words and "2" in words and "AYUDA" in words, text(crisis)
        assert english_marked(crisis) == []


def test_the_footer_links_the_language_assistance_notice_in_both_languages(client, initial_content):
    notice = LegalPage.objects.get(kind="language-assistance")
    assert notice.title_es != notice.title
    for url, href, title, other_language, other_title in (
        ("/", "/language-assistance/", notice.title, "es", notice.title_es),
        ("/es/", "/es/language-assistance/", notice.title_es, "en", notice.title),
    ):
        link = soup(client.get(url)).footer.find("a", href=href)
        assert link is not None and text(link).startswith(title), url
        other = link.find("span", lang=other_language)  # named in both languages, each marked as such
        assert other is not None and text(other) == other_title, url
        page = soup(client.get(href))
        assert text(page.h1) == title


# --- The shipped catalogues -------------------------------------------------------------------------


def catalogue_entries(catalogue):
    """{(context, English): Spanish} of every entry with Spanish words (a .po file's fuzzy ones left out)."""
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr_plural or entry.msgstr
        for entry in catalogue
        if entry.msgid
        and (entry.msgstr or entry.msgstr_plural)
        and "fuzzy" not in getattr(entry, "flags", [])
        and not getattr(entry, "obsolete", False)
    }


@pytest.mark.parametrize("po_path", catalogue_files(), ids=lambda path: path.parts[-5])
def test_each_committed_mo_file_is_its_po_file_compiled(po_path, tmp_path):
    source = polib.pofile(str(po_path))
    source.save_as_mofile(str(tmp_path / "django.mo"))
    committed = polib.mofile(str(po_path.with_suffix(".mo")))
    assert catalogue_entries(committed) == catalogue_entries(polib.mofile(str(tmp_path / "django.mo")))
    assert catalogue_entries(committed) == catalogue_entries(source)
    assert [entry.msgid for entry in source.fuzzy_entries()] == []  # fuzzy entries are never compiled in


def test_there_is_a_catalogue_for_every_app_with_spanish_words():
    apps = {path.parts[-5] for path in catalogue_files()}
    assert {"sitetext", "treatments", "clinic", "financing", "intake"} <= apps


def test_every_declared_page_text_ships_with_spanish_that_keeps_its_rules():
    untranslated, broken = [], {}
    for key, spec in all_texts().items():
        spanish = shipped_spanish(spec.default, key)
        if not spanish:
            untranslated.append(key)
        elif problems(spec, spanish):
            broken[key] = problems(spec, spanish)
    assert untranslated == [] and broken == {}


def test_every_shipped_record_has_its_spanish_after_loading_the_initial_content(initial_content):
    for model in translated_models():
        assert list(model.objects.filter(missing_spanish_filter(model))) == [], model.__name__
        missing = {obj.pk: missing_spanish(obj) for obj in model.objects.all() if missing_spanish(obj)}
        assert missing == {}, model.__name__


@pytest.mark.parametrize("path", ["/waitlist/spravato/", "/treatments/iv-ketamine-infusion/request-a-call/"])
def test_a_blank_form_drawn_for_one_language_is_never_shown_in_the_other(initial_content, spravato, path):
    english = soup(Client().get(path)).main.form  # drawn first: its blank form is kept for every visitor
    spanish = soup(Client().get(twin(path))).main.form
    english_labels = [text(label) for label in english.find_all("label")]
    spanish_labels = [text(label) for label in spanish.find_all("label")]
    assert len(spanish_labels) == len(english_labels) > 3
    same = {english for english, spanish in zip(english_labels, spanish_labels, strict=True) if english == spanish}
    assert same <= {"Medicare", "Medi-Cal"}  # names of programs are the same in both languages
    assert spanish.find(type="submit")["value"] != english.find(type="submit")["value"]
