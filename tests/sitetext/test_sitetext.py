"""Fixed page texts are data: staff reword them in admin, placeholders are filled safely, edits are never lost."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from sitetext.models import SiteText
from sitetext.registry import Text, all_texts, problems
from sitetext.rendering import text_as_html, text_as_plain
from sitetext.selectors import current_texts
from staff.roles import CONTENT_EDITORS, INTAKE_COORDINATORS
from tests.markup import soup, text

pytestmark = pytest.mark.django_db


def test_every_declared_text_gets_an_empty_row_that_shows_its_default_words(initial_content):
    stored = dict(SiteText.objects.values_list("key", "text"))
    assert stored == {key: "" for key in all_texts()}
    assert dict(current_texts("en")) == {key: spec.default for key, spec in all_texts().items()}


def test_loading_again_never_overwrites_an_edit(initial_content):
    SiteText.objects.filter(key="site.skip_link").update(text="Jump to the page")
    call_command("load_initial_content", stdout=None)
    assert SiteText.objects.get(key="site.skip_link").text == "Jump to the page"


def test_an_edit_shows_on_the_next_page_view_even_after_the_page_was_cached(client, initial_content):
    client.get("/")
    crisis = SiteText.objects.get(key="site.crisis")
    crisis.text = "Need help now? Call or text [988](tel:988). Emergency: call [911](tel:911)."
    crisis.save()
    banner = soup(client.get("/")).select_one(".crisis-banner")
    assert banner.select_one(".crisis-text").get_text() == "Need help now? Call or text 988. Emergency: call 911."
    assert [link["href"] for link in banner.find_all("a")] == ["tel:988", "tel:911"]


def test_the_error_pages_show_the_crisis_text_without_the_database():
    from clinic_site.views import render_without_database

    page = soup(render_without_database("500.html", status=500).content)
    assert "988" in text(page.select_one(".crisis-banner"))


def test_placeholder_values_are_escaped_and_markdown_is_sanitised():
    html = text_as_html(key="site.crisis", words="[Call](tel:988) <script>x</script>", values={})
    page = soup(html)
    assert page.find("script") is None
    assert page.find("a")["href"] == "tel:988"


GREETING = Text("test.greeting", "Tests", "Greeting", "Hello {first_name}", placeholders=("first_name",))
REMOVAL = Text("test.removal", "Tests", "Removal", "{link}", markdown=True, placeholders=("link",), required=("link",))


@pytest.fixture
def declared(monkeypatch):
    texts = {**all_texts(), GREETING.key: GREETING, REMOVAL.key: REMOVAL}
    monkeypatch.setattr("sitetext.registry.all_texts", lambda: texts)


def test_a_patient_value_cannot_become_markup(declared):
    html = text_as_html(key="test.greeting", words="Hello {first_name}", values={"first_name": "<b>Ana</b>"})
    assert soup(html).find("b") is None
    assert text(soup(html)) == "Hello <b>Ana</b>"
    assert text_as_plain(key="test.greeting", words="Hi {first_name}!", values={"first_name": "Ana"}) == "Hi Ana!"


def test_a_template_that_forgets_a_value_fails_loudly(declared):
    with pytest.raises(ValueError, match="first_name"):
        text_as_plain(key="test.greeting", words="Hello {first_name}", values={})


@pytest.mark.parametrize(
    ("spec", "words", "complaint"),
    [
        (GREETING, "Hello {name}", "cannot use {name}"),
        (GREETING, "Hello\nthere", "one line"),
        (GREETING, "   ", "cannot be empty"),
        (REMOVAL, "Write to us to leave.", "must keep {link}"),
    ],
)
def test_an_editor_is_told_what_is_wrong(spec, words, complaint):
    assert any(complaint in problem for problem in problems(spec, words))


def test_good_words_have_no_problems():
    assert problems(GREETING, "Hi {first_name}, welcome.") == []


def test_the_model_refuses_unknown_placeholders_and_normalises_line_endings(initial_content):
    crisis = SiteText.objects.get(key="site.crisis")
    crisis.text = "Call [988](tel:988).\r\n\r\nOr {phone}."
    with pytest.raises(ValidationError, match="cannot use"):
        crisis.full_clean()
    crisis.text = "Call [988](tel:988).\r\n\r\nOr 911."
    crisis.full_clean()
    assert crisis.text == "Call [988](tel:988).\n\nOr 911."


def test_a_content_editor_rewords_a_text_in_admin_but_cannot_add_or_delete_one(initial_content, staff_client):
    client = staff_client(CONTENT_EDITORS)
    skip = SiteText.objects.get(key="site.skip_link")
    change_url = reverse("admin:sitetext_sitetext_change", args=[skip.pk])
    assert "Skip link" in text(soup(client.get(change_url)))
    response = client.post(change_url, {"text": "Go to the page content"})
    assert response.status_code == 302
    assert SiteText.objects.get(pk=skip.pk).text == "Go to the page content"
    assert client.get(reverse("admin:sitetext_sitetext_add")).status_code == 403
    assert client.get(reverse("admin:sitetext_sitetext_delete", args=[skip.pk])).status_code == 403


def test_an_error_is_shown_next_to_the_text_and_nothing_is_saved(initial_content, staff_client):
    client = staff_client(CONTENT_EDITORS)
    crisis = SiteText.objects.get(key="site.crisis")
    response = client.post(reverse("admin:sitetext_sitetext_change", args=[crisis.pk]), {"text": "Call {nobody}"})
    assert response.status_code == 200
    errors = soup(response).select(".field-text .errorlist li")
    assert errors and "cannot use {nobody}" in text(errors[0])
    assert SiteText.objects.get(pk=crisis.pk).text == crisis.text


def test_intake_coordinators_cannot_change_page_texts(initial_content, staff_client):
    client = staff_client(INTAKE_COORDINATORS)
    skip = SiteText.objects.get(key="site.skip_link")
    assert client.get(reverse("admin:sitetext_sitetext_change", args=[skip.pk])).status_code == 403
