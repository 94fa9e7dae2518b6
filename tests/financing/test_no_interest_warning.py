""" "No interest" never stands alone: every page in the sitemap that says it, in either language, says that
interest is charged from the purchase date otherwise, and the home page says it in the same paragraph."""

import xml.etree.ElementTree as ElementTree

import pytest

from financing.models import FinancingPlan
from sitetext.selectors import current_texts
from tests.markup import soup, text

pytestmark = pytest.mark.django_db

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
NO_INTEREST = {"en": "no interest", "es": "sin intereses"}


def pages_to_read(client):
    """Every page in /sitemap.xml, and the financing page with an estimate on a "no interest" plan."""
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    paths = [loc.text.removeprefix("http://testserver") for loc in urlset.findall("sm:url/sm:loc", SITEMAP)]
    plan = FinancingPlan.objects.filter(kind=FinancingPlan.Kind.DEFERRED_INTEREST).first()
    return [*paths, *(f"{prefix}/financing/?amount=1000&plan={plan.pk}" for prefix in ("", "/es"))]


def claims(element, language):
    """The smallest elements whose text says "no interest" (their own words, not a child's)."""
    phrase = NO_INTEREST[language]
    return [
        string.parent
        for string in element.find_all(string=True)
        if phrase in string.lower() and string.parent.name not in ("script", "style", "title")
    ]


def test_no_page_says_no_interest_without_the_warning(client, initial_content):
    said = set()
    for path in pages_to_read(client):
        language = "es" if path.startswith("/es/") else "en"
        warning = current_texts(language)["financing.deferred_interest_warning"]
        response = client.get(path)
        assert response.status_code == 200, path
        body = soup(response).body
        if claims(body, language):
            said.add(path.split("?")[0])
            assert warning in text(body), path
    # Both home pages (the teaser) and both financing pages say it, so the walk really checked something.
    assert {"/", "/es/", "/financing/", "/es/financing/"} <= said


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_home_page_teaser_says_it_in_the_same_paragraph(client, initial_content, language):
    page = soup(client.get("/" if language == "en" else "/es/"))
    (claim,) = claims(page.main, language)
    paragraph = claim if claim.name == "p" else claim.find_parent("p")
    assert current_texts(language)["financing.deferred_interest_warning"] in text(paragraph)
    assert ("from the purchase date" if language == "en" else "desde la fecha de compra") in text(paragraph)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_no_interest_plans_table_and_estimate_carry_it_beside_the_claim(client, initial_content, language):
    plan = FinancingPlan.objects.filter(kind=FinancingPlan.Kind.DEFERRED_INTEREST).first()
    prefix = "" if language == "en" else "/es"
    page = soup(client.get(f"{prefix}/financing/", {"amount": "1000", "plan": plan.pk}))
    warning = current_texts(language)["financing.deferred_interest_warning"]
    table = page.find("table", attrs={"aria-labelledby": f"plans-{FinancingPlan.Kind.DEFERRED_INTEREST}"})
    assert text(table.find_next_sibling("p")) == warning
    assert warning in text(page.select_one(".estimate-result .alert-warning"))
