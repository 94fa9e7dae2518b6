import pytest

from tests.browser import PHONE, assert_accessible, save_screenshots
from treatments.models import Treatment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TREATMENT_PAGES = [
    f"/treatments/{slug}/"
    for slug in ("iv-ketamine-infusion", "intramuscular-ketamine", "spravato", "ketamine-assisted-psychotherapy")
]
PAGES = ["/", "/treatments/", *TREATMENT_PAGES, "/treatments/compare/", "/ketamine/"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_treatment_pages_have_no_accessibility_violations(initial_content, page, live_server, path, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_comparison_table_reads_as_a_table_on_a_phone(initial_content, page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/treatments/compare/")
    table = page.get_by_role("table", name="How the ways of giving ketamine compare")
    assert table.is_visible()
    assert page.get_by_role("rowheader").count() == 5
    assert page.get_by_role("columnheader").count() == 5
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the table must not force sideways scrolling on a phone"
    first_cell = page.get_by_role("row", name="IV infusion").get_by_role("cell").first
    label = first_cell.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"How well it works"', "each stacked cell shows its column name"


def test_ketamine_page_contents_links_jump_to_their_sections(initial_content, page, live_server):
    page.goto(live_server.url + "/ketamine/")
    page.get_by_role("navigation", name="On this page").get_by_role("link", name="How it works").click()
    assert page.url.endswith("#how-it-works")
    assert page.get_by_role("heading", name="How it works").is_visible()


def test_screenshots_of_the_treatment_pages(initial_content, page, live_server):
    for path, name, heading in [
        ("/", "home", None),
        ("/treatments/", "treatments", None),
        ("/treatments/compare/", "compare", None),
        ("/treatments/spravato/", "treatment-spravato", "spravato"),
        ("/treatments/iv-ketamine-infusion/", "treatment-iv", "iv-ketamine-infusion"),
        ("/treatments/ketamine-assisted-psychotherapy/", "treatment-kap", "ketamine-assisted-psychotherapy"),
    ]:
        save_screenshots(page, live_server.url + path, name)  # fits 390 px, crisis help and call link on screen
        assert page.locator("h1").is_visible()
        if heading:
            assert page.get_by_role("heading", level=1).inner_text() == Treatment.objects.get(slug=heading).name
    assert page.get_by_role("link", name="Join the Spravato waitlist").count() == 0  # KAP: nothing to book


def test_screenshots_of_the_ketamine_page(initial_content, page, live_server):
    save_screenshots(page, live_server.url + "/ketamine/", "ketamine")
    assert page.get_by_role("navigation", name="On this page").is_visible()
