"""Every word a patient reads on a page comes from data staff can edit, in English and in Spanish.

How the walk proves it: every editable text in the database is turned into capitals first (the page
texts, and every text field of the content models: treatments, FAQs, ways of giving ketamine, ketamine
page sections, legal pages, clinic details, financing terms), the Spanish twins (`text_es` and every
`*_es` field) as well as the English. A word still written in a template or in Python keeps its
lower-case letters, so on every page, and on its Spanish twin under /es/, no heading, paragraph, list
item, term, button, link, caption, table cell, label, title, description or accessible name may have one.
Dates are the one exception: they are data, but the month name is spelled by the date format.
"""

import datetime
import re
import xml.etree.ElementTree as ElementTree

import pytest
from bs4 import Comment
from django.core.cache import cache
from django.db import models
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from clinic_site.views import bad_request, csrf_failure, render_without_database
from content.page_cache import clear_public_pages
from content.registry import content_models
from sitetext.models import SiteText
from sitetext.selectors import current_texts
from staff.roles import CONTENT_EDITORS
from tests.intake.waits import contacted_after, people_waiting
from tests.markup import meta, soup, text
from translation.twins import spanish_name
from treatments.models import Treatment

pytestmark = pytest.mark.django_db

TREATMENT_PAGES = [
    f"/treatments/{slug}/"
    for slug in ("iv-ketamine-infusion", "intramuscular-ketamine", "spravato", "ketamine-assisted-psychotherapy")
]
FIRST_VISIT_PAGES = [
    f"/treatments/{slug}/first-visit/" for slug in ("iv-ketamine-infusion", "intramuscular-ketamine", "spravato")
]
PAGES = [
    "/",
    "/treatments/",
    *TREATMENT_PAGES,
    *FIRST_VISIT_PAGES,
    "/treatments/compare/",
    "/ketamine/",
    "/questions/",
    "/visit/",
    "/costs/",
    "/team/",
    "/financing/",
    "/privacy/",
    "/accessibility/",
    "/medical-disclaimer/",
    "/language-assistance/",
    "/waitlist/spravato/",
    "/treatments/iv-ketamine-infusion/request-a-call/",
    "/treatments/intramuscular-ketamine/request-a-call/",
]

KEEP_AS_TYPED = re.compile(r"\{\w+\}|\]\([^)]*\)")  # placeholders and Markdown link targets
DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December) \d"
    r"|\b\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) de \d"
)
ATTRIBUTES = ("aria-label", "alt", "title", "placeholder", "data-label")


def shout(words):
    """The words in capitals, with placeholders and link targets left as typed so pages still render."""
    kept = [(match.start(), match.end()) for match in KEEP_AS_TYPED.finditer(words)]
    pieces, last = [], 0
    for start, end in kept:
        pieces += [words[last:start].upper(), words[start:end]]
        last = end
    return "".join(pieces) + words[last:].upper()


def is_editable_text(field):
    return (
        isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not field.choices
        and not isinstance(field, models.SlugField | models.URLField)
    )


@pytest.fixture
def shouted(initial_content):
    """Every editable text in the database, English and Spanish, in capitals."""
    for model in content_models():
        fields = [field.name for field in model._meta.concrete_fields if is_editable_text(field)]
        assert all(spanish_name(name) in fields for name in getattr(model, "translated_fields", ())), model
        for record in model.objects.all():
            model.objects.filter(pk=record.pk).update(**{name: shout(getattr(record, name)) for name in fields})
    for record in SiteText.objects.all():  # empty: the shipped words, which are shouted as staff's
        shouted_words = {"text": shout(record.shipped("en")), "text_es": shout(record.shipped("es"))}
        SiteText.objects.filter(pk=record.pk).update(**shouted_words)
    assert not SiteText.objects.filter(text_es="").exists()  # every page text has its Spanish to shout
    clear_public_pages()  # update() sends no save signal


def is_template_word(words):
    return any(character.islower() for character in DATE.sub("", words))


def template_words(page):
    """(where, words) for each piece of the page that still has lower-case letters."""
    pieces = [("title", page.title.string)]
    pieces += [(f"meta {name}", meta(page, name)) for name in ("description", "og:title", "og:description")]
    for string in page.body.find_all(string=True):
        if string.parent.name not in ("script", "style") and not isinstance(string, Comment):
            pieces.append((string.parent.name, str(string)))
    for element in page.body.find_all(True):
        pieces += [(f"{element.name}[{name}]", element[name]) for name in ATTRIBUTES if element.has_attr(name)]
    return [(where, " ".join(words.split())) for where, words in pieces if words and is_template_word(words)]


def assert_all_words_are_data(response_or_html):
    found = template_words(soup(response_or_html))
    assert found == [], "Words not from editable data:\n" + "\n".join(f"  {where}: {words}" for where, words in found)


@pytest.mark.parametrize("path", PAGES)
def test_every_word_on_each_page_comes_from_editable_data(client, shouted, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_all_words_are_data(response)


@pytest.mark.parametrize("path", [f"/es{path}" for path in PAGES])
def test_every_word_on_each_spanish_page_comes_from_editable_data(client, shouted, path):
    response = client.get(path)
    assert response.status_code == 200 and soup(response).html["lang"] == "es"
    assert_all_words_are_data(response)


def test_the_walk_covers_every_page_in_the_sitemap(client, initial_content):
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text.removeprefix("http://testserver") for loc in urlset.findall("sm:url/sm:loc", namespace)}
    walked = set(PAGES) | {f"/es{path}" for path in PAGES}
    assert listed <= walked, f"add these pages to the walk: {sorted(listed - walked)}"


LANGUAGES = pytest.mark.parametrize(("language", "prefix"), [("en", ""), ("es", "/es")], ids=["en", "es"])


@LANGUAGES
def test_the_words_on_error_pages_come_from_editable_data(client, shouted, language, prefix):
    missing = client.get(f"{prefix}/no-such-page/")
    assert soup(missing).html["lang"] == language
    assert_all_words_are_data(missing)
    client.get(f"{prefix}/")  # a page view caches the texts that the pages drawn without the database use
    with translation.override(language):
        request = RequestFactory().get(f"{prefix}/")
        assert_all_words_are_data(bad_request(request, None))
        assert_all_words_are_data(csrf_failure(request))
        for template_name, status in (("500.html", 500), ("503.html", 503)):
            drawn = render_without_database(template_name, status=status)
            assert soup(drawn).html["lang"] == language
            assert_all_words_are_data(drawn)


@LANGUAGES
def test_the_other_states_of_the_pages_use_editable_data_too(client, shouted, staff_client, language, prefix):
    Treatment.objects.filter(slug="spravato").update(last_reviewed="2026-11-02")
    assert_all_words_are_data(client.get(f"{prefix}/treatments/spravato/"))  # with its review date
    Treatment.objects.filter(slug="ketamine-assisted-psychotherapy").update(is_published=False)
    draft = staff_client(CONTENT_EDITORS).get(f"{prefix}/treatments/ketamine-assisted-psychotherapy/")
    assert soup(draft).select_one(".draft-notice") is not None
    assert_all_words_are_data(draft)
    Treatment.objects.update(is_published=False)
    clear_public_pages()
    empty = client.get(f"{prefix}/treatments/")
    assert soup(empty).main.find("article") is None
    assert_all_words_are_data(empty)


@LANGUAGES
def test_the_financing_page_in_every_state_uses_editable_data(client, shouted, language, prefix):
    from financing.models import FinancingPlan, FinancingProgram

    twelve_months = FinancingPlan.objects.get(months=12, kind=FinancingPlan.Kind.DEFERRED_INTEREST)
    fixed = FinancingPlan.objects.get(months=24, kind=FinancingPlan.Kind.FIXED_APR)
    FinancingPlan.objects.filter(pk=fixed.pk).update(minimum_purchase="1000.00", apr="9.90")
    assert_all_words_are_data(client.get(f"{prefix}/financing/?amount=1500&plan={twelve_months.pk}"))  # an estimate
    assert_all_words_are_data(client.get(f"{prefix}/financing/?amount=1500&plan={fixed.pk}"))  # with interest
    assert_all_words_are_data(client.get(f"{prefix}/financing/?amount=2,50,0&plan="))  # mistakes
    FinancingPlan.objects.filter(kind=FinancingPlan.Kind.DEFERRED_INTEREST).delete()
    FinancingPlan.objects.filter(pk=fixed.pk).update(apr=None)
    assert_all_words_are_data(client.get(f"{prefix}/financing/"))  # no plan to estimate
    FinancingProgram.objects.update(is_active=False)
    assert_all_words_are_data(client.get(f"{prefix}/financing/"))  # no program
    assert_all_words_are_data(client.get(f"{prefix}/"))  # the home page's financing section without one


def test_the_staff_lockout_page_uses_editable_data(shouted, client):
    from django.shortcuts import render

    assert_all_words_are_data(render(RequestFactory().get("/admin/login/"), "staff/lockout.html", status=429))


def test_a_word_written_in_a_template_is_caught(shouted):
    html = Template(
        '{% load site_text %}<html><head><title>{% text "home.title" %}</title></head>'
        '<body><main><h1>{% text "home.heading" %}</h1><p>Written in the template</p>'
        '<a href="/" aria-label="Hard-coded name">{% text "card.more_button" %}</a></main></body></html>'
    ).render(Context({"site_texts": current_texts()}))
    assert [words for _, words in template_words(soup(html))] == ["Written in the template", "Hard-coded name"]


def test_an_edited_page_text_shows_on_the_home_page_at_once(client, initial_content):
    assert text(soup(client.get("/")).h1) == current_texts()["home.heading"]
    heading = SiteText.objects.get(key="home.heading")
    heading.text = "Help when other treatments have not been enough"
    heading.save()
    assert text(soup(client.get("/")).h1) == "Help when other treatments have not been enough"


@LANGUAGES
def test_the_waitlist_and_call_back_flows_use_editable_data_in_every_state(client, shouted, settings, language, prefix):
    from intake.services import removal_path
    from tests.factories import CallBackRequestFactory, IntakeRequestFactory

    form = f"{prefix}/treatments/iv-ketamine-infusion/request-a-call/"
    call_back = CallBackRequestFactory(treatment=Treatment.objects.get(slug="iv-ketamine-infusion"))
    entry = IntakeRequestFactory(treatment=Treatment.objects.get(slug="spravato"))
    for path in (
        form + "thanks/",
        prefix + removal_path(entry=call_back),
        form + "cancelled/",
        form + "cancel/not-a-token/",
        f"{prefix}/waitlist/spravato/thanks/",
        prefix + removal_path(entry=entry),
        f"{prefix}/waitlist/leave/done/",
        f"{prefix}/waitlist/leave/not-a-token/",
    ):
        response = client.get(path)
        assert soup(response).html["lang"] == language, path
        assert_all_words_are_data(response)
    assert_all_words_are_data(client.post(form, {"phone": "12", "preferred_contact": "email"}))  # with errors
    settings.WAITLIST_POST_RATE_LIMIT = "1/m"
    client.post(f"{prefix}/waitlist/spravato/", {})
    too_many = client.post(f"{prefix}/waitlist/spravato/", {})
    assert too_many.status_code == 429 and soup(too_many).html["lang"] == language
    assert_all_words_are_data(too_many)


@LANGUAGES
def test_the_questions_page_filtered_and_with_its_review_lines_uses_editable_data(client, shouted, language, prefix):
    Treatment.objects.filter(slug="spravato").update(last_reviewed="2026-11-02")
    for topic in ("spravato", "about-ketamine", "paying-for-care"):
        response = client.get(f"{prefix}/questions/?topic={topic}")
        assert response.status_code == 200 and soup(response).html["lang"] == language
        assert_all_words_are_data(response)
    assert soup(client.get(f"{prefix}/questions/?topic=spravato")).select_one(".review-note") is not None


@LANGUAGES
def test_the_expected_times_use_editable_data(client, shouted, language, prefix):
    iv, spravato = Treatment.objects.get(slug="iv-ketamine-infusion"), Treatment.objects.get(slug="spravato")
    Treatment.objects.filter(pk=spravato.pk).update(status=Treatment.Status.WAITLIST, is_published=True)
    call_back = f"{prefix}/treatments/iv-ketamine-infusion/request-a-call/"
    people_waiting(count=10, treatment=spravato, since=timezone.now() - datetime.timedelta(days=3))
    contacted_after(count=10, treatment=iv, days=0)  # within one working day
    for path in (call_back, call_back + "thanks/", f"{prefix}/waitlist/spravato/"):
        response = client.get(path)
        assert soup(response).select_one(".expected-time") is not None, path
        assert_all_words_are_data(response)
    people_waiting(count=1, treatment=spravato, since=timezone.now() - datetime.timedelta(weeks=3))
    contacted_after(count=20, treatment=iv, days=14)  # ten working days
    cache.clear()
    for path in (call_back, f"{prefix}/waitlist/spravato/"):
        response = client.get(path)
        assert soup(response).select_one(".expected-time") is not None, path
        assert_all_words_are_data(response)
