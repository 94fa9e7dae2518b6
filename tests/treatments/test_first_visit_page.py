"""Your first visit (issue 23.3): /treatments/<slug>/first-visit/ (and /es/…) shows a treatment's first visit topic by
topic, from sections staff edit in both languages; a shipped placeholder is never shown and is on the go-live
checklist; a treatment coming soon has no such page; the page is in the sitemap with hreflang; and a change to a
section of a reviewed treatment waits for a clinical reviewer, as the treatment's other words do."""

import datetime
import xml.etree.ElementTree as ElementTree

import pytest
from django.utils import timezone

from content.go_live import go_live_issues
from content.search import search_content
from publishing.models import PageChange
from sitetext.models import SiteText
from tests.factories import TreatmentFactory
from tests.go_live import enter_real_details
from tests.markup import hrefs, soup, text
from tests.publishing.test_publishing import date_text, error_note, submit
from treatments.models import FirstVisitSection, Treatment

pytestmark = pytest.mark.django_db

LANGUAGES = pytest.mark.parametrize("prefix", ["", "/es"], ids=["en", "es"])
IV, IM, SPRAVATO, KAP = "iv-ketamine-infusion", "intramuscular-ketamine", "spravato", "ketamine-assisted-psychotherapy"
UNSAFE = "You can drive yourself home right after the spray."
SHOWN_ON_SPRAVATO = "because it is shown on the Spravato page"


def page_of(slug, prefix=""):
    return f"{prefix}/treatments/{slug}/first-visit/"


def steps(response):
    """[(topic heading, its words)] as the page shows them."""
    assert response.status_code == 200
    return [
        (text(section.h2), text(section).removeprefix(text(section.h2)).strip())
        for section in soup(response).select("section.first-visit-step")
    ]


def section(slug, topic):
    return FirstVisitSection.objects.get(treatment__slug=slug, topic=topic)


# --- the pages ----------------------------------------------------------------------------------------------


def test_each_treatment_offered_shows_the_topics_the_brief_has_facts_for(client, initial_content):
    headings = {slug: [heading for heading, _ in steps(client.get(page_of(slug)))] for slug in (IV, IM, SPRAVATO)}
    assert headings == {
        IV: ["What happens", "How we check on you", "What comes next"],
        IM: ["What happens", "How we check on you", "What comes next"],
        SPRAVATO: ["How long it takes", "What happens", "How we check on you", "Getting home"],
    }
    iv = dict(steps(client.get(page_of(IV))))
    assert "controlled clinic setting" in iv["What happens"]
    assert "vital signs" in iv["How we check on you"]
    assert "based on how you responded to the first one" in iv["What comes next"]
    im = dict(steps(client.get(page_of(IM))))
    assert "If a side effect happens, staff help you feel at ease" in im["How we check on you"]
    assert "another medicine" in im["How we check on you"]


@LANGUAGES
def test_spravato_says_a_ride_home_is_needed_and_the_two_hours_in_the_page_language(client, initial_content, prefix):
    shown = dict(steps(client.get(page_of(SPRAVATO, prefix))))
    if prefix:
        assert "No maneje hasta el día siguiente" in shown["Cómo volver a casa"]
        assert "pida a alguien que le lleve a casa" in shown["Cómo volver a casa"]
        assert "al menos 2 horas" in shown["Cómo cuidamos de usted"]
        assert "REMS" in shown["Qué pasa"]
    else:
        assert "Do not drive until the next day, after a restful night's sleep" in shown["Getting home"]
        assert "someone to take you home" in shown["Getting home"]
        assert "at least 2 hours" in shown["How we check on you"] and "blood pressure" in shown["How we check on you"]
        assert "REMS" in shown["What happens"] and "use the nasal spray yourself" in shown["What happens"]


@LANGUAGES
def test_the_page_names_its_treatment_shows_crisis_help_and_the_clinic_s_number(client, initial_content, prefix):
    page = soup(client.get(page_of(SPRAVATO, prefix)))
    assert page.html["lang"] == ("es" if prefix else "en")
    assert text(page.h1) == ("Su primera visita" if prefix else "Your first visit")
    assert text(page.select_one(".first-visit-treatment")) == "Spravato"
    assert page.title.string.startswith("Su primera visita: Spravato" if prefix else "Your first visit: Spravato")
    assert "988" in text(page.select_one(".crisis-banner"))
    questions = page.select_one(".first-visit-questions")
    assert any(href.startswith("tel:+1") for href in hrefs(questions))
    back = page.select_one(".first-visit-back a")
    assert back["href"] == f"{prefix}/treatments/spravato/"
    print_button = page.find("button", attrs={"data-print-page": True})
    assert print_button.has_attr("hidden"), "shown by its script only, where it can work"
    assert [script["src"] for script in page.find_all("script", src=True) if "print" in script["src"]]
    assert not page.find_all("script", src=False, type=lambda kind: kind != "application/ld+json")  # strict CSP


@LANGUAGES
def test_no_placeholder_is_ever_shown_and_a_topic_staff_write_appears_in_its_place(client, initial_content, prefix):
    for slug in (IV, IM, SPRAVATO):
        page = text(soup(client.get(page_of(slug, prefix))).main)  # the footer's clinic details have their own
        assert "PLACEHOLDER" not in page.upper()
    bring = section(IV, "what_to_bring")
    bring.body = "Bring a photo ID and a list of the medicines you take."
    bring.save()
    shown = steps(client.get(page_of(IV, prefix)))
    assert shown[0][0] == ("Qué traer" if prefix else "What to bring")
    assert shown[0][1] == "Bring a photo ID and a list of the medicines you take."
    if prefix:  # its Spanish is still the placeholder: the English is shown, marked as English
        english = soup(client.get(page_of(IV, prefix))).select_one("#first-visit-what-to-bring div[lang='en']")
        assert english is not None and "photo ID" in text(english)


def test_the_spanish_words_show_once_staff_write_them(client, initial_content):
    bring = section(IV, "what_to_bring")
    bring.body, bring.body_es = "Bring a photo ID.", "Traiga una identificación con foto."
    bring.save()
    shown = dict(steps(client.get(page_of(IV, "/es"))))
    assert shown["Qué traer"] == "Traiga una identificación con foto."
    assert soup(client.get(page_of(IV, "/es"))).select_one("#first-visit-what-to-bring [lang='en']") is None


def test_staff_order_the_topics_and_unpublished_ones_stay_off(client, initial_content):
    FirstVisitSection.objects.filter(treatment__slug=SPRAVATO, topic="getting_home").update(ordering=1)
    FirstVisitSection.objects.filter(treatment__slug=SPRAVATO, topic="how_long").update(is_published=False)
    headings = [heading for heading, _ in steps(client.get(page_of(SPRAVATO)))]
    assert headings == ["Getting home", "What happens", "How we check on you"]


def test_a_treatment_coming_soon_has_no_first_visit_page_nor_a_link_to_one(client, initial_content):
    kap = Treatment.objects.get(slug=KAP)
    assert not kap.first_visit_sections.exists()
    FirstVisitSection.objects.create(treatment=kap, topic="what_happens", body="Real words staff wrote early.")
    for prefix in ("", "/es"):
        assert client.get(page_of(KAP, prefix)).status_code == 404
        assert not soup(client.get(f"{prefix}/treatments/{KAP}/")).select(".first-visit-link")
    Treatment.objects.filter(slug=IV).update(status=Treatment.Status.COMING_SOON)  # the rule follows the status
    assert client.get(page_of(IV)).status_code == 404


@LANGUAGES
def test_each_treatment_page_links_to_its_first_visit_page(client, initial_content, prefix):
    for slug in (IV, IM, SPRAVATO):
        link = soup(client.get(f"{prefix}/treatments/{slug}/")).select_one(".first-visit-link a")
        assert link["href"] == page_of(slug, prefix)
        assert text(link) == ("Su primera visita, paso a paso" if prefix else "Your first visit, step by step")


def test_a_treatment_with_nothing_but_placeholders_has_no_page_and_no_link(client, initial_content):
    FirstVisitSection.objects.filter(treatment__slug=IM).exclude(body__startswith="PLACEHOLDER").update(
        is_published=False
    )
    assert client.get(page_of(IM)).status_code == 404
    assert not soup(client.get(f"/treatments/{IM}/")).select(".first-visit-link")


def test_a_draft_treatment_s_page_is_for_signed_in_staff_only(client, editor, initial_content):
    draft = TreatmentFactory(slug="a-draft", is_published=False)
    FirstVisitSection.objects.create(treatment=draft, topic="what_happens", body="Words for a draft treatment.")
    assert client.get(page_of("a-draft")).status_code == 404
    preview = editor.get(page_of("a-draft"))
    assert preview.status_code == 200 and "Draft preview." in text(soup(preview).main)
    assert "no-store" in preview["Cache-Control"]


def test_a_renamed_treatment_s_old_first_visit_address_leads_to_the_new_one(client, initial_content):
    iv = Treatment.objects.get(slug=IV)
    iv.slug = "iv-infusion"
    iv.save()
    response = client.get(page_of(IV, "/es"))
    assert response.status_code == 301 and response["Location"] == page_of("iv-infusion", "/es")


def test_a_page_linking_to_a_first_visit_page_keeps_its_treatment_published(initial_content):
    from treatments.services import removal_problems

    faq = Treatment.objects.get(slug=SPRAVATO).faqs.first()
    faq.answer = f"[Your first visit]({page_of(IV)})"
    faq.save()
    assert removal_problems(treatment=Treatment.objects.get(slug=IV))


# --- search engines, the checklist, the admin's search --------------------------------------------------------


def sitemap_entries(client):
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return {
        url.find("sm:loc", namespace).text.removeprefix("http://testserver"): {
            link.get("hreflang"): link.get("href").removeprefix("http://testserver")
            for link in url.findall("xhtml:link", namespace)
        }
        for url in urlset.findall("sm:url", namespace)
    }


def test_the_pages_are_in_the_sitemap_in_both_languages_with_hreflang(client, initial_content):
    entries = sitemap_entries(client)
    listed = sorted(location for location in entries if location.endswith("/first-visit/"))
    assert listed == sorted(page_of(slug, prefix) for slug in (IV, IM, SPRAVATO) for prefix in ("", "/es"))
    assert entries[page_of(SPRAVATO, "/es")] == {
        "en": page_of(SPRAVATO),
        "es": page_of(SPRAVATO, "/es"),
        "x-default": page_of(SPRAVATO),
    }
    head = soup(client.get(page_of(SPRAVATO))).head
    assert head.find("link", hreflang="es")["href"] == "http://testserver" + page_of(SPRAVATO, "/es")


def test_a_page_whose_spanish_still_shows_english_is_listed_in_english_only(client, initial_content):
    FirstVisitSection.objects.filter(treatment__slug=SPRAVATO, topic="getting_home").update(body_es="")
    entries = sitemap_entries(client)
    assert page_of(SPRAVATO) in entries and page_of(SPRAVATO, "/es") not in entries
    assert soup(client.get(page_of(SPRAVATO))).head.find("link", hreflang="es") is None
    assert page_of(IV, "/es") in entries


def test_the_go_live_checklist_lists_every_placeholder_until_staff_write_it(client, initial_content):
    first_visit = ("treatments.W001", "treatments.W002")  # treatments.W003 is the price decision (test_costs_page)
    issues = [issue for issue in go_live_issues() if issue.id in first_visit]
    assert sorted(str(issue.obj) for issue in issues) == sorted(
        [f"{name}: {topic}" for name in ("IV ketamine infusion", "Intramuscular (IM) ketamine")
         for topic in ("What to bring", "How long it takes", "Getting home")]
        + ["Spravato: What to bring", "Spravato: What comes after"]
    )  # fmt: skip
    assert {issue.id for issue in issues} == {"treatments.W001"}
    assert "so patients do not see this topic" in issues[0].msg

    bring = section(SPRAVATO, "what_to_bring")
    bring.body = "Bring a photo ID."
    bring.save()  # the Spanish is still the placeholder: shown in English, and on the list until it is written
    spanish = [issue for issue in go_live_issues() if issue.obj == bring]
    assert [issue.id for issue in spanish] == ["treatments.W002"]
    enter_real_details()
    assert [issue for issue in go_live_issues() if issue.id.startswith("treatments.")] == []


def test_staff_find_a_section_by_its_words_in_the_admin_search(initial_content):
    found = search_content(typed="restful night", searchable=[FirstVisitSection])
    assert [str(hit.record) for hit in found.hits] == ["Spravato: Getting home"]


def test_initial_content_ships_every_topic_of_each_treatment_offered_once(empty_site):
    from treatments.initial_content import load_initial_content

    load_initial_content()
    assert FirstVisitSection.objects.count() == 18
    assert load_initial_content().created == []
    assert set(FirstVisitSection.objects.values_list("treatment__slug", flat=True)) == {IV, IM, SPRAVATO}
    assert not FirstVisitSection.objects.filter(body_es="").exists()


# --- clinical review: a first-visit page is one of its treatment's pages ----------------------------------------


@pytest.fixture
def reviewed_spravato(reviewer, initial_content):
    spravato = Treatment.objects.get(slug=SPRAVATO)
    assert submit(reviewer, spravato, needs_clinical_review="on").status_code == 302
    return spravato


def review_line(client, path=None):
    note = soup(client.get(path or page_of(SPRAVATO))).select_one(".first-visit .review-note")
    return text(note) if note else None


def test_a_reviewed_treatment_s_first_visit_page_states_the_review(client, reviewed_spravato):
    assert review_line(client) == f"Reviewed by Dana Reyes on {date_text(timezone.localdate())}."
    assert review_line(client, page_of(SPRAVATO, "/es")).startswith("Revisado por Dana Reyes el")
    assert review_line(client, page_of(IV)) is None, "never reviewed"


def test_an_editor_cannot_publish_a_change_to_a_section_of_a_reviewed_page(client, editor, reviewed_spravato):
    home = section(SPRAVATO, "getting_home")
    for field in ("body", "body_es"):
        response = submit(editor, home, **{field: UNSAFE})
        assert response.status_code == 200
        assert f"Changing this needs a clinical review {SHOWN_ON_SPRAVATO}" in error_note(response)
    for field, value in (("is_published", None), ("topic", "afterwards")):
        response = submit(editor, home, **{field: value})
        assert response.status_code == 200 and SHOWN_ON_SPRAVATO in error_note(response)
    assert FirstVisitSection.objects.get(pk=home.pk).body == home.body
    assert UNSAFE not in text(soup(client.get(page_of(SPRAVATO))).main)
    assert review_line(client).startswith("Reviewed by Dana Reyes")


def test_an_editor_drafts_a_section_and_a_reviewer_publishes_it(client, editor, reviewer, reviewed_spravato):
    bring = section(SPRAVATO, "what_to_bring")
    words = "Bring a photo ID, and the name of the person who will drive you home."
    assert submit(editor, bring, "_draft", body=words).status_code == 302
    assert words not in text(soup(client.get(page_of(SPRAVATO))).main), "a placeholder waits off the page"
    assert review_line(client).startswith("Reviewed by Dana Reyes")

    preview = submit(editor, bring, "_preview", body=words)
    assert preview.status_code == 302
    assert words in text(soup(editor.get(preview["Location"])).main)  # drawn on the first-visit page itself

    assert submit(reviewer, bring).status_code == 302
    assert dict(steps(client.get(page_of(SPRAVATO))))["What to bring"] == words
    change = PageChange.objects.get(content_type__model="firstvisitsection", object_id=bring.pk)
    assert change.state == "published" and change.reviewer_name == "Dana Reyes"
    assert review_line(client) == f"Reviewed by Dana Reyes on {date_text(timezone.localdate())}."


def test_the_review_line_goes_when_a_section_changes_where_no_rule_can_stop_it(client, reviewed_spravato):
    assert review_line(client) is not None
    FirstVisitSection.objects.filter(treatment=reviewed_spravato, topic="getting_home").update(
        body=UNSAFE, updated_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    assert UNSAFE in text(soup(client.get(page_of(SPRAVATO))).main)
    assert review_line(client) is None, "no review line over words nobody reviewed"
    placeholder = FirstVisitSection.objects.filter(treatment=reviewed_spravato, topic="afterwards")
    assert placeholder.get().is_placeholder  # a hidden section is not on the page: it takes no line away


def test_the_first_visit_page_texts_always_need_a_clinical_reviewer(editor, reviewer, initial_content):
    heading = SiteText.objects.get(key="first_visit.topic.getting_home")
    url = f"/admin/sitetext/sitetext/{heading.pk}/change/"
    response = editor.post(url, {"text": "Driving home", "text_es": "Manejar a casa"})
    assert response.status_code == 200 and "carries safety information" in error_note(response)
    assert reviewer.post(url, {"text": "Getting home safely", "text_es": "Volver a casa"}).status_code == 302


def test_a_page_text_of_the_first_visit_pages_is_shown_on_a_reviewed_treatment(editor, reviewed_spravato):
    lead = SiteText.objects.get(key="first_visit.lead")
    note = text(soup(editor.get(f"/admin/sitetext/sitetext/{lead.pk}/change/")).find(class_="field-clinical_review"))
    assert "it is shown on the Spravato page" in note


def test_on_a_site_with_a_reviewed_treatment_the_shipped_sections_wait_for_a_reviewer(
    client, reviewer, reviewed_spravato
):
    """A release bringing first-visit pages to a live site: on a reviewed treatment they arrive as drafts."""
    from treatments.initial_content import load_initial_content

    FirstVisitSection.objects.filter(treatment=reviewed_spravato).delete()  # as before this release
    load_initial_content()
    arrived = FirstVisitSection.objects.filter(treatment=reviewed_spravato)
    assert arrived.count() == 6 and not arrived.filter(is_published=True).exists()
    assert client.get(page_of(SPRAVATO)).status_code == 404
    assert not soup(client.get(f"/treatments/{SPRAVATO}/")).select(".first-visit-link")
    assert PageChange.objects.filter(content_type__model="firstvisitsection", state="draft").count() == 6

    for waiting in arrived:
        assert submit(reviewer, waiting, "_publish").status_code == 302
    assert [heading for heading, _ in steps(client.get(page_of(SPRAVATO)))] == [
        "How long it takes", "What happens", "How we check on you", "Getting home",
    ]  # fmt: skip
    assert review_line(client).startswith("Reviewed by Dana Reyes")
