"""Public treatment pages: content from the models, status rules, safe Markdown, SEO data and the sitemap."""

import json
import re

import pytest

from tests.factories import EducationSectionFactory, FaqFactory, RouteFactory, TreatmentFactory
from treatments.models import EducationSection, Faq, Route, Treatment

pytestmark = pytest.mark.django_db

TREATMENT_SLUGS = ["iv-ketamine-infusion", "intramuscular-ketamine", "spravato", "ketamine-assisted-psychotherapy"]
CLINIC_TEL = 'href="tel:+16195550100"'


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def main_of(html):
    return re.search(r"<main\b.*?</main>", html, re.S).group(0)


def card_of(html, slug):
    return re.search(
        rf'<article class="card treatment-card[^>]*aria-labelledby="card-{slug}">.*?</article>', html, re.S
    ).group(0)


def json_ld_blocks(html):
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def meta(html, name):
    match = re.search(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def test_home_shows_every_published_treatment_with_status_financing_and_calls_to_action(client, initial_content):
    TreatmentFactory(name="Hidden draft therapy", is_published=False)
    html = html_of(client, "/")
    main = main_of(html)
    for treatment in Treatment.objects.filter(is_published=True):
        card = card_of(main, treatment.slug)
        assert treatment.name in card and treatment.summary in card
        assert f"status-badge--{treatment.status}" in card
    assert "Hidden draft therapy" not in html
    assert "Available now" in main and "Waitlist open" in main and "Coming soon" in main
    assert CLINIC_TEL in main
    assert 'href="/waitlist/spravato/"' in main and "Join the Spravato waitlist" in main
    assert 'href="/financing/"' in main


def test_treatment_list_orders_by_the_editable_ordering(client, initial_content):
    Treatment.objects.filter(slug="ketamine-assisted-psychotherapy").update(ordering=1)
    main = main_of(html_of(client, "/treatments/"))
    positions = [main.index(f'aria-labelledby="card-{slug}"') for slug in TREATMENT_SLUGS]
    assert positions[3] == min(positions)
    assert positions[:3] == sorted(positions[:3])


@pytest.mark.parametrize("slug", TREATMENT_SLUGS)
def test_each_treatment_page_shows_its_text_faqs_and_routes(client, initial_content, slug):
    treatment = Treatment.objects.get(slug=slug)
    main = main_of(html_of(client, f"/treatments/{slug}/"))
    assert f'<h1 class="mt-3 mb-2">{treatment.name}</h1>' in main
    assert treatment.summary in main
    faqs = list(treatment.faqs.filter(is_published=True))
    assert faqs, "every initial treatment has questions"
    for faq in faqs:
        assert faq.question.replace("'", "&#x27;") in main
    for route in treatment.routes.all():
        assert route.effectiveness in main and route.needle_sticks in main


def test_unpublished_faqs_and_routes_stay_hidden(client, initial_content):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    FaqFactory(treatment=iv, question="Draft question only?", is_published=False)
    RouteFactory(treatment=iv, name="Draft route", is_published=False)
    assert "Draft question only?" not in html_of(client, iv.get_absolute_url())
    assert "Draft route" not in html_of(client, "/treatments/compare/")


def test_coming_soon_treatment_is_never_bookable_on_its_page_or_card(client, initial_content):
    kap = Treatment.objects.get(slug="ketamine-assisted-psychotherapy")
    page_main = main_of(html_of(client, kap.get_absolute_url()))
    cards = [card_of(main_of(html_of(client, path)), kap.slug) for path in ("/", "/treatments/")]
    for fragment in [page_main, *cards]:
        assert "tel:" not in fragment
        assert "/waitlist/" not in fragment
        assert "mailto:" not in fragment
        assert not re.search(r"\b(book|booking|schedule|appointment|sign up)\b", fragment, re.I)
        assert "Coming soon" in fragment
    assert "not offer" in page_main


def test_coming_soon_rule_follows_the_status_not_the_slug(client, initial_content):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    assert "tel:" in main_of(html_of(client, iv.get_absolute_url()))
    iv.status = Treatment.Status.COMING_SOON
    iv.save()
    main = main_of(html_of(client, iv.get_absolute_url()))
    assert "tel:" not in main and "/waitlist/" not in main and "Coming soon" in main


def test_waitlist_treatment_links_to_its_own_waitlist_and_not_to_a_call(client, initial_content):
    main = main_of(html_of(client, "/treatments/spravato/"))
    action = re.search(r'<aside class="card treatment-action".*?</aside>', main, re.S).group(0)
    assert 'href="/waitlist/spravato/"' in action
    assert "tel:" not in action
    assert 'href="/waitlist/spravato/"' in card_of(main_of(html_of(client, "/treatments/")), "spravato")


def test_available_treatment_offers_a_call_and_email_but_no_waitlist(client, initial_content):
    main = main_of(html_of(client, "/treatments/intramuscular-ketamine/"))
    action = re.search(r'<aside class="card treatment-action".*?</aside>', main, re.S).group(0)
    assert CLINIC_TEL in action and "mailto:" in action
    assert "/waitlist/" not in main


def test_compare_is_an_accessible_table_built_from_the_routes(client, initial_content):
    html = main_of(html_of(client, "/treatments/compare/"))
    table = re.search(r"<table\b.*?</table>", html, re.S).group(0)
    assert "<caption>" in table
    assert len(re.findall(r'<th scope="col"', table)) == 5
    routes = list(Route.objects.all())
    assert len(routes) == 5
    assert len(re.findall(r'<th scope="row"', table)) == len(routes)
    for route in routes:
        assert route.name in table and route.effectiveness in table and route.adjustable in table
    assert 'href="/treatments/iv-ketamine-infusion/"' in table
    route = Route.objects.get(name="Oral (swallowed)")
    route.needle_sticks = "Zero, edited by staff"
    route.save()
    assert "Zero, edited by staff" in html_of(client, "/treatments/compare/")


def test_compare_links_only_to_published_treatments(client, initial_content):
    Treatment.objects.filter(slug="spravato").update(is_published=False)
    table = re.search(r"<table\b.*?</table>", html_of(client, "/treatments/compare/"), re.S).group(0)
    assert "Nasal spray (Spravato, esketamine)" in table
    assert 'href="/treatments/spravato/"' not in table


def test_ketamine_page_is_built_from_the_editable_sections_and_general_faqs(client, initial_content):
    main = main_of(html_of(client, "/ketamine/"))
    for section in EducationSection.objects.all():
        assert f'id="{section.slug}"' in main and f'href="#{section.slug}"' in main
        assert section.heading in main
    assert "NMDA" in main
    for faq in Faq.objects.filter(treatment__isnull=True):
        assert faq.question in main
    assert "Who can get Spravato?" not in main
    EducationSectionFactory(heading="A new section from staff", ordering=1)
    EducationSectionFactory(heading="A hidden draft section", is_published=False)
    main = main_of(html_of(client, "/ketamine/"))
    assert main.index("A new section from staff") < main.index("What ketamine treatment is")
    assert "A hidden draft section" not in main


def test_compare_is_not_mistaken_for_a_treatment_slug(client, initial_content):
    assert "<table" in html_of(client, "/treatments/compare/")
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
    for path in ("/treatments/evil/", "/ketamine/", "/treatments/compare/", "/", "/treatments/"):
        html = html_of(client, path)
        assert "<script>alert" not in html, path
        assert "onerror" not in html, path
        assert "javascript:" not in html, path
        assert "</script><script>alert(3)" not in html, path
    assert "&lt;/script&gt;&lt;script&gt;alert(3)" in html_of(client, "/treatments/evil/")


def test_markdown_is_rendered_as_html(client, db):
    treatment = TreatmentFactory(slug="md", body="## Heading two\n\n- first point", what_to_expect="**bold words**")
    main = main_of(html_of(client, "/treatments/md/"))
    assert "<h2>Heading two</h2>" in main and "<li>first point</li>" in main and "<strong>bold words</strong>" in main
    assert treatment.name in main


def test_treatment_page_title_and_description_come_from_seo_fields_with_fallbacks(client, db):
    TreatmentFactory(
        slug="seo",
        name="Plain name",
        summary="Plain summary.",
        seo_title="Search title",
        seo_description="Search text.",
    )
    TreatmentFactory(slug="fallback", name="Fallback name", summary="Fallback summary.")
    html = html_of(client, "/treatments/seo/")
    assert "<title>Search title · Resilience Integrative Wellness</title>" in html
    assert meta(html, "description") == "Search text." and meta(html, "og:title") == "Search title"
    assert meta(html, "og:description") == "Search text." and meta(html, "og:type") == "article"
    assert '<link rel="canonical" href="http://testserver/treatments/seo/">' in html
    html = html_of(client, "/treatments/fallback/")
    assert "<title>Fallback name · Resilience Integrative Wellness</title>" in html
    assert meta(html, "description") == "Fallback summary." and meta(html, "og:title") == "Fallback name"


@pytest.mark.parametrize("path", ["/", "/treatments/", "/treatments/compare/", "/ketamine/"])
def test_fixed_pages_have_their_own_title_and_description(client, initial_content, path):
    html = html_of(client, path)
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title and meta(html, "description") and meta(html, "og:title")
    assert html.count("<h1") == 1


def test_treatment_pages_describe_a_medical_therapy_and_spravato_its_drug(client, initial_content):
    iv = next(
        b
        for b in json_ld_blocks(html_of(client, "/treatments/iv-ketamine-infusion/"))
        if b["@type"] == "MedicalTherapy"
    )
    assert iv["name"] == "IV ketamine infusion"
    assert iv["url"] == "http://testserver/treatments/iv-ketamine-infusion/"
    assert "drug" not in iv
    spravato = next(
        b for b in json_ld_blocks(html_of(client, "/treatments/spravato/")) if b["@type"] == "MedicalTherapy"
    )
    assert spravato["drug"] == {
        "@type": "Drug",
        "name": "Spravato",
        "activeIngredient": "esketamine",
        "nonProprietaryName": "esketamine",
    }


def test_sitemap_lists_the_pages_and_every_published_treatment_with_dates(client, initial_content):
    TreatmentFactory(slug="a-draft", is_published=False)
    xml = client.get("/sitemap.xml").content.decode()
    for path in [
        "/",
        "/treatments/",
        "/treatments/compare/",
        "/ketamine/",
        *[f"/treatments/{s}/" for s in TREATMENT_SLUGS],
    ]:
        assert f"<loc>http://testserver{path}</loc>" in xml, path
    assert "a-draft" not in xml
    entries = re.findall(r"<url>(.*?)</url>", xml, re.S)
    treatment_entries = [
        entry for entry in entries if "/treatments/" in entry or "/ketamine/" in entry or "testserver/<" in entry
    ]
    assert all("<lastmod>" in entry for entry in treatment_entries)


def test_initial_content_is_idempotent_and_keeps_staff_edits(db):
    from treatments.initial_content import load_initial_content

    first = load_initial_content()
    assert first == 4 + 5 + Faq.objects.count() + EducationSection.objects.count()
    assert Faq.objects.count() >= 8
    Treatment.objects.filter(slug="spravato").update(summary="Edited by staff")
    assert load_initial_content() == 0
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
