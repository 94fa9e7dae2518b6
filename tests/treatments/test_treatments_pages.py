"""Public treatment pages: content from the models, status rules, safe Markdown, SEO data and the sitemap."""

import re
import xml.etree.ElementTree as ElementTree

import pytest

from sitetext.selectors import current_texts
from tests.factories import EducationSectionFactory, FaqFactory, RouteFactory, TreatmentFactory
from tests.markup import hrefs, json_ld, meta, soup, text
from treatments.models import EducationSection, Faq, FirstVisitSection, Route, Treatment

pytestmark = pytest.mark.django_db

TREATMENT_SLUGS = ["iv-ketamine-infusion", "intramuscular-ketamine", "spravato", "ketamine-assisted-psychotherapy"]
CLINIC_TEL = "tel:+16195550100"
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def status_label(status):
    """The words staff keep for a status, as the cards and treatment pages show them."""
    return current_texts()[f"status.{status}"]


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def page_of(client, path):
    return soup(html_of(client, path))


def main_of(client, path):
    return page_of(client, path).main


def card_of(element, slug):
    """The treatment card headed by the treatment's name."""
    card = element.find("article", attrs={"aria-labelledby": f"card-{slug}"})
    assert card is not None, slug
    return card


def action_of(main):
    """The box beside a treatment's text that says what to do next."""
    return main.find("aside", id="treatment-action")


def is_json_ld(script):
    return script.get("type") == "application/ld+json"


def compare_table(client):
    return main_of(client, "/treatments/compare/").find("table")


def test_home_shows_every_published_treatment_with_status_financing_and_calls_to_action(client, initial_content):
    TreatmentFactory(name="Hidden draft therapy", is_published=False)
    html = html_of(client, "/")
    main = soup(html).main
    for treatment in Treatment.objects.filter(is_published=True):
        card = card_of(main, treatment.slug)
        assert card.find(id=f"card-{treatment.slug}").get_text(strip=True) == treatment.name
        assert treatment.summary in text(card)
        assert card["data-status"] == treatment.status and status_label(treatment.status) in text(card)
    assert "Hidden draft therapy" not in html
    assert all(status_label(status) in text(main) for status in Treatment.Status.values)
    assert CLINIC_TEL in hrefs(main)
    join = main.find("a", href="/waitlist/spravato/", string=re.compile("Join the Spravato waitlist"))
    assert join is not None
    assert "/financing/" in hrefs(main)


def test_treatment_list_orders_by_the_editable_ordering(client, initial_content):
    Treatment.objects.filter(slug="ketamine-assisted-psychotherapy").update(ordering=1)
    cards = main_of(client, "/treatments/").find_all("article", attrs={"aria-labelledby": True})
    order = [card["aria-labelledby"].removeprefix("card-") for card in cards]
    positions = [order.index(slug) for slug in TREATMENT_SLUGS]
    assert positions[3] == min(positions)
    assert positions[:3] == sorted(positions[:3])


@pytest.mark.parametrize("slug", TREATMENT_SLUGS)
def test_each_treatment_page_shows_its_text_faqs_and_routes(client, initial_content, slug):
    treatment = Treatment.objects.get(slug=slug)
    main = main_of(client, f"/treatments/{slug}/")
    assert [text(h1) for h1 in main.find_all("h1")] == [treatment.name]
    assert treatment.summary in text(main)
    faqs = list(treatment.faqs.filter(is_published=True))
    assert faqs, "every initial treatment has questions"
    for faq in faqs:
        assert faq.question in text(main)
    for route in treatment.routes.all():
        assert route.effectiveness in text(main) and route.needle_sticks in text(main)


def test_unpublished_faqs_and_routes_stay_hidden(client, initial_content):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    FaqFactory(treatment=iv, question="Draft question only?", is_published=False)
    RouteFactory(treatment=iv, name="Draft route", is_published=False)
    assert "Draft question only?" not in html_of(client, iv.get_absolute_url())
    assert "Draft route" not in html_of(client, "/treatments/compare/")


def test_coming_soon_treatment_is_never_bookable_on_its_page_or_card(client, initial_content):
    kap = Treatment.objects.get(slug="ketamine-assisted-psychotherapy")
    page_main = main_of(client, kap.get_absolute_url())
    cards = [card_of(main_of(client, path), kap.slug) for path in ("/", "/treatments/")]
    for fragment in [page_main, *cards]:
        links = hrefs(fragment)
        assert not [href for href in links if href.startswith(("tel:", "mailto:")) or "/waitlist/" in href], links
        assert not fragment.find("form")
        assert not re.search(r"\b(book|booking|schedule|appointment|sign up)\b", text(fragment), re.I)
        assert status_label("coming_soon") in text(fragment)
    assert current_texts()["treatment.coming_soon.heading"] in text(action_of(page_main))


def test_coming_soon_rule_follows_the_status_not_the_slug(client, initial_content):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    assert CLINIC_TEL in hrefs(main_of(client, iv.get_absolute_url()))
    iv.status = Treatment.Status.COMING_SOON
    iv.save()
    main = main_of(client, iv.get_absolute_url())
    assert not [href for href in hrefs(main) if href.startswith("tel:") or "/waitlist/" in href]
    assert status_label("coming_soon") in text(main)


def test_waitlist_treatment_links_to_its_own_waitlist_and_not_to_a_call(client, initial_content):
    action = action_of(main_of(client, "/treatments/spravato/"))
    assert "/waitlist/spravato/" in hrefs(action)
    assert not [href for href in hrefs(action) if href.startswith("tel:")]
    assert "/waitlist/spravato/" in hrefs(card_of(main_of(client, "/treatments/"), "spravato"))


def test_available_treatment_offers_a_call_and_email_but_no_waitlist(client, initial_content):
    main = main_of(client, "/treatments/intramuscular-ketamine/")
    links = hrefs(action_of(main))
    assert CLINIC_TEL in links and any(href.startswith("mailto:") for href in links)
    assert not [href for href in hrefs(main) if "/waitlist/" in href]


def test_compare_is_an_accessible_table_built_from_the_routes(client, initial_content):
    table = compare_table(client)
    assert text(table.caption)
    assert len(table.select('th[scope="col"]')) == 5
    routes = list(Route.objects.all())
    assert len(routes) == 5
    rows = {text(th): th.find_parent("tr") for th in table.select('th[scope="row"]')}
    assert len(rows) == len(routes)
    for route in routes:
        row = next(row for name, row in rows.items() if route.name in name)
        assert route.effectiveness in text(row) and route.adjustable in text(row)
    assert "/treatments/iv-ketamine-infusion/" in hrefs(table)
    route = Route.objects.get(name="Oral (swallowed)")
    route.needle_sticks = "Zero, edited by staff"
    route.save()
    assert "Zero, edited by staff" in html_of(client, "/treatments/compare/")


def test_compare_links_only_to_published_treatments(client, initial_content):
    Treatment.objects.filter(slug="spravato").update(is_published=False)
    table = compare_table(client)
    assert "Nasal spray (Spravato, esketamine)" in text(table)
    assert "/treatments/spravato/" not in hrefs(table)


def test_ketamine_page_is_built_from_the_editable_sections_and_general_faqs(client, initial_content):
    main = main_of(client, "/ketamine/")
    contents = main.find("nav")
    for section in EducationSection.objects.all():
        assert section.heading in text(main.find(id=section.slug))
        assert f"#{section.slug}" in hrefs(contents)
    assert "NMDA" in text(main)
    for faq in Faq.objects.filter(treatment__isnull=True):
        assert faq.question in text(main)
    assert "Who can get Spravato?" not in text(main)
    EducationSectionFactory(heading="A new section from staff", ordering=1)
    EducationSectionFactory(heading="A hidden draft section", is_published=False)
    headings = [text(heading) for heading in main_of(client, "/ketamine/").find_all(["h2", "h3"])]
    assert headings.index("A new section from staff") < headings.index("What ketamine treatment is")
    assert "A hidden draft section" not in headings


def test_compare_is_not_mistaken_for_a_treatment_slug(client, initial_content):
    assert compare_table(client) is not None
    assert client.get("/treatments/no-such-treatment/").status_code == 404


EVIL = '<script>alert("x")</script><img src="x" onerror="alert(1)"> [click](javascript:alert(2))'


def test_editor_typed_html_is_neutralized_everywhere(client, db):
    treatment = TreatmentFactory(
        slug="evil", body=EVIL, what_to_expect=EVIL, summary="</script><script>alert(3)</script>"
    )
    FaqFactory(treatment=treatment, answer=EVIL)
    FaqFactory(answer=EVIL)
    RouteFactory(treatment=treatment, notes=EVIL)
    EducationSectionFactory(body=EVIL)
    for path in ("/treatments/evil/", "/ketamine/", "/treatments/compare/", "/", "/treatments/", "/questions/"):
        page = page_of(client, path)
        scripts = page.find_all("script")
        assert not [script for script in scripts if "alert" in script.get_text() and not is_json_ld(script)], path
        assert len(json_ld(page)) == len([script for script in scripts if is_json_ld(script)]), path  # all parse
        assert not [tag for tag in page.find_all(True) if any(name.startswith("on") for name in tag.attrs)], path
        assert not [href for href in hrefs(page) if href.strip().lower().startswith("javascript:")], path
        assert not page.find("img", src="x"), path
    main = main_of(client, "/treatments/evil/")
    assert "</script><script>alert(3)</script>" in text(main)  # shown as the text the editor typed


def test_markdown_is_rendered_as_html(client, db):
    treatment = TreatmentFactory(slug="md", body="## Heading two\n\n- first point", what_to_expect="**bold words**")
    main = main_of(client, "/treatments/md/")
    assert main.find("h2", string="Heading two") and main.find("li", string="first point")
    assert main.find("strong", string="bold words")
    assert treatment.name in text(main.h1)


def test_treatment_page_title_and_description_come_from_seo_fields_with_fallbacks(client, db):
    TreatmentFactory(
        slug="seo",
        name="Plain name",
        summary="Plain summary.",
        seo_title="Search title",
        seo_description="Search text.",
    )
    TreatmentFactory(slug="fallback", name="Fallback name", summary="Fallback summary.")
    page = page_of(client, "/treatments/seo/")
    assert page.title.string == "Search title · Resilience Integrative Wellness"
    assert meta(page, "description") == "Search text." and meta(page, "og:title") == "Search title"
    assert meta(page, "og:description") == "Search text." and meta(page, "og:type") == "article"
    assert page.find("link", rel="canonical")["href"] == "http://testserver/treatments/seo/"
    page = page_of(client, "/treatments/fallback/")
    assert page.title.string == "Fallback name · Resilience Integrative Wellness"
    assert meta(page, "description") == "Fallback summary." and meta(page, "og:title") == "Fallback name"


@pytest.mark.parametrize("path", ["/", "/treatments/", "/treatments/compare/", "/ketamine/", "/questions/"])
def test_fixed_pages_have_their_own_title_and_description(client, initial_content, path):
    page = page_of(client, path)
    assert page.title.string and meta(page, "description") and meta(page, "og:title")
    assert len(page.find_all("h1")) == 1


def test_treatment_pages_describe_a_medical_therapy_and_spravato_its_drug(client, initial_content):
    iv = next(
        b for b in json_ld(page_of(client, "/treatments/iv-ketamine-infusion/")) if b["@type"] == "MedicalTherapy"
    )
    assert iv["name"] == "IV ketamine infusion"
    assert iv["url"] == "http://testserver/treatments/iv-ketamine-infusion/"
    assert "drug" not in iv
    spravato = next(b for b in json_ld(page_of(client, "/treatments/spravato/")) if b["@type"] == "MedicalTherapy")
    assert spravato["drug"] == {
        "@type": "Drug",
        "name": "Spravato",
        "activeIngredient": "esketamine",
        "nonProprietaryName": "esketamine",
    }


def test_sitemap_lists_the_pages_and_every_published_treatment_with_dates(client, initial_content):
    TreatmentFactory(slug="a-draft", is_published=False)
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    lastmod = {url.findtext("sm:loc", namespaces=SITEMAP): url.findtext("sm:lastmod", namespaces=SITEMAP)
               for url in urlset.findall("sm:url", SITEMAP)}  # fmt: skip
    for path in [
        "/",
        "/treatments/",
        "/treatments/compare/",
        "/ketamine/",
        *[f"/treatments/{s}/" for s in TREATMENT_SLUGS],
    ]:
        assert f"http://testserver{path}" in lastmod, path
    assert not [loc for loc in lastmod if "a-draft" in loc]
    dated = [loc for loc in lastmod if "/treatments/" in loc or "/ketamine/" in loc or loc == "http://testserver/"]
    assert dated and all(lastmod[loc] for loc in dated)


def test_initial_content_is_idempotent_and_keeps_staff_edits(empty_site):
    from treatments.initial_content import load_initial_content

    first = load_initial_content().created
    sections = EducationSection.objects.count() + FirstVisitSection.objects.count()
    assert len(first) == 4 + 5 + Faq.objects.count() + sections
    assert Faq.objects.count() >= 8
    Treatment.objects.filter(slug="spravato").update(summary="Edited by staff")
    assert load_initial_content().created == []
    assert Treatment.objects.get(slug="spravato").summary == "Edited by staff"
    assert Route.objects.get(name="IV infusion").treatment.slug == "iv-ketamine-infusion"
    assert Route.objects.get(name="Oral (swallowed)").treatment is None
    statuses = dict(Treatment.objects.values_list("slug", "status"))
    assert statuses == {
        "iv-ketamine-infusion": "available",
        "intramuscular-ketamine": "available",
        "spravato": "waitlist",
        "ketamine-assisted-psychotherapy": "coming_soon",
    }
