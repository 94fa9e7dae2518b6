"""The questions page in a real browser: accessible at 390 and 1280 px in both languages, filtered or not, and its
topic filter and list of questions work without JavaScript."""

import pytest

from tests.browser import DESKTOP, PHONE, assert_accessible, assert_fits_the_width, save_screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("initial_content")]

PATHS = ["/questions/", "/questions/?topic=spravato", "/es/questions/", "/es/questions/?topic=paying-for-care"]


@pytest.mark.parametrize("path", PATHS)
def test_the_questions_page_has_no_accessibility_violations_at_both_widths(page, live_server, path):
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        response = page.goto(live_server.url + path)
        assert response.status == 200
        assert page.locator("h1:visible").count() == 1
        assert_accessible(page)
        assert_fits_the_width(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_the_topic_filter_and_the_list_of_questions_work_without_javascript(browser, live_server, viewport):
    # Reduced motion: the jump to a question is then instant, not Bootstrap's smooth scroll, so where it lands is known.
    context = browser.new_context(java_script_enabled=False, viewport=viewport, reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/questions/")
        assert page.locator("section.question-topic").count() == 6
        contents = page.get_by_role("navigation", name="Questions on this page")
        contents.get_by_role("link", name="Can I drive home after Spravato?").click()
        page.wait_for_url("**/questions/#faq-*")
        assert_near_the_top(page, page.get_by_role("heading", name="Can I drive home after Spravato?", level=3))

        topics = page.get_by_role("navigation", name="Choose a topic")
        topics.get_by_role("link", name="Spravato", exact=True).click()
        page.wait_for_url(live_server.url + "/questions/?topic=spravato#contents")
        sections = page.locator("section.question-topic")
        assert sections.count() == 1
        assert sections.get_by_role("heading", level=2).inner_text() == "Spravato"
        assert topics.get_by_role("link", name="Spravato", exact=True).get_attribute("aria-current") == "page"
        assert_near_the_top(page, contents)  # the topic's questions, not the top of the page again

        topics.get_by_role("link", name="All topics").click()
        page.wait_for_url(live_server.url + "/questions/")
        assert page.locator("section.question-topic").count() == 6
    finally:
        context.close()


def assert_near_the_top(page, locator):
    box = locator.bounding_box()
    assert -1 <= box["y"] < 100, f"{locator} is {box['y']} px down the screen, not at its top"


def test_screenshots_of_the_questions_page(page, live_server):
    for path, name in [
        ("/questions/", "questions"),
        ("/questions/?topic=spravato", "questions-spravato"),
        ("/es/questions/", "questions-es"),
        ("/es/questions/?topic=paying-for-care", "questions-es-financing"),
    ]:
        save_screenshots(page, live_server.url + path, name)  # fits 390 px, crisis help and call link on screen
