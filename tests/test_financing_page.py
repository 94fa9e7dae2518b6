"""/financing/: CareCredit and its plans from the database, and the estimator's answers to any input."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.roles import CONTENT_EDITORS
from financing.models import FinancingFaq, FinancingPlan, FinancingProgram
from tests.factories import FinancingPlanFactory, FinancingProgramFactory
from tests.markup import soup, text

pytestmark = pytest.mark.django_db
URL = "/financing/"


def plan(months, kind=FinancingPlan.Kind.DEFERRED_INTEREST):
    return FinancingPlan.objects.get(months=months, kind=kind)


def estimate(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_page_shows_the_program_plans_disclosures_and_faqs_from_the_database(client, initial_content):
    html = client.get(URL).content.decode()
    program = FinancingProgram.objects.get()
    assert program.name in html and "Synchrony" in html and "soft credit check" in html
    table = soup(html).main.find("table")
    assert text(table.caption) and table.select('th[scope="col"]')
    for active_plan in FinancingPlan.objects.filter(is_active=True):
        assert f"{active_plan.months} months" in html
    assert "Subject to credit approval" in html
    assert "from the purchase date" in html
    for faq in FinancingFaq.objects.all():
        assert faq.question in html


def test_blank_apr_plan_is_shown_with_a_plain_note(client, initial_content):
    assert plan(60, FinancingPlan.Kind.FIXED_APR).apr is None
    assert "APR set by CareCredit when you apply" in client.get(URL).content.decode()


def test_an_edit_in_admin_shows_on_the_next_request(client, initial_content, staff_client):
    client.get(URL)  # cached now
    staff = staff_client(CONTENT_EDITORS)
    fixed = plan(36, FinancingPlan.Kind.FIXED_APR)
    response = staff.post(
        reverse("admin:financing_financingplan_change", args=[fixed.pk]),
        {
            "program": fixed.program_id,
            "kind": fixed.kind,
            "months": 36,
            "minimum_purchase": "1000.00",
            "apr": "14.90",
            "is_active": "on",
            "ordering": fixed.ordering,
        },
    )
    assert response.status_code == 302
    assert "14.90% APR" in client.get(URL).content.decode()


def test_inactive_plans_are_not_listed_or_offered(client, initial_content):
    FinancingPlan.objects.filter(months=18).update(is_active=False)
    FinancingProgram.objects.get().save()  # bulk updates skip signals; a save clears the page cache
    html = client.get(URL).content.decode()
    assert "18 months" not in html


def test_home_page_teaser_reads_the_same_data(client, initial_content):
    html = client.get("/").content.decode()
    assert "6, 12, 18 or 24 months" in html and "$200 or more" in html
    FinancingPlan.objects.filter(months=6).delete()
    assert "12, 18 or 24 months" in client.get("/").content.decode()


@pytest.mark.parametrize("new_program_has_plans", [True, False])
def test_home_teaser_follows_the_same_program_as_the_financing_page(client, initial_content, new_program_has_plans):
    # A second active program whose name sorts first becomes the one both pages show.
    program = FinancingProgramFactory(name="Alpha Health Credit", summary="The Alpha plan summary.")
    if new_program_has_plans:
        FinancingPlanFactory(program=program, months=9, minimum_purchase=Decimal("350.00"))
    home = client.get("/").content.decode()
    assert "Alpha Health Credit" in client.get(URL).content.decode()
    assert "The Alpha plan summary." in home
    assert ("9 months on purchases of $350 or more" in home) is new_program_has_plans
    assert "6, 12, 18 or 24 months" not in home


def test_home_teaser_without_any_active_program_points_to_the_financing_page(client, initial_content):
    FinancingProgram.objects.update(is_active=False)
    FinancingProgram.objects.get().save()  # bulk updates skip signals; a save clears the page cache
    assert "Ask us about ways to pay for treatment." in client.get("/").content.decode()


def test_deferred_interest_estimate_with_its_warning(client, initial_content):
    html = estimate(client, amount="1000", plan=plan(12).pk)
    assert "Estimated monthly payment" in html and "$83.34" in html
    assert "from the purchase date" in html and "estimate" in html


def test_fixed_apr_estimate_uses_amortization(client, initial_content):
    fixed = plan(24, FinancingPlan.Kind.FIXED_APR)
    fixed.apr = Decimal("12.00")
    fixed.save()
    html = estimate(client, amount="1000", plan=fixed.pk)
    assert "$47.08" in html  # 1000 × 0.01 / (1 − 1.01^−24) = 47.0735 → 47.08


def test_amount_typed_with_dollar_sign_and_commas_is_understood(client, initial_content):
    assert "$125.00" in estimate(client, amount=" $1,500.00 ", plan=plan(12).pk)


def test_form_works_without_javascript_as_a_plain_get_form(client, initial_content):
    html = client.get(URL).content.decode()
    assert 'method="get"' in html and 'action="/financing/#estimate"' in html


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("", "Enter the treatment cost"),
        ("-50", "greater than $0"),
        ("0", "greater than $0"),
        ("abc", "Enter the cost as a number"),
        ("12.345", "dollars and cents only"),
        ("50000.01", "$50,000 or less"),
        ("99999999999", "$50,000 or less"),
        ("1e5", "$50,000 or less"),
        ("NaN", "Enter the cost as a number"),
        ("Infinity", "Enter the cost as a number"),
        ("<script>alert(1)</script>", "Enter the cost as a number"),
        ("150", "purchases of $200.00 or more"),
    ],
)
def test_bad_amounts_get_a_clear_message_next_to_the_field(client, initial_content, amount, message):
    html = estimate(client, amount=amount, plan=plan(12).pk)
    assert message in html
    page = soup(html)
    amount = page.find("input", attrs={"name": "amount"})
    assert text(page.find(id="id_amount_error")) and amount["aria-invalid"] == "true"
    assert "id_amount_error" in amount["aria-describedby"].split()
    assert "Estimated monthly payment" not in text(page)
    assert not [script for script in page.find_all("script") if "alert" in script.get_text()]


@pytest.mark.parametrize("plan_value", ["", "999999", "abc", "-1", "1.5"])
def test_missing_or_unknown_plans_get_a_clear_message(client, initial_content, plan_value):
    html = estimate(client, amount="1000", plan=plan_value)
    error = soup(html).find(id="id_plan_error")
    assert "Choose a financing plan" in text(error) or "not offered now" in text(error)


def test_inactive_plan_cannot_be_estimated(client, initial_content):
    inactive = plan(18)
    inactive.is_active = False
    inactive.save()
    assert "not offered now" in estimate(client, amount="1000", plan=inactive.pk)


def test_blank_apr_plan_gets_a_clear_message_not_an_error(client, initial_content):
    html = estimate(client, amount="2000", plan=plan(48, FinancingPlan.Kind.FIXED_APR).pk)
    assert "We can’t estimate this plan yet" in html


def test_input_is_kept_when_there_is_an_error(client, initial_content):
    html = estimate(client, amount="150", plan=plan(12).pk)
    page = soup(html)
    assert page.find("input", attrs={"name": "amount"})["value"] == "150"
    selected = page.find("select", attrs={"name": "plan"}).find_all("option", selected=True)
    assert [option["value"] for option in selected] == [str(plan(12).pk)]


def test_page_without_a_program_still_renders(client, initial_content):
    FinancingProgram.objects.all().delete()
    response = client.get(URL)
    assert response.status_code == 200 and "Please call us" in response.content.decode()


def test_page_and_estimate_need_a_small_fixed_number_of_queries(client, initial_content, django_assert_max_num_queries):
    from tests.factories import FinancingPlanFactory

    program = FinancingProgram.objects.get()
    for months in range(30, 90):
        FinancingPlanFactory(program=program, months=months)
    twelve_months = plan(12).pk
    with django_assert_max_num_queries(5):  # clinic record, page texts, program, its plans, FAQs
        assert client.get(URL, {"amount": "1000", "plan": twelve_months}).status_code == 200
