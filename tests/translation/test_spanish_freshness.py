"""Spanish as an equal: an English edit marks its Spanish "may be out of date" until the Spanish is written or
confirmed; the admin shows the mark beside the field and filters on it, and the go-live checklist counts it."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from clinic.models import LegalPage
from content.go_live import go_live_issues
from sitetext.models import SiteText
from staff.roles import CONTENT_EDITORS
from tests.markup import form_values, soup, text
from tests.publishing.test_publishing import change_url, submit
from translation.freshness import outdated_spanish
from translation.models import SpanishFreshness
from translation.twins import spanish_name, translated_models
from treatments.models import Treatment

pytestmark = pytest.mark.django_db

OUTDATED = "Spanish may be out of date"


def outdated_issues():
    return [issue for issue in go_live_issues() if issue.id == "content.W002"]


def changelist(model, **query):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"), query


def listed(page):
    rows = page.select("#result_list tbody tr")
    return {href.partition("?")[0] for row in rows for href in (a["href"] for a in row.select("a[href]"))}


@pytest.fixture
def one_of_each(initial_content):
    """Every translated model has a record in both languages: the shipped content, and a closed day (none ships)."""
    import datetime

    from clinic.models import ClinicDetails, ClosedDay

    ClosedDay.objects.create(
        clinic=ClinicDetails.objects.get(),
        date=datetime.date(2027, 11, 25),
        note="Thanksgiving",
        note_es="Acción de Gracias",
    )


def in_both_languages(model):
    """The first record of `model` and its first field with words in both languages."""
    for record in model._default_manager.order_by("pk"):
        for name in model.translated_fields:
            if getattr(record, name) and getattr(record, spanish_name(name)):
                return record, name
    raise AssertionError(f"{model._meta.label} has no record with both languages")


def edit(record, **words):
    for name, value in words.items():
        setattr(record, name, value)
    record.save()
    return record


# --- the marks --------------------------------------------------------------------------------------


def test_shipped_content_starts_up_to_date_and_loading_it_again_marks_nothing(initial_content):
    call_command("load_initial_content", verbosity=0)
    assert not SpanishFreshness.objects.outdated().exists()
    for model in translated_models():
        assert all(outdated_spanish(record) == {} for record in model._default_manager.all()), model
    assert outdated_issues() == []


def test_an_english_edit_marks_its_spanish_and_only_that_field(spravato):
    edit(spravato, summary="A new English summary the Spanish does not say yet.")
    (field,) = outdated_spanish(spravato)
    assert field == "summary"
    assert outdated_spanish(Treatment.objects.get(slug="iv-ketamine-infusion")) == {}


def test_a_spanish_edit_clears_the_mark(spravato):
    edit(spravato, summary="A new English summary.")
    edit(spravato, summary_es="Un resumen nuevo en español.")
    assert outdated_spanish(spravato) == {}


def test_editing_both_languages_at_once_leaves_no_mark(spravato):
    edit(spravato, summary="A new English summary.", summary_es="Un resumen nuevo en español.")
    assert outdated_spanish(spravato) == {}


def test_a_later_english_edit_marks_it_again(spravato):
    edit(spravato, summary="A new English summary.")
    edit(spravato, summary_es="Un resumen nuevo en español.")
    edit(spravato, summary="A newer English summary.")
    assert set(outdated_spanish(spravato)) == {"summary"}


def test_an_english_edit_with_no_spanish_is_missing_spanish_not_out_of_date(spravato):
    Treatment.objects.filter(pk=spravato.pk).update(summary_es="")
    spravato.refresh_from_db()
    edit(spravato, summary="Words nobody has translated yet.")
    assert outdated_spanish(spravato) == {}


def test_a_page_text_whose_english_changes_while_its_spanish_is_the_shipped_one_is_marked(initial_content):
    row = SiteText.objects.filter(text="", text_es="").exclude(key__startswith="email").order_by("pk").first()
    edit(row, text=f"{row.shipped()} Staff added a sentence.")
    assert set(outdated_spanish(row)) == {"text"}
    edit(row, text="")  # back to the shipped English, whose shipped Spanish matches it again
    assert outdated_spanish(row) == {}


@pytest.mark.parametrize(
    "model", [model for model in translated_models() if model is not SiteText], ids=lambda model: model._meta.label
)
def test_every_translated_model_is_watched(one_of_each, model):
    """Twin fields added later are covered too: the marks follow `translated_fields`, model by model (page texts,
    whose empty fields mean the shipped words, above)."""
    record, name = in_both_languages(model)
    edit(record, **{name: f"{getattr(record, name)} (reworded)"})
    assert set(outdated_spanish(record)) == {name}


# --- the admin --------------------------------------------------------------------------------------


def spanish_field(form, name):
    return form.find(attrs={"name": name})


def test_the_change_form_marks_the_spanish_and_confirming_clears_it(staff_client, spravato):
    editor = staff_client(CONTENT_EDITORS)
    assert submit(editor, spravato, "_save", summary="A new English summary.").status_code == 302
    form = soup(editor.get(change_url(spravato))).find("form", id="treatment_form")

    field = spanish_field(form, "summary_es")
    note = form.find(id=field["aria-describedby"].split()[0])
    assert text(note).startswith(f"{OUTDATED}. The English changed on ")
    assert spanish_field(form, "body_es") is not None
    assert OUTDATED not in text(form.find(id="id_body_es_helptext") or form.new_tag("p"))
    box = spanish_field(form, "summary_es_still_matches")
    assert box["type"] == "checkbox"
    assert text(form.find("label", attrs={"for": box["id"]})) == "Spanish still matches the English"

    data = form_values(form) | {"summary_es_still_matches": "on", "_save": "pressed"}
    response = editor.post(change_url(spravato), data)
    assert response.status_code == 302
    assert outdated_spanish(spravato) == {}
    form = soup(editor.get(change_url(spravato))).find("form", id="treatment_form")
    assert OUTDATED not in text(form) and spanish_field(form, "summary_es_still_matches") is None
    assert SpanishFreshness.objects.get(field="summary").confirmed_by.username.startswith("content")


@pytest.mark.parametrize(
    "model", [model for model in translated_models() if model is not SiteText], ids=lambda model: model._meta.label
)
def test_each_change_form_offers_one_box_under_each_marked_spanish_field(staff_client, one_of_each, model):
    record, name = in_both_languages(model)
    edit(record, **{name: f"{getattr(record, name)} More words."})
    page = soup(staff_client(CONTENT_EDITORS).get(change_url(record)))
    (box,) = page.select(f"input[name={name}_es_still_matches]")
    rows = [row for row in page.select(".form-row") if row.find(attrs={"name": f"{name}_es"})]
    assert rows and rows[0].find_next_sibling(class_="form-row").find("input") == box
    assert len(page.select("input[name$=_es_still_matches]")) == 1


def test_a_page_text_form_marks_its_spanish_and_confirming_clears_it(staff_client, initial_content):
    row = SiteText.objects.filter(text="", text_es="").exclude(key__startswith="email").order_by("pk").first()
    edit(row, text=f"{row.shipped()} Staff added a sentence.")
    editor = staff_client(CONTENT_EDITORS)
    form = soup(editor.get(change_url(row))).find("form", id="sitetext_form")
    assert text(form.find(id="id_text_es_helptext")).startswith(f"{OUTDATED}.")
    data = form_values(form) | {"text_es_still_matches": "on", "_draft": "pressed"}
    assert editor.post(change_url(row), data).status_code == 302
    assert outdated_spanish(row) == {}


def test_writing_the_spanish_in_the_form_clears_the_mark(staff_client, spravato):
    editor = staff_client(CONTENT_EDITORS)
    submit(editor, spravato, "_save", summary="A new English summary.")
    submit(editor, spravato, "_save", summary_es="Un resumen nuevo en español.")
    assert outdated_spanish(spravato) == {}


def test_a_draft_of_english_words_marks_the_spanish_when_it_is_published(staff_client, spravato):
    editor = staff_client(CONTENT_EDITORS)
    submit(editor, spravato, "_draft", summary="A new English summary.")
    assert outdated_spanish(spravato) == {}, "the live Spanish still matches the live English"
    submit(editor, spravato, "_save")
    assert set(outdated_spanish(spravato)) == {"summary"}


@pytest.mark.parametrize("model", [Treatment, LegalPage, SiteText], ids=lambda model: model._meta.label)
def test_the_change_list_filters_and_shows_what_may_be_out_of_date(staff_client, initial_content, model):
    editor = staff_client(CONTENT_EDITORS)
    record = model._default_manager.exclude(**{model.translated_fields[0]: ""}).order_by("pk").first()
    if model is SiteText:
        record = model.objects.filter(text="", text_es="").exclude(key__startswith="email").order_by("pk").first()
        edit(record, text=f"{record.shipped()} More words.")
    else:
        name = model.translated_fields[0]
        edit(record, **{name: f"{getattr(record, name)} More words."})
    url, query = changelist(model, spanish="outdated")
    page = soup(editor.get(url, query))
    assert listed(page) >= {change_url(record)} and len(page.select("#result_list tbody tr")) == 1
    choices = {text(link): link["href"] for link in page.select("#changelist-filter a")}
    assert choices[OUTDATED] == "?spanish=outdated"
    assert OUTDATED in text(page.select_one("#result_list tbody tr"))
    everything = soup(editor.get(url))
    assert len(everything.select("#result_list tbody tr")) > 1


# --- the go-live checklist -----------------------------------------------------------------------------


def test_the_go_live_checklist_counts_them_per_model_as_a_warning(staff_client, initial_content):
    pages = list(LegalPage.objects.order_by("pk")[:2])
    for page in pages:
        edit(page, title=f"{page.title} (new)")
    (issue,) = outdated_issues()
    assert issue.level == 30 and issue.obj is LegalPage
    assert issue.msg == "2 legal pages have Spanish that may be out of date: the English changed after it."

    editor = staff_client(CONTENT_EDITORS)
    checklist = soup(editor.get(reverse("admin:index"))).find("section", class_="go-live")
    links = {text(link): link["href"] for link in checklist.find_all("a")}
    url, _ = changelist(LegalPage)
    assert links[issue.msg] == f"{url}?spanish=outdated"

    for page in pages:
        edit(page, title_es=f"{page.title_es} (nuevo)")
    assert outdated_issues() == []
