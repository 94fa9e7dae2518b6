"""A photo's words on a reviewed page, its alt text (read aloud) and its caption, change only through a clinical
reviewer, as the profile around it does; changed any other way, they take the page's review line away."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from media_library.models import Image
from publishing.models import PageChange
from publishing.selectors import review_reasons
from team.models import Provider
from tests.markup import soup, text
from tests.media_library.admin_forms import upload
from tests.media_library.pictures import camera_jpeg
from tests.publishing.test_publishing import error_note, submit
from tests.team.conftest import make_provider
from tests.team.test_team_page import review_line, reviewed_spravato  # noqa: F401 - a fixture, used by name

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reviewed_spravato")]  # "Reviewed by Dana Reyes"

ALT = "Alex Rivera, smiling, in the clinic's infusion room"
ALT_ES = "Alex Rivera, sonriendo, en la sala de infusiones de la clínica"


@pytest.fixture
def photo(editor, media_root, initial_content):
    assert upload(editor, camera_jpeg()).status_code == 302
    return Image.objects.get()


def provider_with(photo, *, treatment):
    """A profile showing `photo` on `treatment`'s page, both written a day ago (before any review in the test)."""
    alex = make_provider(treatments=[treatment], photo=photo)
    a_day_ago = timezone.now() - datetime.timedelta(days=1)
    Provider.objects.filter(pk=alex.pk).update(updated_at=a_day_ago)
    Image.objects.filter(pk=photo.pk).update(updated_at=a_day_ago)
    photo.refresh_from_db()
    return alex


def test_an_editor_cannot_change_the_words_of_a_photo_on_a_reviewed_page(client, editor, photo):
    provider_with(photo, treatment="spravato")
    assert review_line(client).startswith("Reviewed by Dana Reyes")
    shown = photo.alt_text
    for field, words in (("alt_text", ALT), ("alt_text_es", ALT_ES), ("caption", "Alex"), ("credit", "Sam")):
        response = submit(editor, photo, **{field: words, **({"caption_es": "Alex"} if field == "caption" else {})})
        assert response.status_code == 200, field
        assert "because it is shown on the Spravato page" in error_note(response)
    photo.refresh_from_db()
    assert (photo.alt_text, photo.caption, photo.credit) == (shown, "", "")
    assert not PageChange.objects.filter(content_type__model="image").exists()


def test_the_change_form_says_a_reviewer_is_needed_and_why(editor, photo):
    provider_with(photo, treatment="spravato")
    page = soup(editor.get(reverse("admin:media_library_image_change", args=[photo.pk])))
    line = next(row for row in page.select(".form-row") if "Clinical review" in text(row))
    assert "because it is shown on the Spravato page" in text(line)
    assert review_reasons(record=photo) == ["it is shown on the Spravato page"]


def test_a_reviewer_changes_them_and_the_page_keeps_a_review_line_naming_them(client, reviewer, photo):
    provider_with(photo, treatment="spravato")
    response = submit(reviewer, photo, alt_text=ALT, alt_text_es=ALT_ES)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.alt_text, photo.alt_text_es) == (ALT, ALT_ES)
    change = PageChange.objects.get(content_type__model="image", object_id=photo.pk)
    assert change.state == "published" and change.reviewer_name == "Dana Reyes"
    page = soup(client.get("/treatments/spravato/"))
    assert [img["alt"] for img in page.select(".treatment-provider__photo img")] == [ALT]
    assert review_line(client).startswith("Reviewed by Dana Reyes")
    assert photo.history.first().history_user.username == "reviewer", "the library keeps who changed the words"


def test_an_editor_changes_the_words_of_a_photo_no_reviewed_page_shows(client, editor, photo):
    provider_with(photo, treatment="iv-ketamine-infusion")  # IV is not marked as needing a review
    assert submit(editor, photo, alt_text=ALT).status_code == 302
    photo.refresh_from_db()
    assert photo.alt_text == ALT
    page = soup(client.get("/treatments/iv-ketamine-infusion/"))
    assert [img["alt"] for img in page.select(".treatment-provider__photo img")] == [ALT]


def test_words_changed_outside_the_admin_take_the_review_line_away(client, photo):
    provider_with(photo, treatment="spravato")
    assert review_line(client).startswith("Reviewed by Dana Reyes")
    Image.objects.filter(pk=photo.pk).update(alt_text=ALT, updated_at=timezone.now() + datetime.timedelta(minutes=1))
    assert review_line(client) is None, "no review line over words nobody reviewed"
