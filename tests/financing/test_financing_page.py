"""/financing/: CareCredit and its plans from the database, and the estimator's answers to any input."""

from decimal import Decimal

import pytest
from django.urls import reverse

from content.page_cache import page_frame
from financing.models import FinancingFaq, FinancingPlan, FinancingProgram
from sitetext.models import SiteText
from staff.roles import CONTENT_EDITORS
from tests.factories import FinancingPlanFactory, FinancingProgramFactory
from tests.markup import hrefs, soup, text

pytestmark = pytest.mark.django_db
URL = "/financing/"
DEFERRED, FIXED = FinancingPlan.Kind.DEFERRED_INTEREST, FinancingPlan.Kind.FIXED_APR


def plan(months, kind=DEFERRED):
    return FinancingPlan.objects.get(months=months, kind=kind)


def confirm(fixed_plan, *, minimum="1000.00", apr="12.00"):
    """Staff enter the figures CareCredit confirmed for a fixed-payment plan."""
    fixed_plan.minimum_purchase, fixed_plan.apr = Decimal(minimum), Decimal(apr) if apr else None
    fixed_plan.save()
    return fixed_plan


def estimate(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return soup(response)


def offered(page):
    """The plans in the estimator's list, by id."""
    return [option["value"] for option in page.find("select", attrs={"name": "plan"}).find_all("option")][1:]


def plans_table_rows(page, kind):
    table = page.find("table", attrs={"aria-labelledby": f"plans-{kind}"})
    return {text(row.th): [text(cell) for cell in row.find_all("td")] for row in table.tbody.find_all("tr")}


def test_page_shows_the_program_plans_terms_and_faqs_from_the_database(client, initial_content):
    page = soup(client.get(URL))
    main = page.main
    program = FinancingProgram.objects.get()
    assert "Synchrony" in text(main) and program.summary in text(main)
    assert "Subject to credit approval" in text(main) and "from the purchase date" in text(main)
    assert plans_table_rows(page, DEFERRED) == {f"{months} months": ["$200 or more"] for months in (6, 12, 18, 24)}
    assert list(plans_table_rows(page, FIXED)) == [f"{months} months" for months in (24, 36, 48, 60)]
    for faq in FinancingFaq.objects.all():
        assert faq.question in text(main)


@pytest.mark.parametrize("with_an_estimate", [False, True])
def test_each_fact_is_said_once_and_nothing_the_brief_does_not_say(client, initial_content, with_an_estimate):
    params = {"amount": "1500", "plan": plan(12).pk} if with_an_estimate else {}
    words = text(estimate(client, **params).main).lower()
    for fact in [
        "subject to credit approval",
        "soft credit check",
        "not an offer of credit",
        "not insurance",
        "prior authorization",
    ]:
        assert words.count(fact) == 1, fact
    # The one fact said more than once: interest from the purchase date follows every "no interest if paid in
    # full" (the plans table, an estimate on such a plan) and closes the terms.
    assert words.count("from the purchase date") == (3 if with_an_estimate else 2)
    for unsupported in [
        "clears the balance in time",
        "pays the clinic",
        "you pay carecredit",
        "does not affect your credit",
        "ones that count",
        "we will help",
        "$1,000",
        "apr is set by carecredit",
    ]:
        assert unsupported not in words


def test_plans_without_the_figures_an_estimate_needs_are_listed_with_ask_us_but_not_offered(client, initial_content):
    unconfirmed = FinancingPlan.objects.missing_estimate_figures()
    assert set(unconfirmed.values_list("kind", flat=True)) == {FIXED}  # as shipped: no minimum or APR yet
    page = estimate(client)
    ask_us = [cell for cells in plans_table_rows(page, FIXED).values() for cell in cells]
    assert ask_us == ["Ask us: (619) 555-0100"] * unconfirmed.count()
    assert set(hrefs(page.find("table", attrs={"aria-labelledby": f"plans-{FIXED}"}))) == {"tel:+16195550100"}
    assert offered(page) == [str(pk) for pk in FinancingPlan.objects.estimable().values_list("pk", flat=True)]
    assert "Ask us" in text(page.find(id="id_plan_helptext"))  # the list says why some plans are not in it
    assert "We can’t estimate this plan yet" not in text(page)


def test_a_confirmed_fixed_plan_shows_its_figures_and_joins_the_estimator(client, initial_content):
    fixed = confirm(plan(36, FIXED), apr="14.90")
    half_confirmed = confirm(plan(48, FIXED), apr=None)
    page = estimate(client)
    rows = plans_table_rows(page, FIXED)
    assert rows["36 months"] == ["$1,000 or more", "14.90%"]
    assert rows["48 months"] == ["$1,000 or more", "Ask us: (619) 555-0100"]
    assert str(fixed.pk) in offered(page) and str(half_confirmed.pk) not in offered(page)


def test_can_estimate_and_the_queryset_agree(initial_content):
    program = FinancingProgram.objects.get()
    FinancingPlanFactory(program=program, kind=DEFERRED, months=9, minimum_purchase=None)
    FinancingPlanFactory(program=program, kind=FIXED, months=30, minimum_purchase=Decimal("500"), apr=Decimal("0"))
    estimable = set(FinancingPlan.objects.estimable())
    assert estimable == {each for each in FinancingPlan.objects.all() if each.can_estimate}
    assert set(FinancingPlan.objects.missing_estimate_figures()).isdisjoint(estimable)
    assert FinancingPlan.objects.estimable().count() + FinancingPlan.objects.missing_estimate_figures().count() == 10


def test_with_no_plan_to_estimate_the_estimator_says_to_call_instead_of_a_form(client, initial_content):
    FinancingPlan.objects.filter(kind=DEFERRED).update(is_active=False)
    page = estimate(client)
    estimator = page.find(id="estimate")
    assert estimator.find("form") is None
    assert "tel:+16195550100" in hrefs(estimator)


def test_an_edit_in_admin_shows_on_the_next_request(client, initial_content, staff_client):
    client.get(URL)  # cached now
    staff = staff_client(CONTENT_EDITORS)
    fixed = plan(36, FIXED)
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
    assert plans_table_rows(estimate(client), FIXED)["36 months"] == ["$1,000 or more", "14.90%"]


def test_inactive_plans_are_not_listed_or_offered(client, initial_content):
    FinancingPlan.objects.filter(months=18).update(is_active=False)
    page = estimate(client)
    assert "18 months" not in plans_table_rows(page, DEFERRED)
    assert str(plan(18).pk) not in offered(page)


def test_home_page_teaser_reads_the_same_data(client, initial_content):
    html = text(soup(client.get("/")).main)
    assert "no interest if paid in full within 6, 12, 18 or 24 months on purchases of $200 or more" in html
    FinancingPlan.objects.filter(months=6).delete()
    assert "within 12, 18 or 24 months" in text(soup(client.get("/")).main)


@pytest.mark.parametrize("new_program_has_plans", [True, False])
def test_home_teaser_follows_the_same_program_as_the_financing_page(client, initial_content, new_program_has_plans):
    # A second active program whose name sorts first becomes the one both pages show.
    program = FinancingProgramFactory(name="Alpha Health Credit", summary="The Alpha plan summary.")
    if new_program_has_plans:
        FinancingPlanFactory(program=program, months=9, minimum_purchase=Decimal("350.00"))
    home = text(soup(client.get("/")).main)
    assert "Alpha Health Credit" in text(soup(client.get(URL)).main)
    assert "The Alpha plan summary." in home
    assert ("within 9 months on purchases of $350 or more" in home) is new_program_has_plans
    assert "6, 12, 18 or 24 months" not in home


def test_home_teaser_without_any_active_program_gives_the_phone_number(client, initial_content):
    FinancingProgram.objects.update(is_active=False)
    main = soup(client.get("/")).main
    assert "Ask us about ways to pay for treatment." in text(main)
    assert "tel:+16195550100" in hrefs(main)


def test_the_fixed_words_are_page_texts_staff_can_reword(client, initial_content):
    rewording = {
        "financing.heading": "Ways to pay",
        "financing.result.per_month": "{monthly} every month",
        "home.financing_teaser.button": "Read about paying over time",
    }
    for key, words in rewording.items():
        SiteText.objects.filter(key=key).update(text=words)
    page = estimate(client, amount="1200", plan=plan(12).pk)
    assert text(page.h1) == "Ways to pay"
    assert text(page.select_one(".estimate-result .estimate-amount")) == "$100.00 every month"
    assert "Read about paying over time" in [text(link) for link in soup(client.get("/")).main.find_all("a")]


def test_deferred_interest_estimate_warns_of_interest_from_the_purchase_date(client, initial_content):
    result = estimate(client, amount="1000", plan=plan(12).pk).select_one(".estimate-result")
    assert text(result.select_one(".estimate-amount")) == "$83.34 a month"
    assert text(result.select_one(".estimate-months")) == "for 12 months"
    note = text(result.select_one(".alert-warning"))
    assert note == (
        "To pay no interest, the whole $1,000.00 must be paid off within 12 months. "
        "If the balance is not paid in full in time, interest is charged from the purchase date."
    )


def test_fixed_apr_estimate_uses_amortization(client, initial_content):
    fixed = confirm(plan(24, FIXED), apr="12.00")
    result = estimate(client, amount="1000", plan=fixed.pk).select_one(".estimate-result")
    assert text(result.select_one(".estimate-amount")) == "$47.08 a month"  # 1000 × 0.01 / (1 − 1.01^−24) → 47.08
    assert "At 12.00% APR, that is about $129.92 in interest and $1,129.92 in all." in text(result)


@pytest.mark.parametrize("typed", ["2500", "2,500", "$2,500", " $2,500.00 ", "2500.0"])
def test_an_amount_written_any_accepted_way_is_shown_back_as_dollars_and_cents(client, initial_content, typed):
    page = estimate(client, amount=typed, plan=plan(24).pk)
    assert page.find("input", attrs={"name": "amount"})["value"] == "$2,500.00"
    assert "For a cost of $2,500.00" in text(page.select_one(".estimate-result"))


def test_form_works_without_javascript_as_a_plain_get_form(client, initial_content):
    form = soup(client.get(URL)).find("form", class_="estimate-form")
    assert form["method"] == "get" and form["action"] == "/financing/#estimate"


def errors_on_the_page(page):
    """Each error message on the page: where it is shown, as (message, place) pairs in page order."""
    summary = page.find(id="estimate-errors")
    shown = [(text(item), "summary " + item.a["href"]) for item in summary.find_all("li")] if summary else []
    for feedback in page.select(".invalid-feedback"):
        field = feedback["id"].removesuffix("_error")
        shown += [(text(message), "beside #" + field) for message in feedback.find_all("p")]
    return shown


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("", "Enter the treatment cost."),
        ("-50", "Enter a cost greater than $0."),
        ("0", "Enter a cost greater than $0."),
        ("abc", "Enter the cost as a number."),
        ("1e3", "Enter the cost as a number."),
        ("NaN", "Enter the cost as a number."),
        ("Infinity", "Enter the cost as a number."),
        ("<script>alert(1)</script>", "Enter the cost as a number."),
        ("2,50,0", "Check the commas: put one before each group of three digits, or leave them out."),
        ("12.345", "Enter dollars and cents only: at most two digits after the decimal point."),
        ("50000.01", "Enter a cost of $50,000.00 or less."),
        ("99999999999", "Enter a cost of $50,000.00 or less."),  # once: it used to be said twice
        ("150", "This plan is for purchases of $200.00 or more. Enter a larger cost or choose another plan."),
    ],
)
def test_each_amount_error_is_shown_once_beside_the_field_and_once_in_the_summary(
    client, initial_content, amount, message
):
    page = estimate(client, amount=amount, plan=plan(12).pk)
    assert errors_on_the_page(page) == [(message, "summary #id_amount"), (message, "beside #id_amount")]
    field = page.find("input", attrs={"name": "amount"})
    assert field["aria-invalid"] == "true"
    assert field["aria-describedby"].split() == ["id_amount_helptext", "id_amount_error"]
    assert page.find(id="estimate-errors")["role"] == "alert"
    assert text(page.find(id="estimate-errors").h3) == "Please check the estimate form"
    assert page.select_one(".estimate-result") is None
    assert not [script for script in page.find_all("script") if "alert" in script.get_text()]


def test_two_mistakes_are_each_shown_once_beside_their_own_field(client, initial_content):
    page = estimate(client, amount="2,50,0", plan="")
    commas = "Check the commas: put one before each group of three digits, or leave them out."
    assert errors_on_the_page(page) == [
        (commas, "summary #id_amount"),
        ("Choose a financing plan.", "summary #id_plan"),
        (commas, "beside #id_amount"),
        ("Choose a financing plan.", "beside #id_plan"),
    ]
    assert text(page.title).startswith("Please check the estimate form · ")


@pytest.mark.parametrize("plan_value", ["", "999999", "abc", "-1", "1.5"])
def test_missing_or_unknown_plans_get_a_clear_message(client, initial_content, plan_value):
    page = estimate(client, amount="1000", plan=plan_value)
    beside = [message for message, place in errors_on_the_page(page) if place == "beside #id_plan"]
    unknown = "That plan is not in this estimate. Choose one from the list."
    assert beside == ["Choose a financing plan." if plan_value == "" else unknown]
    select = page.find("select", attrs={"name": "plan"})
    assert select["aria-invalid"] == "true" and "id_plan_error" in select["aria-describedby"].split()


@pytest.mark.parametrize("reason", ["inactive", "no APR yet"])
def test_a_plan_the_estimator_does_not_offer_gets_a_clear_message_from_an_old_link(client, initial_content, reason):
    if reason == "inactive":
        chosen = plan(18)
        chosen.is_active = False
        chosen.save()
    else:
        chosen = plan(48, FIXED)
    page = estimate(client, amount="2000", plan=chosen.pk)
    assert ("That plan is not in this estimate. Choose one from the list.", "beside #id_plan") in errors_on_the_page(
        page
    )


def test_input_is_kept_when_there_is_an_error(client, initial_content):
    page = estimate(client, amount="1,50", plan=plan(12).pk)
    assert page.find("input", attrs={"name": "amount"})["value"] == "1,50"  # as typed, to correct
    selected = page.find("select", attrs={"name": "plan"}).find_all("option", selected=True)
    assert [option["value"] for option in selected] == [str(plan(12).pk)]


def test_page_without_a_program_still_renders_with_the_phone_number(client, initial_content):
    FinancingProgram.objects.all().delete()
    response = client.get(URL)
    assert response.status_code == 200
    main = soup(response).main
    assert "Please call us" not in text(main) and "tel:+16195550100" in hrefs(main)
    assert text(main.h1) == "Paying for care"


def test_page_and_estimate_need_a_small_fixed_number_of_queries(client, initial_content, django_assert_max_num_queries):
    program = FinancingProgram.objects.get()
    for months in range(30, 90):
        FinancingPlanFactory(program=program, months=months)
    twelve_months = plan(12).pk
    page_frame()  # what every page shares, read by any page before this one (content.page_cache)
    # program, plans, FAQs
    with django_assert_max_num_queries(3):
        assert client.get(URL, {"amount": "1000", "plan": twelve_months}).status_code == 200
