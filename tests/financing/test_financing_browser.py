import pytest

from financing.models import FinancingPlan
from tests.browser import DESKTOP, PHONE, assert_accessible, assert_fits_the_width, save_screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def twelve_months():
    return FinancingPlan.objects.get(months=12, kind=FinancingPlan.Kind.DEFERRED_INTEREST)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_financing_page_is_accessible_blank_with_an_estimate_and_with_errors(
    initial_content, page, live_server, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/financing/")
    assert_accessible(page)

    page.get_by_label("Treatment cost in dollars").fill("$1,500")
    page.get_by_label("Financing plan").select_option(str(twelve_months().pk))
    page.get_by_role("button", name="Estimate my payment").click()
    page.get_by_role("status").wait_for()
    assert "$125.00 a month" in page.get_by_role("status").inner_text()
    assert page.get_by_label("Treatment cost in dollars").input_value() == "$1,500.00"
    assert_accessible(page)

    page.get_by_label("Treatment cost in dollars").fill("1e3")
    page.get_by_label("Financing plan").select_option("")
    page.get_by_role("button", name="Estimate my payment").click()
    page.get_by_role("alert").wait_for()
    assert page.get_by_role("alert").get_by_role("link").all_inner_texts() == [
        "Enter the cost as a number.",
        "Choose a financing plan.",
    ]
    assert page.get_by_label("Treatment cost in dollars").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    assert_fits_the_width(page)


def test_the_estimate_never_breaks_a_phrase_on_a_phone(initial_content, page, live_server):
    page.set_viewport_size(PHONE)
    six_months = FinancingPlan.objects.get(months=6, kind=FinancingPlan.Kind.DEFERRED_INTEREST)
    page.goto(f"{live_server.url}/financing/?amount=50000&plan={six_months.pk}")  # the longest payment there is
    result = page.get_by_role("status")
    assert result.locator(".estimate-amount").inner_text() == "$8,333.34 a month"
    for phrase in (result.locator(".estimate-amount"), result.locator(".estimate-months")):
        assert phrase.evaluate("span => span.getClientRects().length") == 1, phrase.inner_text()  # one line box
    assert_fits_the_width(page)


def test_plans_take_little_room_on_a_phone(initial_content, page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/financing/")
    plans = page.locator('section[aria-labelledby="plans-heading"]')
    assert plans.locator("tbody tr").count() == FinancingPlan.objects.filter(is_active=True).count()
    assert plans.locator("tbody tr").first.evaluate("row => getComputedStyle(row).display") == "table-row"
    assert plans.bounding_box()["height"] < 1000  # eight plans; stacked cards took 2,250 px
    assert_fits_the_width(page)


def test_financing_screenshots(initial_content, page, live_server):
    save_screenshots(page, f"{live_server.url}/financing/?amount=1500&plan={twelve_months().pk}#estimate", "financing")
    assert page.get_by_role("heading", name="Paying for care").is_visible()
    for viewport in (PHONE, DESKTOP):  # the estimate asked for in the address is shown at both widths
        page.set_viewport_size(viewport)
        assert "$125.00" in page.get_by_role("status").inner_text()
        assert page.get_by_role("status").is_visible()
        assert_fits_the_width(page)
