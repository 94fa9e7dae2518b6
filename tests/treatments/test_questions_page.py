"""Every question in one place: /questions/ (and /es/questions/) shows every published FAQ, the treatments' and the
financing ones, by topic, with a list of the questions, a topic filter made of links, FAQPage JSON-LD, and the
review line only over reviewed words."""

import datetime
import xml.etree.ElementTree as ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from financing.models import FinancingFaq
from tests.factories import FaqFactory, TreatmentFactory
from tests.markup import hrefs, json_ld, soup, text
from tests.publishing.test_publishing import date_text, submit
from treatments.models import Faq, Treatment

pytestmark = pytest.mark.django_db

PAGE = "/questions/"
LANGUAGES = pytest.mark.parametrize("prefix", ["", "/es"], ids=["en", "es"])


def topics(response):
    """[(topic heading, [its questions])] as the page shows them."""
    return [
        (text(section.h2), [text(question.h3) for question in section.select(".question")])
        for section in soup(response).select("section.question-topic")
    ]


def faq_page(response):
    return next(data for data in json_ld(soup(response)) if data.get("@type") == "FAQPage")


def test_every_published_question_is_on_the_page_by_topic(client, initial_content):
    general = [faq.question for faq in Faq.objects.published().filter(treatment=None)]
    by_treatment = [
        (treatment.name, [faq.question for faq in treatment.faqs.published()])
        for treatment in Treatment.objects.published()
        if treatment.faqs.published().exists()
    ]
    financing = [faq.question for faq in FinancingFaq.objects.published()]
    assert len(by_treatment) == 4 and general and financing
    expected = [("General questions", general), *by_treatment, ("Paying for care", financing)]
    assert topics(client.get(PAGE)) == expected
    shown = sum((questions for _, questions in expected), [])
    assert len(shown) == Faq.objects.published().count() + FinancingFaq.objects.published().count()


def test_unpublished_questions_and_those_of_unpublished_treatments_stay_off(client, initial_content):
    hidden_treatment = TreatmentFactory(is_published=False, name="A hidden treatment")
    FaqFactory(treatment=hidden_treatment, question="Asked about a hidden treatment?")
    FaqFactory(treatment=None, question="A draft question?", is_published=False)
    FinancingFaq.objects.filter(question="Do I have to make monthly payments?").update(is_published=False)
    page = text(soup(client.get(PAGE)).main)
    for hidden in ("A hidden treatment", "hidden treatment?", "A draft question?", "monthly payments?"):
        assert hidden not in page
    assert "Can I drive home after Spravato?" in page


def test_the_spanish_page_shows_the_spanish_words_and_marks_what_is_not_translated(client, initial_content):
    spravato = Faq.objects.get(question="Can I drive home after Spravato?")
    FaqFactory(treatment=spravato.treatment, question="A question nobody has translated?", answer="Not yet.")
    page = soup(client.get("/es" + PAGE))
    assert page.html["lang"] == "es"
    assert text(page.h1) == "Preguntas y respuestas"
    questions = [text(heading) for heading in page.select(".question h3")]
    assert spravato.question_es in questions and spravato.question not in questions
    untranslated = next(heading for heading in page.select(".question h3") if "nobody" in text(heading))
    assert untranslated.find("span", lang="en") is not None
    links_within = [href for question in page.select(".question") for href in hrefs(question) if href[0] == "/"]
    assert links_within and all(href.startswith("/es/") for href in links_within)  # the Spanish pages


@LANGUAGES
def test_the_list_of_questions_leads_to_each_question_and_back(client, initial_content, prefix):
    page = soup(client.get(prefix + PAGE))
    contents = page.find("nav", attrs={"aria-labelledby": "contents-heading"})
    targets = [href.removeprefix("#") for href in hrefs(contents)]
    assert all(page.find(id=target) is not None for target in targets)
    questions = page.select(".question")
    assert [question["id"] for question in questions] == [t for t in targets if not t.startswith("topic-")]
    assert len(questions) == Faq.objects.published().count() + FinancingFaq.objects.published().count()
    for section in page.select("section.question-topic"):
        assert section.find_all("a")[-1]["href"] == "#contents"
    assert page.find(id="contents") is not None


@LANGUAGES
def test_the_topic_filter_is_links_that_show_one_topic(client, initial_content, prefix):
    page = soup(client.get(prefix + PAGE))
    topic_links = page.find("nav", attrs={"aria-labelledby": "topics-heading"}).find_all("a")
    assert [link["href"] for link in topic_links] == [f"{prefix}{PAGE}"] + [
        f"{prefix}{PAGE}?topic={key}#contents"
        for key in ["about-ketamine", "iv-ketamine-infusion", "intramuscular-ketamine", "spravato"]
        + ["ketamine-assisted-psychotherapy", "paying-for-care"]
    ]
    assert [link.get("aria-current") for link in topic_links] == ["page"] + [None] * 6
    assert page.find("form") is None, "no form: links work without script and keep the page cacheable"

    spravato = client.get(f"{prefix}{PAGE}?topic=spravato")
    assert [heading for heading, _ in topics(spravato)] == [Treatment.objects.get(slug="spravato").name]
    filtered = soup(spravato)
    topic_nav = filtered.find("nav", attrs={"aria-labelledby": "topics-heading"})
    assert [link["href"] for link in topic_nav.find_all("a", attrs={"aria-current": "page"})] == [
        f"{prefix}{PAGE}?topic=spravato#contents"
    ]
    assert filtered.title.string.startswith("Spravato · ")
    canonical = filtered.find("link", rel="canonical")["href"]
    assert canonical == f"http://testserver{prefix}{PAGE}", "the filtered page is a part of the page"
    financing = topics(client.get(f"{prefix}{PAGE}?topic=paying-for-care"))
    assert len(financing) == 1 and len(financing[0][1]) == FinancingFaq.objects.published().count()


def test_an_unknown_topic_leads_to_every_question(client, initial_content):
    for topic in ("no-such-topic", "compare", "<script>"):
        response = client.get(PAGE, {"topic": topic})
        assert response.status_code == 302 and response["Location"] == PAGE
    spanish = client.get("/es" + PAGE, {"topic": "nope"})
    assert spanish.status_code == 302 and spanish["Location"] == "/es" + PAGE
    assert client.get(PAGE, {"topic": ""}).status_code == 200


def test_a_topic_slug_of_the_page_is_no_treatment_address(db):
    for slug in ("about-ketamine", "paying-for-care"):
        with pytest.raises(ValidationError):
            TreatmentFactory.build(slug=slug).full_clean()


@LANGUAGES
def test_faqpage_json_ld_tells_the_questions_shown_in_the_page_language(client, initial_content, prefix):
    data = faq_page(client.get(prefix + PAGE))
    assert data["@context"] == "https://schema.org" and data["inLanguage"] == ("es" if prefix else "en")
    assert data["url"] == f"http://testserver{prefix}{PAGE}"
    field = "question_es" if prefix else "question"
    expected = [getattr(faq, field) for faq in Faq.objects.published()] + [
        getattr(faq, field) for faq in FinancingFaq.objects.published()
    ]
    assert sorted(entity["name"] for entity in data["mainEntity"]) == sorted(expected)
    paying = next(entity for entity in data["mainEntity"] if entity["name"] == expected[0])
    answer = paying["acceptedAnswer"]
    assert answer["@type"] == "Answer" and "<" not in answer["text"] and "](" not in answer["text"]
    filtered = faq_page(client.get(f"{prefix}{PAGE}?topic=spravato"))
    assert len(filtered["mainEntity"]) == Faq.objects.published().filter(treatment__slug="spravato").count()


def test_json_ld_leaves_out_a_question_shown_in_english_on_the_spanish_page(client, initial_content):
    FaqFactory(treatment=None, question="A question nobody has translated?")
    names = [entity["name"] for entity in faq_page(client.get("/es" + PAGE))["mainEntity"]]
    assert "A question nobody has translated?" not in names
    assert "A question nobody has translated?" in [e["name"] for e in faq_page(client.get(PAGE))["mainEntity"]]


def test_the_page_is_in_the_sitemap_in_both_languages_with_hreflang(client, initial_content):
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
    entries = {url.find("sm:loc", namespace).text: url for url in urlset.findall("sm:url", namespace)}
    for location in ("http://testserver/questions/", "http://testserver/es/questions/"):
        alternates = {
            link.get("hreflang"): link.get("href") for link in entries[location].findall("xhtml:link", namespace)
        }
        assert alternates == {
            "en": "http://testserver/questions/",
            "es": "http://testserver/es/questions/",
            "x-default": "http://testserver/questions/",
        }
        assert entries[location].find("sm:lastmod", namespace) is not None
    head = soup(client.get(PAGE)).head
    assert head.find("link", hreflang="es")["href"] == "http://testserver/es/questions/"


@LANGUAGES
def test_patients_find_the_page_in_the_menu_and_under_each_treatment_s_questions(client, initial_content, prefix):
    menu = soup(client.get(prefix + "/")).find("nav", class_="navbar")
    assert f"{prefix}{PAGE}" in hrefs(menu)
    assert text(menu.find("a", href=f"{prefix}{PAGE}")) == ("Preguntas" if prefix else "Questions")
    questions = soup(client.get(prefix + "/treatments/spravato/")).find("section", class_="faq-list")
    link = questions.find("a", href=f"{prefix}{PAGE}")
    assert text(link) == ("Todas las preguntas y respuestas" if prefix else "All questions and answers")


def test_crisis_help_is_on_the_page_in_its_language(client, initial_content):
    assert "988" in text(soup(client.get(PAGE)).select_one(".crisis-banner"))
    assert "AYUDA" in text(soup(client.get("/es" + PAGE)).select_one(".crisis-banner"))


def test_an_edited_question_shows_at_once(client, initial_content):
    assert "Can I drive home after Spravato?" in text(soup(client.get(PAGE)).main)  # now cached
    faq = Faq.objects.get(question="Can I drive home after Spravato?")
    faq.question = "May I drive myself home after Spravato?"
    faq.save()
    assert "May I drive myself home after Spravato?" in text(soup(client.get(PAGE)).main)


# --- the review line stands only over reviewed words ------------------------------------------------------------


@pytest.fixture
def reviewed_spravato(reviewer, initial_content):
    spravato = Treatment.objects.get(slug="spravato")
    assert submit(reviewer, spravato, needs_clinical_review="on").status_code == 302
    return spravato


def review_lines(client, path=PAGE):
    return {
        text(section.h2): text(note) if (note := section.select_one(".review-note")) else None
        for section in soup(client.get(path)).select("section.question-topic")
    }


def test_a_reviewed_treatment_s_questions_stand_under_its_review_line(client, reviewed_spravato):
    lines = review_lines(client)
    assert lines.pop("Spravato") == f"Reviewed by Dana Reyes on {date_text(timezone.localdate())}."
    assert set(lines.values()) == {None}, "no other topic was reviewed"
    spanish = review_lines(client, "/es" + PAGE)
    assert spanish["Spravato"].startswith("Revisado por Dana Reyes el")


def test_a_question_changed_since_the_review_loses_the_line_here_as_on_its_page(client, reviewed_spravato):
    faq = reviewed_spravato.faqs.first()
    Faq.objects.filter(pk=faq.pk).update(
        answer="Words nobody reviewed.", updated_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    assert review_lines(client)["Spravato"] is None
    assert soup(client.get(reviewed_spravato.get_absolute_url())).select_one(".review-note") is None


def test_a_draft_of_a_question_waits_off_the_page_under_the_review_line(client, editor, reviewed_spravato):
    faq = reviewed_spravato.faqs.first()
    assert submit(editor, faq, "_draft", answer="A draft answer waiting for a reviewer.").status_code == 302
    assert "A draft answer waiting" not in text(soup(client.get(PAGE)).main)
    assert review_lines(client)["Spravato"].startswith("Reviewed by Dana Reyes")


def test_a_review_date_staff_entered_is_stated_as_on_the_treatment_page(client, initial_content):
    Treatment.objects.filter(slug="spravato").update(last_reviewed=datetime.date(2026, 11, 2))
    assert review_lines(client)["Spravato"] == "Last reviewed November 2, 2026."
