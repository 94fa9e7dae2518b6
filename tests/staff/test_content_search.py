"""The admin's content search page (staff.views.content_search): the box on the home page and in every header,
results linked to their change pages, escaped words, and only what each role may open."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from sitetext.models import SiteText
from staff.roles import CLINICAL_REVIEWERS, CONTENT_EDITORS, INTAKE_COORDINATORS, PRIVACY_OFFICERS
from tests.markup import soup, text
from treatments.models import Faq, Treatment

pytestmark = pytest.mark.django_db
SEARCH = reverse("admin:content_search")


def results(response):
    """[(kind line, title, link)] of each result on the page."""
    return [
        (text(item.select_one(".content-search-kind")), text(item.h3), item.h3.a["href"])
        for item in soup(response).select("li.content-search-result")
    ]


def change_url(record):
    return reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])


def test_the_home_page_has_the_search_box_and_other_pages_have_it_in_their_header(staff_client, initial_content):
    editor = staff_client(CONTENT_EDITORS)
    home = soup(editor.get(reverse("admin:index")))
    boxes = home.select('form[role="search"]')
    assert len(boxes) == 1 and boxes[0]["action"] == SEARCH and boxes[0]["method"] == "get"
    assert boxes[0].find("label", attrs={"for": "id_q"}) and boxes[0].find("input", attrs={"name": "q"})
    assert not home.select("#header form[role=search]")  # one box per page: the home page's own

    faqs = soup(editor.get(reverse("admin:treatments_faq_changelist")))
    header_box = faqs.select_one("#header form[role=search]")
    assert header_box["action"] == SEARCH
    assert header_box.find("label", attrs={"for": "header-search-q"})


@pytest.mark.parametrize("role", [INTAKE_COORDINATORS, PRIVACY_OFFICERS])
def test_staff_who_may_open_no_content_get_no_search_box_and_find_nothing(staff_client, initial_content, role):
    client = staff_client(role)
    assert not soup(client.get(reverse("admin:index"))).select('form[role="search"]')
    page = client.get(SEARCH, {"q": "spravato"})
    assert page.status_code == 200
    assert results(page) == []
    assert "no content you can search" in text(soup(page).select_one("#content-main"))


def test_a_search_lists_each_record_with_its_kind_words_languages_and_change_page(staff_client, initial_content):
    treatment = Treatment.objects.get(slug="spravato")
    treatment.summary, treatment.summary_es = "A nasal spray.", "Un aerosol nasal en la clínica."
    treatment.save()
    editor = staff_client(CONTENT_EDITORS)

    page = editor.get(SEARCH, {"q": "CLINICA aerosol"})
    assert page.status_code == 200
    assert ("Treatment", treatment.name, change_url(treatment)) in results(page)
    item = next(
        item for item in soup(page).select("li.content-search-result") if item.h3.a["href"] == change_url(treatment)
    )
    summary = next(pair for pair in item.select(".content-search-matches div") if text(pair.dt) == "Summary · Español")
    assert summary.dd["lang"] == "es"
    assert [mark.get_text() for mark in summary.dd.find_all("mark")] == ["aerosol", "clínica"]
    assert soup(page).select_one("#id_q")["value"] == "CLINICA aerosol"  # the box keeps the words

    assert editor.get(change_url(treatment)).status_code == 200  # the link opens its edit page


def test_words_found_are_escaped_and_only_the_highlight_is_markup(staff_client, initial_content):
    faq = Faq.objects.first()
    faq.answer = 'Never <script>alert("x")</script> <b>bold</b> here.'
    faq.save()
    page = staff_client(CONTENT_EDITORS).get(SEARCH, {"q": "alert"})
    item = next(item for item in soup(page).select("li.content-search-result") if item.h3.a["href"] == change_url(faq))
    answer = next(pair.dd for pair in item.select(".content-search-matches div") if text(pair.dt) == "Answer · English")
    assert answer.find("script") is None and answer.find("b") is None
    assert [mark.get_text() for mark in answer.find_all("mark")] == ["alert"]
    assert '<script>alert("x")</script>' in answer.get_text()


def test_headline_finds_the_page_texts_and_says_what_it_also_looked_for(staff_client, initial_content):
    page = staff_client(CONTENT_EDITORS).get(SEARCH, {"q": "headline"})
    main = soup(page).select_one("#content-main")
    assert "“headline” also finds “heading”" in text(main)
    heading = SiteText.objects.get(key="financing.heading")
    assert ("Page text · Financing page", "Main heading", change_url(heading)) in results(page)


def test_nothing_found_says_so_and_what_to_try(staff_client, initial_content):
    page = staff_client(CONTENT_EDITORS).get(SEARCH, {"q": "zzyzx"})
    main = soup(page).select_one("#content-main")
    assert text(main.select_one("h2")) == "Nothing found for “zzyzx”"
    assert "Try fewer words" in text(main)
    assert results(page) == []


def test_an_empty_search_shows_the_box_only(staff_client, initial_content):
    page = staff_client(CONTENT_EDITORS).get(SEARCH)
    assert page.status_code == 200
    assert soup(page).select_one("#id_q") and not soup(page).select("h2.content-search-count")


def test_too_long_a_search_is_answered_beside_the_box(staff_client, initial_content):
    page = staff_client(CONTENT_EDITORS).get(SEARCH, {"q": "word " * 60})
    assert page.status_code == 200
    box = soup(page).select_one("#id_q")
    assert box["aria-invalid"] == "true"
    error = soup(page).select_one("#id_q_error")
    assert "at most 200 characters" in text(error) and "id_q_error" in box["aria-describedby"]
    assert results(page) == []


def test_a_role_sees_only_the_content_it_may_open(staff_client, initial_content):
    """Permissions decide, model by model: without the FAQ permissions, no FAQ is found."""
    from django.contrib.auth.models import Group

    faq_permissions = Permission.objects.filter(content_type__app_label="treatments", codename__endswith="_faq")
    Group.objects.get(name=CONTENT_EDITORS).permissions.remove(*faq_permissions)
    faq = Faq.objects.first()
    faq.question = "Is the quokka room open?"
    faq.save()
    treatment = Treatment.objects.get(slug="spravato")
    treatment.summary = "See the quokka room."
    treatment.save()

    found = results(staff_client(CONTENT_EDITORS).get(SEARCH, {"q": "quokka"}))
    assert [title for _, title, _ in found] == [treatment.name]
    scope = text(soup(staff_client(CONTENT_EDITORS).get(SEARCH)).select_one(".content-search-scope"))
    assert "FAQs" not in scope.split(", ") and "Page texts" in scope

    reviewer_found = results(staff_client(CLINICAL_REVIEWERS).get(SEARCH, {"q": "quokka"}))
    assert {title for _, title, _ in reviewer_found} == {treatment.name, faq.question}


def test_patients_requests_are_never_searched_even_by_a_superuser(staff_client, initial_content, spravato):
    from intake.models import IntakeRequest
    from tests.factories import IntakeRequestFactory

    IntakeRequestFactory(treatment=spravato, first_name="Zebulon", last_name="Quixote", email="zebulon@example.com")
    boss = staff_client(superuser=True)
    for words in ("Zebulon", "Quixote", "zebulon@example.com"):
        page = boss.get(SEARCH, {"q": words})
        assert results(page) == [], words
    assert IntakeRequest not in page.context["searched_models"]
    assert "Intake requests" not in text(soup(page).select_one(".content-search-scope"))
