"""Costs and insurance in a real browser: the costs page and a treatment's price line are accessible at 390 and 1280 px
in both languages, and a price opens the estimator with its amount filled in, without JavaScript."""

import pytest

from financing.models import FinancingPlan
from tests.browser import DESKTOP, PHONE, assert_accessible, assert_fits_the_width, save_screenshots
from treatments.models import Pricing, Treatment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("initial_content")]


@pytest.fixture
def priced():
    """IV with a price and IM with a "from" price; Spravato and KAP as shipped ("ask us", and coming soon)."""
    Treatment.objects.filter(slug="iv-ketamine-infusion").update(
        pricing=Pricing.EXACT, price=450, price_note="for one treatment", price_note_es="por un tratamiento"
    )
    Treatment.objects.filter(slug="intramuscular-ketamine").update(pricing=Pricing.FROM, price=1200)


PATHS = [
    "/costs/",
    "/es/costs/",
    "/treatments/iv-ketamine-infusion/",
    "/es/treatments/intramuscular-ketamine/",
    "/treatments/spravato/",
    "/es/treatments/ketamine-assisted-psychotherapy/",
]


@pytest.mark.parametrize("path", PATHS)
def test_the_costs_page_and_price_lines_have_no_accessibility_violations_at_both_widths(
    page, live_server, priced, path
):
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        response = page.goto(live_server.url + path)
        assert response.status == 200
        assert page.locator("dl.cost-facts:visible").count() >= 1
        assert_accessible(page)
        assert_fits_the_width(page)


@pytest.mark.parametrize(
    ("prefix", "link_name", "amount_label"),
    [
        ("", "Estimate a monthly payment for IV ketamine infusion", "Treatment cost in dollars"),
        ("/es", "Calcule un pago mensual para Infusión intravenosa (IV) de ketamina", None),
    ],
    ids=["en", "es"],
)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_a_price_opens_the_estimator_with_it_and_an_estimate_follows_without_javascript(
    browser, live_server, priced, viewport, prefix, link_name, amount_label
):
    context = browser.new_context(java_script_enabled=False, viewport=viewport)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{prefix}/costs/")
        page.get_by_role("link", name=link_name).click()
        page.wait_for_url(f"{live_server.url}{prefix}/financing/?amount=450#estimate")
        form = page.locator("form.estimate-form")
        amount = form.get_by_label(amount_label) if amount_label else form.locator("input[name=amount]")
        assert amount.input_value() == "$450.00"
        assert page.get_by_role("alert").count() == 0  # nothing to correct: the patient picks a plan
        twelve = FinancingPlan.objects.get(months=12, kind=FinancingPlan.Kind.DEFERRED_INTEREST)
        form.locator("select[name=plan]").select_option(str(twelve.pk))
        form.get_by_role("button").click()
        page.wait_for_url("**/financing/?amount=*&plan=*")
        assert "$37.50" in page.get_by_role("status").inner_text()  # $450 over 12 months
    finally:
        context.close()


def test_screenshots_of_the_costs_page_and_a_price_line(page, live_server, priced):
    for path, name in [
        ("/costs/", "costs"),
        ("/es/costs/", "costs-es"),
        ("/treatments/iv-ketamine-infusion/#cost-heading", "treatment-price-line"),
        ("/es/treatments/spravato/#cost-heading", "treatment-price-line-es-spravato"),
    ]:
        save_screenshots(page, live_server.url + path, name)  # fits 390 px, crisis help and call link on screen
