"""Missing Spanish: the go-live checklist reports it, and the admin lists it, model by model."""

import datetime
import functools

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from clinic.models import ClinicDetails, ClosedDay, LegalPage
from content.go_live import go_live_issues
from sitetext.models import SiteText
from staff.roles import CONTENT_EDITORS, INTAKE_COORDINATORS
from tests.go_live import enter_real_details
from tests.markup import hrefs, soup, text
from translation.twins import missing_spanish, spanish_name, translated_models
from treatments.models import Treatment

pytestmark = pytest.mark.django_db

TRANSLATED_MODELS = translated_models()
# Records only staff add (the clinic's closed days): nothing of them ships, so a test adds one in both languages.
STAFF_ENTERED = {
    "clinic.ClosedDay": lambda: ClosedDay.objects.create(
        clinic=ClinicDetails.objects.get(),
        date=datetime.date(2026, 11, 26),
        note="Thanksgiving",
        note_es="Acción de Gracias",
    )
}


def admin_url(model, view="changelist", *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def missing_spanish_url(model):
    return f"{admin_url(model)}?spanish=missing"


def spanish_issues():
    return [issue for issue in go_live_issues() if issue.id == "content.W001"]


@pytest.fixture
def blank_spanish(without_shipped_spanish):
    """`blank_spanish(model)`: one record of `model` with no Spanish words, as if never translated (a page text's
    empty Spanish means its shipped Spanish: its catalogue entry is left out); returns it and a way back."""

    def blank(model):
        if model is SiteText:
            record = SiteText.objects.order_by("pk").first()
            return record, without_shipped_spanish(record.key)
        if model._meta.label in STAFF_ENTERED:
            STAFF_ENTERED[model._meta.label]()
        return _blank_spanish_field(model)

    return blank


def _blank_spanish_field(model):
    for record in model._default_manager.order_by("pk"):
        for name in model.translated_fields:
            spanish = getattr(record, spanish_name(name))
            if (getattr(record, name) or "").strip() and spanish:
                rows = model._default_manager.filter(pk=record.pk)
                rows.update(**{spanish_name(name): ""})
                return record, functools.partial(rows.update, **{spanish_name(name): spanish})
    raise AssertionError(f"{model._meta.label} ships no translated record")


def listed(page):
    """The change links of the rows of a change list (without the filters the admin keeps in them)."""
    links = {href.partition("?")[0] for row in page.select("#result_list tbody tr") for href in hrefs(row)}
    return {link for link in links if link.endswith("/change/")}


def test_the_shipped_content_is_fully_translated_so_a_fresh_site_reports_no_missing_spanish(initial_content):
    assert {model._meta.label for model in TRANSLATED_MODELS} >= {
        "treatments.Treatment", "clinic.LegalPage", "sitetext.SiteText", "clinic.ClinicDetails",
    }  # fmt: skip
    for model in TRANSLATED_MODELS:
        assert model._default_manager.exists() or model._meta.label in STAFF_ENTERED, model
        assert not [record for record in model._default_manager.all() if missing_spanish(record)], model
    assert spanish_issues() == []
    enter_real_details()
    assert go_live_issues() == []


@pytest.mark.parametrize("model", TRANSLATED_MODELS, ids=lambda model: model._meta.label)
def test_a_text_without_spanish_is_reported_with_a_link_to_the_list_of_what_is_missing(
    initial_content, staff_client, model, blank_spanish
):
    record, restore = blank_spanish(model)
    (issue,) = spanish_issues()
    assert issue.level == 30 and issue.obj is model and issue.msg.startswith("1 ")
    assert "no Spanish yet" in issue.msg

    editor = staff_client(CONTENT_EDITORS)
    checklist = soup(editor.get(reverse("admin:index"))).find("section", class_="go-live")
    links = {text(link): link["href"] for link in checklist.find_all("a")}
    assert links[issue.msg] == missing_spanish_url(model)

    missing = soup(editor.get(links[issue.msg]))
    assert listed(missing) == {admin_url(model, "change", record.pk)}

    restore()
    assert spanish_issues() == []
    assert listed(soup(editor.get(missing_spanish_url(model)))) == set()


def test_several_records_are_counted_in_one_item(initial_content):
    pages = list(LegalPage.objects.order_by("pk")[:2])
    LegalPage.objects.filter(pk__in=[page.pk for page in pages]).update(body_es="")
    (issue,) = spanish_issues()
    assert issue.msg == "2 legal pages have words with no Spanish yet, so the Spanish pages show them in English."


def test_english_left_empty_needs_no_spanish(initial_content):
    SiteText.objects.filter(pk=SiteText.objects.order_by("pk").first().pk).update(text="", text_es="")
    assert spanish_issues() == []


def test_check_deploy_fails_on_missing_spanish(initial_content):
    enter_real_details()
    call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "go_live")
    Treatment.objects.filter(slug="spravato").update(body_es="")
    with pytest.raises(SystemCheckError, match=r"treatments\.Treatment: \(content\.W001\) 1 treatment has words"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "go_live")


def test_staff_who_cannot_edit_the_model_are_not_shown_its_missing_spanish(
    initial_content, staff_client, blank_spanish
):
    enter_real_details()
    blank_spanish(SiteText)
    coordinator = staff_client(INTAKE_COORDINATORS)
    assert soup(coordinator.get(reverse("admin:index"))).find("section", class_="go-live") is None
    editor = staff_client(CONTENT_EDITORS)
    checklist = soup(editor.get(reverse("admin:index"))).find("section", class_="go-live")
    assert text(checklist.h2) == "Before the site goes live: 1 thing to set"
    assert hrefs(checklist) == [missing_spanish_url(SiteText)]
    assert "filtered by Spanish: Not translated yet" in text(checklist.select_one(".go-live-hint"))


@pytest.mark.parametrize("model", [Treatment, LegalPage, SiteText], ids=lambda model: model._meta.label)
def test_the_change_list_filter_lists_what_is_not_translated_and_what_is(
    initial_content, staff_client, model, blank_spanish
):
    editor = staff_client(CONTENT_EDITORS)
    record, _ = blank_spanish(model)
    change = admin_url(model, "change", record.pk)

    page = soup(editor.get(missing_spanish_url(model)))
    assert listed(page) == {change}
    choices = {text(link): link["href"] for link in page.select("#changelist-filter a")}
    assert choices["Not translated yet"] == "?spanish=missing"

    translated = soup(editor.get(admin_url(model), {"spanish": "done"}))
    assert listed(translated) and change not in listed(translated)
    rest = model._default_manager.count() - 1
    assert f"{rest} {model._meta.verbose_name_plural}" in text(translated.select_one(".paginator"))
