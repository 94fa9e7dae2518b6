""" "No interest" never stands alone: every page in the sitemap that says it, in either language, says that
interest is charged from the purchase date otherwise, and the home and costs pages say it in the same paragraph."""

import xml.etree.ElementTree as ElementTree

import pytest

from financing.models import FinancingPlan
from sitetext.selectors import current_texts
from tests.markup import soup, text
from treatments.models import Pricing, Treatment

pytestmark = pytest.mark.django_db

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
NO_INTEREST = {"en": "no interest", "es": "sin intereses"}


def pages_to_read(client):
    """Every page in /sitemap.xml, the financing page with an estimate on a "no interest" plan, and the estimator
    as a treatment's price opens it."""
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    paths = [loc.text.removeprefix("http://testserver") for loc in urlset.findall("sm:url/sm:loc", SITEMAP)]
    plan = FinancingPlan.objects.filter(kind=FinancingPlan.Kind.DEFERRED_INTEREST).first()
    estimates = [f"{prefix}/financing/?amount=1000&plan={plan.pk}" for prefix in ("", "/es")]
    return [*paths, *estimates, *(f"{prefix}/financing/?amount=450" for prefix in ("", "/es"))]


def claims(element, language):
    """The smallest elements whose text says "no interest" (their own words, not a child's)."""
    phrase = NO_INTEREST[language]
    return [
        string.parent
        for string in element.find_all(string=True)
        if phrase in string.lower() and string.parent.name not in ("script", "style", "title")
    ]


def test_no_page_says_no_interest_without_the_warning(client, initial_content):
    # A treatment with a price: its page and the costs page show the price line and the link to the estimator.
    Treatment.objects.filter(slug="iv-ketamine-infusion").update(pricing=Pricing.EXACT, price=450)
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
    # Both home pages and both costs pages (the teaser) and both financing pages say it, so the walk really checked
    # something.
    assert {"/", "/es/", "/financing/", "/es/financing/", "/costs/", "/es/costs/"} <= said


@pytest.mark.parametrize("path", ["/", "/costs/"], ids=["home", "costs"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_financing_teaser_says_it_in_the_same_paragraph(client, initial_content, language, path):
    """The home page's financing section, and the costs page's paying-over-time section beside the prices."""
    page = soup(client.get(path if language == "en" else f"/es{path}"))
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
