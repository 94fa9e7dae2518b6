"""The admin's search across all content (content.search): each content app's selector, in both languages, with the
page texts' shipped words, drafts, and nothing but content."""

import pytest
from django.apps import apps
from django.contrib.auth.models import User

from content.registry import ContentAppConfig, content_models
from content.search import NAME, Terms, fold, search_content, snippet, sources
from financing.selectors import financing_faqs_matching
from publishing import services as publishing
from sitetext.models import SiteText
from sitetext.registry import all_texts
from sitetext.selectors import current_texts, page_texts_matching
from translation.twins import ENGLISH, SPANISH
from treatments.models import Faq, Treatment
from treatments.selectors import faqs_matching, treatments_matching

pytestmark = pytest.mark.django_db


def found(hits):
    """{(model, pk): hit}."""
    return {(type(hit.record), hit.record.pk): hit for hit in hits}


def marked(match):
    """The words a match highlights."""
    return [piece.text for piece in match.snippet if piece.found]


def everything(typed):
    return search_content(typed=typed, searchable=list(sources()))


# --- matching -------------------------------------------------------------------------------------------------


def test_folding_ignores_case_accents_and_typographic_quotes():
    assert fold("Clínica ÑANDÚ") == "clinica nandu"
    assert fold("We couldn’t – “really”") == 'we couldn\'t - "really"'
    assert fold("İstanbul straße") == "istanbul strasse"


def test_terms_are_words_or_quoted_phrases_each_needed():
    terms = Terms.parse('  paid  "in   FULL"  paid ')
    assert [term.looked_for for term in terms.terms] == [("paid",), ("in full",)]
    assert terms.found_in(fold("No interest if paid in full"))
    assert not terms.found_in(fold("Paid in part, full stop"))
    assert not Terms.parse("   ")


def test_a_snippet_marks_every_term_in_the_original_words_around_the_first():
    words = "A long introduction. " * 10 + "Ask the Clínica about Spravato; the clínica answers."
    pieces = snippet(words, Terms.parse("clinica"))
    assert [piece.text for piece in pieces if piece.found] == ["Clínica", "clínica"]
    assert pieces[0].text == "…"  # the start is cut
    assert "".join(piece.text for piece in pieces[1:]) in words


# --- each source, both languages --------------------------------------------------------------------------------


def test_a_treatment_is_found_by_its_english_and_its_spanish_words(initial_content):
    treatment = Treatment.objects.get(slug="spravato")
    treatment.summary, treatment.summary_es = "A nasal spray given at the clinic.", "Un aerosol nasal en la clínica."
    treatment.save()

    english = found(treatments_matching(terms=Terms.parse("NASAL spray")))[(Treatment, treatment.pk)]
    assert {(match.field, match.language) for match in english.matches} >= {("Summary", ENGLISH), ("Summary", SPANISH)}
    summary = next(match for match in english.matches if match.language == ENGLISH and match.field == "Summary")
    assert marked(summary) == ["nasal spray"]  # words next to each other are marked as one

    spanish = found(treatments_matching(terms=Terms.parse("clinica aerosol")))[(Treatment, treatment.pk)]
    summary_es = next(match for match in spanish.matches if match.field == "Summary")
    assert summary_es.language == SPANISH and summary_es.label == "Summary · Español"
    assert marked(summary_es) == ["aerosol", "clínica"]


def test_every_term_must_be_in_the_record_in_either_language(initial_content):
    faq = Faq.objects.filter(treatment__isnull=False).select_related("treatment").first()
    faq.question, faq.question_es = "Is there parking near the clinic?", "¿Hay estacionamiento?"
    faq.save()
    hit = found(faqs_matching(terms=Terms.parse("parking estacionamiento")))[(Faq, faq.pk)]
    assert {match.language for match in hit.matches} == {ENGLISH, SPANISH}
    assert hit.where == f"{faq.treatment.name} page"
    assert (Faq, faq.pk) not in found(faqs_matching(terms=Terms.parse("parking helicopter")))


def test_an_unpublished_record_is_found_and_says_patients_cannot_see_it(initial_content):
    faq = Faq.objects.first()
    faq.question, faq.is_published = "Where do I park my bicycle?", False
    faq.save()
    hit = found(faqs_matching(terms=Terms.parse("bicycle")))[(Faq, faq.pk)]
    assert hit.notes == ["Not published: patients cannot see it"]


def test_financing_faqs_are_found_in_spanish_without_accents(initial_content):
    from financing.models import FinancingFaq

    faq = FinancingFaq.objects.exclude(answer_es="").first()
    accented = next(word for word in faq.answer_es.split() if fold(word) != word.casefold())  # shipped Spanish
    hits = found(financing_faqs_matching(terms=Terms.parse(fold(accented))))
    assert any(match.language == SPANISH for match in hits[(FinancingFaq, faq.pk)].matches)


# --- page texts: the words the site shows, shipped or staff's ---------------------------------------------------


def test_a_page_text_nobody_edited_is_found_by_its_shipped_english_and_spanish(initial_content):
    row = SiteText.objects.get(key="financing.heading")
    assert (row.text, row.text_es) == ("", "")  # shipped words: nothing stored
    spanish = current_texts(SPANISH)["financing.heading"]
    assert spanish.language == SPANISH and spanish != row.shipped(ENGLISH)

    by_english = found(page_texts_matching(terms=Terms.parse(row.shipped(ENGLISH))))[(SiteText, row.pk)]
    assert [match.language for match in by_english.matches if match.field == "Text"] == [ENGLISH]
    assert by_english.title == all_texts()["financing.heading"].label and by_english.where == "Financing page"

    folded_spanish = fold(spanish)  # "como pagar su atencion": typed without accents
    by_spanish = found(page_texts_matching(terms=Terms.parse(folded_spanish)))[(SiteText, row.pk)]
    match = next(match for match in by_spanish.matches if match.language == SPANISH)
    assert marked(match) == [str(spanish)]  # the Spanish as written, accents and all


def test_a_page_text_is_found_by_staffs_words_and_no_longer_by_the_shipped_ones(initial_content):
    row = SiteText.objects.get(key="financing.heading")
    shipped = row.shipped(ENGLISH)
    row.text = "Ways to pay for your treatment"
    row.save()
    assert (SiteText, row.pk) in found(page_texts_matching(terms=Terms.parse("ways to pay")))
    hit = found(page_texts_matching(terms=Terms.parse(f'"{shipped}"'))).get((SiteText, row.pk))
    assert hit is None or all(match.language == NAME for match in hit.matches)


def test_a_spanish_text_not_translated_yet_is_found_once_in_english(initial_content, without_shipped_spanish):
    without_shipped_spanish("financing.heading")
    row = SiteText.objects.get(key="financing.heading")
    hit = found(page_texts_matching(terms=Terms.parse(row.shipped(ENGLISH))))[(SiteText, row.pk)]
    assert [match.language for match in hit.matches if match.field == "Text"] == [ENGLISH]


def test_headline_finds_the_page_texts_named_heading(initial_content):
    results = everything("headline")
    assert results.terms.also_means == [("headline", "heading")]
    labels = {hit.title for hit in results.hits if isinstance(hit.record, SiteText)}
    assert "Main heading" in labels
    heading = next(hit for hit in results.hits if hit.title == "Main heading")
    assert any(match.language == NAME and marked(match) == ["heading"] for match in heading.matches)


def test_a_page_text_is_found_by_its_key(initial_content):
    row = SiteText.objects.get(key="financing.heading")
    assert (SiteText, row.pk) in found(everything("financing.heading").hits)


# --- drafts -----------------------------------------------------------------------------------------------------


@pytest.fixture
def editor(db):
    return User.objects.create_user("search-editor", is_staff=True)


def test_words_of_a_draft_are_found_and_marked_as_waiting(initial_content, editor):
    faq = Faq.objects.filter(is_published=True).first()
    faq.answer_es = "Una respuesta nueva sobre el xilófono."
    publishing.save_draft(page=faq, user=editor)
    assert "xilófono" not in Faq.objects.get(pk=faq.pk).answer_es  # the live row is untouched

    hit = found(everything("xilofono").hits)[(Faq, faq.pk)]
    assert hit.notes == ["A draft change is waiting"]
    assert [(match.label, match.waiting, marked(match)) for match in hit.matches] == [
        ("Answer · Español", True, ["xilófono"])
    ]


def test_a_page_found_by_its_live_words_says_a_change_waits(initial_content, editor):
    faq = Faq.objects.filter(is_published=True).first()
    faq.answer = faq.answer + " A new sentence."
    publishing.save_draft(page=faq, user=editor)
    hit = found(everything(f'"{faq.question}"').hits)[(Faq, faq.pk)]
    assert "A draft change is waiting" in hit.notes
    assert not any(match.waiting for match in hit.matches)  # the draft does not hold the question's words


def test_a_draft_of_a_page_text_is_found(initial_content, editor):
    row = SiteText.objects.get(key="financing.heading")
    row.text = "Paying for your quetzal care"
    publishing.save_draft(page=row, user=editor)
    hit = found(everything("quetzal").hits)[(SiteText, row.pk)]
    assert hit.title == all_texts()["financing.heading"].label
    assert [match.waiting for match in hit.matches] == [True]


# --- who may search what ------------------------------------------------------------------------------------------


def test_only_the_models_given_are_searched(initial_content):
    word = fold(Treatment.objects.get(slug="spravato").name)
    assert any(isinstance(hit.record, Treatment) for hit in everything(word).hits)
    only_faqs = search_content(typed=word, searchable=[Faq])
    assert only_faqs.hits and all(isinstance(hit.record, Faq) for hit in only_faqs.hits)
    assert search_content(typed=word, searchable=[]).hits == []


def test_only_content_apps_declare_sources_and_patient_data_is_never_one():
    assert set(sources()) <= set(content_models())
    declaring = {config.label for config in apps.get_app_configs() if getattr(config, "search_sources", None)}
    assert all(isinstance(apps.get_app_config(label), ContentAppConfig) for label in declaring)
    assert not any(model._meta.app_label in {"waitlist", "outbox", "access_record"} for model in sources())
    # every content model staff edit text in has a source
    assert {model._meta.label for model in sources()} >= {
        "sitetext.SiteText",
        "treatments.Treatment",
        "treatments.Faq",
        "treatments.Route",
        "treatments.EducationSection",
        "clinic.LegalPage",
        "clinic.MenuLink",
        "clinic.ClinicDetails",
        "financing.FinancingProgram",
        "financing.FinancingFaq",
    }
