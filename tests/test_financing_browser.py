import pytest

from financing.models import FinancingPlan
from tests.browser import DESKTOP, PHONE, assert_accessible, assert_fits_the_width, save_screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_financing_page_is_accessible_plain_with_an_estimate_and_with_errors(initial_content, page, live_server):
    twelve_months = FinancingPlan.objects.get(months=12, kind=FinancingPlan.Kind.DEFERRED_INTEREST)
    page.goto(live_server.url + "/financing/")
    assert_accessible(page)

    page.get_by_label("Treatment cost in dollars").fill("1500")
    page.get_by_label("Financing plan").select_option(str(twelve_months.pk))
    page.get_by_role("button", name="Estimate my payment").click()
    page.get_by_role("status").wait_for()
    assert "$125.00" in page.get_by_role("status").inner_text()
    assert_accessible(page)

    page.get_by_label("Treatment cost in dollars").fill("lots")
    page.get_by_role("button", name="Estimate my payment").click()
    page.get_by_role("alert").wait_for()
    assert "Enter the cost as a number" in page.get_by_role("alert").inner_text()
    assert_accessible(page)


def test_financing_screenshots(initial_content, page, live_server):
    twelve_months = FinancingPlan.objects.get(months=12, kind=FinancingPlan.Kind.DEFERRED_INTEREST)
    save_screenshots(page, f"{live_server.url}/financing/?amount=1500&plan={twelve_months.pk}#estimate", "financing")
    assert page.get_by_role("heading", name="Paying for care").is_visible()
    for viewport in (PHONE, DESKTOP):  # the estimate asked for in the address is shown at both widths
        page.set_viewport_size(viewport)
        assert "$125.00" in page.get_by_role("status").inner_text()
        assert page.get_by_role("status").is_visible()
        assert_fits_the_width(page)
