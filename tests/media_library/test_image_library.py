"""The image library (issue 22, point 6): an upload is cleaned of its metadata, kept upright with WebP renditions
named by their content, served with year-long cache headers, and never kept without alt text in both languages."""

import hashlib
import io
import re

import pytest
from django.core.files.storage import storages
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from PIL import Image as Pillow

from content.search import search_content
from media_library.checks import media_folder_is_writable
from media_library.models import Image
from media_library.selectors import file_url
from media_library.services import MAX_UPLOAD_BYTES
from staff.roles import CLINICAL_REVIEWERS, INTAKE_COORDINATORS
from tests.markup import soup, text
from tests.media_library.admin_forms import WORDS, field_errors, upload
from tests.media_library.pictures import (
    SECRET_XMP,
    camera_jpeg,
    metadata_of,
    png,
    png_header_only,
)

pytestmark = pytest.mark.django_db

HASHED_NAME = re.compile(r"images/(?P<digest>[0-9a-f]{20})(-(?P<width>\d+)w)?\.(?P<ext>webp|jpg|png)")


def stored(name):
    with storages["default"].open(name, "rb") as file:
        return file.read()


def stored_files(media_root):
    return sorted(str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file())


def test_a_phone_photo_is_kept_upright_without_its_location_or_any_other_metadata(editor, media_root):
    original = camera_jpeg(width=1600, height=1200)
    assert metadata_of(original)["gps"] and SECRET_XMP in original  # what the phone wrote, there to be removed

    response = upload(editor, original)

    assert response.status_code == 302, field_errors(soup(response), "upload")
    image = Image.objects.get()
    assert (image.width, image.height) == (1200, 1600)  # turned upright: the camera was held on its side
    assert [rendition["width"] for rendition in image.renditions] == [320, 640, 960, 1200]
    assert stored_files(media_root) == sorted(image.stored_names())
    for name in image.stored_names():
        content = stored(name)
        found = metadata_of(content)
        assert found["exif"] == {} and found["gps"] == {}, name
        assert found["xmp"] is None and found["comment"] is None, name
        assert b"PhoneMaker" not in content and b"patient" not in content, name
        parts = HASHED_NAME.fullmatch(name)
        assert parts, name
        assert parts["digest"] == hashlib.sha256(content).hexdigest()[:20]  # named by its own bytes
    for rendition in image.renditions:
        found = metadata_of(stored(rendition["name"]))
        assert found["format"] == "WEBP"
        assert found["size"] == (rendition["width"], rendition["height"])
        assert rendition["height"] == round(rendition["width"] * 4 / 3)
    assert metadata_of(stored(image.file))["format"] == "JPEG"


def test_a_transparent_png_keeps_its_transparency_and_a_small_one_is_never_enlarged(editor, media_root):
    assert upload(editor, png(width=500, height=300, transparent=True), name="logo.png").status_code == 302
    image = Image.objects.get()
    assert [rendition["width"] for rendition in image.renditions] == [320, 500]
    assert image.file.endswith(".png")
    with Pillow.open(io.BytesIO(stored(image.renditions[-1]["name"]))) as widest:
        assert widest.mode == "RGBA" and widest.getpixel((10, 10))[3] == 128


def test_the_same_picture_twice_shares_its_files_which_go_only_with_the_last_image(
    editor, media_root, django_capture_on_commit_callbacks
):
    content = camera_jpeg()
    upload(editor, content)
    upload(editor, content, alt_text="The door again", alt_text_es="La puerta otra vez")
    first, second = Image.objects.order_by("pk")
    assert first.stored_names() == second.stored_names()

    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert stored_files(media_root) == sorted(second.stored_names())
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("missing", ["alt_text", "alt_text_es"])
def test_alt_text_is_required_in_both_languages(editor, media_root, missing):
    response = upload(editor, camera_jpeg(), **{missing: ""})
    assert response.status_code == 200
    assert field_errors(soup(response), missing) == ["This field is required."]
    assert not Image.objects.exists() and stored_files(media_root) == []


def test_a_caption_in_one_language_only_is_refused_next_to_the_other(editor, media_root):
    page = soup(upload(editor, camera_jpeg(), caption="Our front door"))
    assert field_errors(page, "caption_es") == ["Give the caption in Spanish too, or leave both empty."]
    assert upload(editor, camera_jpeg(), caption="Our front door", caption_es="Nuestra puerta").status_code == 302
    assert Image.objects.get().localized_caption == "Our front door"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.7 not a picture at all", "entrance.jpg", "This file is not a picture the site can use."),
        (camera_jpeg()[:2000], "cut-off.jpg", "This file is not a picture the site can use."),
        (b"GIF89a" + b"\x00" * 100, "animated.gif", "This file is not a picture the site can use."),
        (png_header_only(width=8000, height=6000), "huge.png", "This picture is 8000 × 6000 pixels, more than the 40"),
        (png_header_only(width=30000, height=30000), "bomb.png", "This picture is far more than the 40 megapixels"),
    ],
    ids=["not-an-image", "truncated", "gif", "48-megapixels", "decompression-bomb"],
)
def test_a_file_the_site_cannot_use_gets_an_error_next_to_the_field_never_a_500(
    editor, media_root, content, name, message
):
    response = upload(editor, content, name=name)
    assert response.status_code == 200
    (error,) = field_errors(soup(response), "upload")
    assert error.startswith(message)
    assert not Image.objects.exists() and stored_files(media_root) == []


def test_a_file_over_10_mb_is_refused_before_it_is_read(editor, media_root):
    response = upload(editor, b"\xff\xd8" + b"\x00" * MAX_UPLOAD_BYTES)
    assert field_errors(soup(response), "upload") == ["This file is larger than 10 MB. Upload a smaller copy."]


def test_a_stored_file_is_served_with_a_year_long_immutable_cache_lifetime(client, editor, media_root):
    upload(editor, camera_jpeg())
    rendition = Image.objects.get().renditions[1]
    url = file_url(rendition["name"])
    assert url == f"/media/{rendition['name']}"

    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == stored(rendition["name"])
    assert client.head(url).status_code == 200


@pytest.mark.parametrize(
    "name",
    ["images/0123456789abcdef0123-640w.webp", "images/../../db.sqlite3", "settings.py", "images/notahash.webp"],
)
def test_only_files_the_library_made_are_served(client, media_root, name):
    assert client.get(f"/media/{name}").status_code == 404


def test_the_template_tag_draws_a_lazy_responsive_image_with_alt_text_in_the_pages_language(editor, media_root):
    upload(editor, camera_jpeg())
    image = Image.objects.get()
    sizes = "(min-width: 768px) 50vw, 100vw"
    template = Template(f'{{% load responsive_images %}}{{% responsive_image image sizes="{sizes}" %}}')
    for language, alt in (("en", WORDS["alt_text"]), ("es", WORDS["alt_text_es"])):
        with translation.override(language):
            img = soup(template.render(Context({"image": image}))).find("img")
        assert img["alt"] == alt and not img.has_attr("lang")
        assert img["sizes"] == sizes
        assert (img["width"], img["height"]) == ("1200", "1600")
        assert (img["loading"], img["decoding"]) == ("lazy", "async")
        candidates = [candidate.rsplit(" ", 1) for candidate in img["srcset"].split(", ")]
        assert candidates == [[file_url(r["name"]), f"{r['width']}w"] for r in image.renditions]
        assert img["src"] == file_url(image.renditions[1]["name"])  # 640 px for a browser without srcset
    assert Template("{% load responsive_images %}{% responsive_image None %}").render(Context()) == ""


def test_content_editors_and_reviewers_work_in_the_library_and_coordinators_cannot_open_it(staff_client, media_root):
    changelist = reverse("admin:media_library_image_changelist")
    reviewer = staff_client(CLINICAL_REVIEWERS)
    assert reviewer.get(changelist).status_code == 200
    assert reviewer.get(reverse("admin:media_library_image_add")).status_code == 403
    assert staff_client(INTAKE_COORDINATORS).get(changelist).status_code == 403


def test_the_library_lists_each_image_with_its_thumbnail_and_both_alt_texts(editor, media_root):
    upload(editor, camera_jpeg())
    image = Image.objects.get()
    page = soup(editor.get(reverse("admin:media_library_image_changelist")))
    (row,) = page.select("#result_list tbody tr")
    thumbnail = row.select_one("img.media-library-thumbnail")
    assert thumbnail["src"] == file_url(image.renditions[0]["name"]) and thumbnail["alt"] == ""
    assert WORDS["alt_text"] in text(row) and WORDS["alt_text_es"] in text(row)

    change = soup(editor.get(reverse("admin:media_library_image_change", args=[image.pk])))
    preview = change.select_one("img.media-library-preview")
    assert preview["alt"] == WORDS["alt_text"]
    assert change.find("input", attrs={"name": "upload"}) is None  # a new picture is a new image


def test_an_edit_of_the_words_keeps_the_files(editor, media_root):
    upload(editor, camera_jpeg())
    image = Image.objects.get()
    url = reverse("admin:media_library_image_change", args=[image.pk])
    response = editor.post(url, {**WORDS, "alt_text_es": "La entrada de la clínica", "_save": "Save"})
    assert response.status_code == 302
    edited = Image.objects.get()
    assert edited.alt_text_es == "La entrada de la clínica" and edited.stored_names() == image.stored_names()
    response = editor.post(url, {**WORDS, "alt_text_es": "", "_save": "Save"})
    assert field_errors(soup(response), "alt_text_es") == ["This field is required."]


def test_the_admins_content_search_finds_an_image_by_its_alt_text_in_either_language(editor, media_root):
    upload(editor, camera_jpeg())
    image = Image.objects.get()
    (hit,) = search_content(typed="rampa escalones", searchable=[Image]).hits
    assert hit.record == image
    assert [(match.field, match.language) for match in hit.matches] == [("Alt text", "es")]
    assert search_content(typed="ramp steps", searchable=[Image]).hits[0].record == image


def test_the_deployment_check_refuses_a_media_folder_that_cannot_be_written(settings, tmp_path):
    assert media_folder_is_writable(None) == []  # this test's own folder
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = blocker / "media"
    (error,) = media_folder_is_writable(None)
    assert error.id == "media_library.E001" and str(blocker / "media") in error.msg
