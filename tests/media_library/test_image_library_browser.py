"""A content editor works in the image library in Chromium (issue 22, point 6): the add form, its errors next to
the fields, the list with thumbnails and an image's page, each with axe finding nothing at 390 and 1280 px, and
every picture loaded from the site itself; and the refusal an editor meets changing the words of a photo a reviewed
page shows."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from media_library.models import Image
from publishing import services as publishing
from staff.roles import CLINICAL_REVIEWERS, CONTENT_EDITORS
from tests.browser import check_at_both_widths
from tests.media_library.admin_forms import WORDS
from tests.media_library.pictures import camera_jpeg
from tests.staff.second_factor import sign_in_through_the_login_page
from tests.team.conftest import make_provider
from tests.team.test_team_browser import uploaded_photo
from treatments.models import Treatment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def loaded_width(locator):
    """The width of the picture the browser decoded: 0 when it did not load."""
    return locator.evaluate("img => img.complete ? img.naturalWidth : 0")


def test_an_editor_uploads_a_photo_fixes_the_errors_and_sees_it_in_the_library(page, live_server, media_root):
    sign_in_through_the_login_page(page, live_server, username="pictures", group=CONTENT_EDITORS)
    page.goto(f"{live_server.url}/{settings.ADMIN_URL}media_library/image/")
    page.get_by_role("link", name="Add image").click()
    expect(page.get_by_role("heading", name="Add image", level=1)).to_be_visible()
    check_at_both_widths(page, "admin-images-add")

    # A document instead of a photo, and no Spanish alt text: both errors next to their fields, nothing kept.
    page.get_by_label("Picture").set_input_files(
        {"name": "notes.jpg", "mimeType": "image/jpeg", "buffer": b"%PDF-1.7 not a picture"}
    )
    page.get_by_label("Alt text:", exact=True).fill(WORDS["alt_text"])
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#id_upload_error")).to_contain_text("This file is not a picture the site can use.")
    expect(page.locator("#id_alt_text_es_error")).to_have_text("This field is required.")
    expect(page.get_by_label("Picture")).to_have_attribute("aria-invalid", "true")
    assert not Image.objects.exists()
    check_at_both_widths(page, "admin-images-add-errors")

    page.get_by_label("Picture").set_input_files(
        {"name": "entrance.jpg", "mimeType": "image/jpeg", "buffer": camera_jpeg()}
    )
    page.get_by_label("Alt text · Español").fill(WORDS["alt_text_es"])
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/{settings.ADMIN_URL}media_library/image/")
    image = Image.objects.get()
    thumbnail = page.locator("img.media-library-thumbnail")
    expect(thumbnail).to_have_attribute("src", f"/media/{image.renditions[0]['name']}")
    page.wait_for_load_state("load")
    assert loaded_width(thumbnail) == 320  # the narrowest rendition, served by the site
    check_at_both_widths(page, "admin-images-list")

    page.locator("#result_list").get_by_role("link", name=WORDS["alt_text"]).click()
    preview = page.get_by_role("img", name=WORDS["alt_text"])
    expect(preview).to_be_visible()
    page.wait_for_load_state("load")
    assert loaded_width(preview) > 0
    check_at_both_widths(page, "admin-images-change")


@pytest.mark.usefixtures("initial_content")
def test_an_editor_is_told_that_a_photo_on_a_reviewed_page_waits_for_a_reviewer(page, live_server, media_root):
    photo = uploaded_photo()
    make_provider(photo=photo, treatments=["spravato"])
    dana = User.objects.create_user(username="dana", first_name="Dana", last_name="Reyes")
    dana.groups.add(Group.objects.get(name=CLINICAL_REVIEWERS))
    publishing.set_needs_clinical_review(page=Treatment.objects.get(slug="spravato"), needed=True, user=dana)
    sign_in_through_the_login_page(page, live_server, username="pictures", group=CONTENT_EDITORS)

    page.goto(f"{live_server.url}/{settings.ADMIN_URL}media_library/image/{photo.pk}/change/")
    expect(page.locator(".field-clinical_review")).to_contain_text("because it is shown on the Spravato page")
    page.get_by_label("Alt text:", exact=True).fill("A new description nobody has reviewed")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("ul.errorlist.nonfield")).to_contain_text("Ask a reviewer to make this change.")
    photo.refresh_from_db()
    assert photo.alt_text == "A drawing of a person's outline"
    check_at_both_widths(page, "admin-images-change-needs-review")
