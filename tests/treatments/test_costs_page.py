"""Costs and insurance (issue 23.4): each treatment's price line (a price, a "from" price or "ask us", chosen by staff)
and what insurance may cover, on its page and on /costs/ (/es/costs/); the estimator opened with a price; a treatment
coming soon never looking bookable; the choice on the go-live checklist; a price change under clinical review."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from clinic.models import MenuLink
from content.go_live import go_live_issues
from financing.models import FinancingProgram
from publishing.models import PageChange
from publishing.selectors import open_change
from sitetext.selectors import current_texts
from tests.markup import accessible_name, form_values, hrefs, soup, text
from tests.publishing.test_publishing import change_form, submit
from tests.translation.test_spanish_emails_and_sitemap import sitemap_urls
from treatments.initial_content import load_initial_content
from treatments.models import Pricing, Treatment

pytestmark = pytest.mark.django_db

LANGUAGES = pytest.mark.parametrize("prefix", ["", "/es"], ids=["en", "es"])
SPRAVATO_INSURANCE = {
    "": "Spravato is often covered by insurance, usually after prior authorization.",
    "/es": "Muchas veces el seguro médico cubre Spravato, por lo general después de una autorización previa.",
}


def language(prefix):
    return "es" if prefix else "en"


def price_lines(response):
    """{treatment name: {label: words}} of the costs page's cards."""
    return {
        text(card.h3): {text(row.dt): text(row.dd) for row in card.select("dl.cost-facts > div")}
        for card in soup(response).select(".cost-card")
    }


def cost_section(client, treatment, prefix=""):
    page = soup(client.get(f"{prefix}{treatment.get_absolute_url()}"))
    return page.find("section", attrs={"aria-labelledby": "cost-heading"})


def set_price(slug, pricing, price=None, note=""):
    treatment = Treatment.objects.get(slug=slug)
    treatment.pricing, treatment.price, treatment.price_note = pricing, price, note
    treatment.save()
    return treatment


@LANGUAGES
def test_the_costs_page_lists_each_published_treatment_asking_us_as_shipped(client, initial_content, prefix):
    response = client.get(f"{prefix}/costs/")
    assert response.status_code == 200
    texts = current_texts(language(prefix))
    lines = price_lines(response)
    published = Treatment.objects.published()
    assert list(lines) == [treatment.name_es if prefix else treatment.name for treatment in published]
    price, insurance = texts["cost.price_label"], texts["cost.insurance_label"]
    for treatment in published:
        line = lines[treatment.name_es if prefix else treatment.name]
        if treatment.is_coming_soon:  # never an invitation to call about a treatment not offered yet
            assert line == {price: texts["cost.ask_us_coming_soon"]}
            continue
        assert line[price].startswith(text(soup(texts["cost.ask_us"].split("[")[0])))  # no figure: "ask us"
        assert "$" not in line[price]
        if treatment.slug == "spravato":
            assert line[insurance].startswith(SPRAVATO_INSURANCE[prefix])
        else:
            assert line[insurance] == texts["cost.insurance_ask"]
    page = soup(response)
    assert text(page.h1) == texts["costs.heading"]
    assert page.find("section", attrs={"aria-labelledby": "insurance-heading"})
    assert f"{prefix}/financing/" in hrefs(page.find("section", attrs={"aria-labelledby": "paying-heading"}))


def test_ask_us_calls_the_clinic_and_offers_a_call_back_only_where_one_can_be_asked_for(client, initial_content):
    page = soup(client.get("/costs/"))
    by_slug = {card.h3.a["href"].split("/")[2]: card for card in page.select(".cost-card")}  # /treatments/<slug>/
    for slug, card in by_slug.items():
        links = hrefs(card.dl)
        treatment = Treatment.objects.get(slug=slug)
        assert any(href.startswith("tel:") for href in links) == (not treatment.is_coming_soon), slug
        assert any(href.endswith("/request-a-call/") for href in links) == treatment.is_bookable, slug
    (call_back,) = [link for link in by_slug["iv-ketamine-infusion"].find_all("a") if "request-a-call" in link["href"]]
    assert accessible_name(call_back) == "Or ask us to call you about IV ketamine infusion"


def test_a_treatment_coming_soon_never_looks_bookable_on_the_costs_page(client, initial_content):
    kap = Treatment.objects.get(slug="ketamine-assisted-psychotherapy")
    card = next(card for card in soup(client.get("/costs/")).select(".cost-card") if kap.slug in card.h3.a["href"])
    assert [href for href in hrefs(card)] == [kap.get_absolute_url()]
    for fragment in (card, cost_section(client, kap)):
        assert "tel:" not in " ".join(hrefs(fragment)) and not fragment.find("form")
    set_price(kap.slug, Pricing.EXACT, 300)  # even with a price, no estimate for a treatment not offered yet
    assert "/financing/?amount=" not in " ".join(hrefs(cost_section(client, kap)))


@LANGUAGES
def test_a_price_a_from_price_and_their_estimator_links(client, initial_content, prefix):
    iv = set_price("iv-ketamine-infusion", Pricing.EXACT, 450, "for one treatment")
    Treatment.objects.filter(pk=iv.pk).update(price_note_es="por un tratamiento")
    im = set_price("intramuscular-ketamine", Pricing.FROM, 1200)
    texts = current_texts(language(prefix))
    lines = price_lines(client.get(f"{prefix}/costs/"))
    iv_name, im_name = (iv.name_es, im.name_es) if prefix else (iv.name, im.name)
    price = texts["cost.price_label"]
    assert lines[iv_name][price] == ("$450 por un tratamiento" if prefix else "$450 for one treatment")
    assert lines[im_name][price] == texts["cost.from_price"].format(price="$1,200")
    for treatment, amount in ((iv, 450), (im, 1200)):
        section = cost_section(client, treatment, prefix)
        assert text(section.dl) == text(
            next(
                card
                for card in soup(client.get(f"{prefix}/costs/")).select(".cost-card")
                if treatment.slug in card.h3.a["href"]
            ).dl
        )  # the same price line on both pages
        (link,) = section.select("a.estimate-link")
        assert link["href"] == f"{prefix}/financing/?amount={amount}#estimate"
        name = accessible_name(link)
        assert name.startswith(texts["cost.estimate_link"]) and name.endswith(
            treatment.name_es if prefix else treatment.name
        )
    assert not cost_section(client, Treatment.objects.get(slug="spravato"), prefix).select("a.estimate-link")


def test_no_estimator_link_without_a_financing_program(client, initial_content):
    iv = set_price("iv-ketamine-infusion", Pricing.EXACT, 450)
    FinancingProgram.objects.update(is_active=False)
    assert not cost_section(client, iv).select("a.estimate-link")
    assert "$450" in text(cost_section(client, iv))


@LANGUAGES
def test_the_estimator_opens_with_the_price_filled_in_and_no_mistake_shown(client, initial_content, prefix):
    page = soup(client.get(f"{prefix}/financing/?amount=450"))
    form = page.find("form", class_="estimate-form")
    assert form_values(form)["amount"] == "$450.00"
    assert form_values(form)["plan"] == ""  # the patient picks a plan
    assert not page.select(".estimate-error-summary, .is-invalid, .estimate-result")
    for odd in ("lots", "-5", "999999"):  # not a price: the plain estimator, never an error for what nobody typed
        page = soup(client.get(f"{prefix}/financing/", {"amount": odd}))
        assert form_values(page.find("form", class_="estimate-form"))["amount"] == ""
        assert not page.select(".estimate-error-summary, .is-invalid")


def test_a_price_needs_a_figure_and_ask_us_does_not(initial_content):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    for pricing in (Pricing.EXACT, Pricing.FROM):
        iv.pricing, iv.price = pricing, None
        with pytest.raises(ValidationError) as refused:
            iv.full_clean()
        assert "price" in refused.value.message_dict
    iv.price = 50_001  # more than the estimator takes
    with pytest.raises(ValidationError):
        iv.full_clean()
    iv.pricing, iv.price = Pricing.ASK_US, None
    iv.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):  # the database says so too
        Treatment.objects.filter(pk=iv.pk).update(pricing=Pricing.FROM, price=None)


def test_the_go_live_checklist_asks_for_a_decision_on_every_treatment(initial_content):
    undecided = [issue for issue in go_live_issues() if issue.id == "treatments.W003"]
    assert {issue.obj for issue in undecided} == set(Treatment.objects.all())
    set_price("iv-ketamine-infusion", Pricing.EXACT, 450)
    set_price("spravato", Pricing.ASK_US)  # "ask us" chosen is a decision
    left = {issue.obj.slug for issue in go_live_issues() if issue.id == "treatments.W003"}
    assert left == {"intramuscular-ketamine", "ketamine-assisted-psychotherapy"}


def test_undecided_and_ask_us_read_the_same_to_patients(client, initial_content):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    undecided = text(cost_section(client, iv))
    set_price(iv.slug, Pricing.ASK_US)
    assert text(cost_section(client, iv)) == undecided


@LANGUAGES
def test_the_costs_page_is_in_the_sitemap_with_its_twin_and_every_footer_links_it(client, initial_content, prefix):
    alternates = sitemap_urls(client)
    english, spanish = "http://testserver/costs/", "http://testserver/es/costs/"
    assert alternates[english] == alternates[spanish] == {"en": english, "es": spanish, "x-default": english}
    for path in ("/", "/treatments/spravato/", "/questions/"):
        link = soup(client.get(f"{prefix}{path}")).footer.find("a", href=f"{prefix}/costs/")
        assert text(link) == current_texts(language(prefix))["footer.costs_link"]


def test_staff_may_put_the_costs_page_in_the_menu(client, initial_content):
    MenuLink.objects.create(page=MenuLink.Page.COSTS, label="Costs", label_es="Costos", ordering=35)
    nav = soup(client.get("/es/costs/")).select_one("#site-nav")
    assert "/es/costs/" in hrefs(nav)
    assert text(nav.select_one('a[aria-current="page"]')) == "Costos"


def test_a_price_change_on_a_page_that_needs_review_waits_for_a_reviewer(client, editor, reviewer, initial_content):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    assert submit(reviewer, iv, "_draft", needs_clinical_review="on").status_code == 302
    response = submit(editor, iv, pricing=Pricing.EXACT, price="450")
    assert response.status_code == 200  # refused: only a reviewer publishes it
    assert submit(editor, iv, "_draft", pricing=Pricing.EXACT, price="450").status_code == 302
    assert PageChange.objects.get().state == "draft"
    assert "$450" not in text(soup(client.get("/costs/")).main)  # the costs page shows the treatment's live words
    assert "$450" not in text(cost_section(client, iv))
    assert {"pricing", "price"} <= {field["name"] for field in change_form(reviewer, iv).select("select, input")}
    assert submit(reviewer, iv).status_code == 302  # the reviewer publishes the waiting change
    assert "$450" in text(cost_section(client, iv)) and "$450" in text(soup(client.get("/costs/")).main)


def a_site_from_before_the_costs(spravato):
    """Spravato as a site shipped before issue 23.4 holds it once migrated: the new word fields empty and not yet
    known as shipped."""
    words = {name: digest for name, digest in spravato.shipped_words.items() if not name.startswith(COST_FIELDS)}
    Treatment.objects.filter(pk=spravato.pk).update(insurance="", insurance_es="", shipped_words=words)


COST_FIELDS = ("insurance", "price_note")


def test_a_site_from_before_the_costs_receives_spravato_s_insurance_words_through_the_review(initial_content, reviewer):
    spravato = Treatment.objects.get(slug="spravato")
    a_site_from_before_the_costs(spravato)
    load_initial_content()
    assert Treatment.objects.get(pk=spravato.pk).insurance == ""  # without the migration's step: taken as staff's
    migration = importlib.import_module("treatments.migrations.0010_costs_and_insurance")
    migration.new_word_fields_are_shipped_empty(django_apps, None)
    load_initial_content()
    assert Treatment.objects.get(pk=spravato.pk).insurance.startswith(SPRAVATO_INSURANCE[""])

    # Where the page needs a clinical review, they wait in a draft for a reviewer.
    a_site_from_before_the_costs(spravato)
    assert submit(reviewer, spravato, "_draft", needs_clinical_review="on").status_code == 302
    migration.new_word_fields_are_shipped_empty(django_apps, None)
    load_initial_content()
    assert Treatment.objects.get(pk=spravato.pk).insurance == ""
    waiting = open_change(page=spravato).values
    assert waiting["insurance"].startswith(SPRAVATO_INSURANCE[""])
    assert waiting["insurance_es"].startswith(SPRAVATO_INSURANCE["/es"])
