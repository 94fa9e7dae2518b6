"""The team page in a real browser: accessible at 390 and 1280 px in both languages, with and without a photo (one
uploaded through the image library's services), on a fresh site (no profile yet) too, and a treatment page with its
providers; screenshots to look at."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from PIL import Image as Pillow
from PIL import ImageDraw

from media_library import services as images
from media_library.models import Image
from tests.browser import DESKTOP, PHONE, assert_accessible, assert_fits_the_width, save_screenshots

from .conftest import make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("initial_content")]


def generated_portrait() -> bytes:
    """A made-up picture (no person): soft background, a round shape for a head and shoulders."""
    picture = Pillow.new("RGB", (1200, 900), (214, 228, 230))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((480, 180, 720, 420), fill=(120, 150, 155))
    draw.ellipse((360, 460, 840, 1100), fill=(90, 120, 128))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def uploaded_photo() -> Image:
    picture = images.read_upload(upload=ContentFile(generated_portrait(), name="portrait.jpg"))
    stored = images.store_picture(picture=picture)
    words = Image(alt_text="A drawing of a person's outline", alt_text_es="Un dibujo del contorno de una persona")
    return images.add_image(image=words, stored=stored)


@pytest.fixture
def team(media_root):
    make_provider(photo=uploaded_photo(), treatments=["spravato", "iv-ketamine-infusion"])
    make_provider(
        name="Sam Okafor",
        credentials="NP",
        role="Nurse practitioner",
        role_es="Enfermero",
        languages="en",
        bio="Sam helps you feel at ease during your visit.",
        bio_es="Sam le ayuda a estar tranquilo durante su visita.",
        ordering=20,
        treatments=["spravato"],
    )


PATHS = ["/team/", "/es/team/", "/treatments/spravato/", "/es/treatments/spravato/"]


@pytest.mark.parametrize("path", PATHS)
def test_the_team_and_a_treatment_s_providers_have_no_accessibility_violations(page, live_server, team, path):
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        response = page.goto(live_server.url + path)
        assert response.status == 200
        assert page.locator("h1:visible").count() == 1
        assert_accessible(page)
        assert_fits_the_width(page)


@pytest.mark.parametrize("path", ["/team/", "/es/team/"])
def test_the_page_before_any_profile_is_written_is_accessible(page, live_server, path):
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        assert page.goto(live_server.url + path).status == 200
        assert page.locator("article.provider").count() == 0
        assert_accessible(page)
        assert_fits_the_width(page)


def test_the_photo_loads_and_the_initials_stand_in_without_one(page, live_server, team):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/team/")
    photo = page.get_by_role("img", name="A drawing of a person's outline")
    photo.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.provider-photo__img').complete")
    assert photo.evaluate("image => image.naturalWidth") > 0
    assert page.locator("article.provider").nth(1).locator(".provider-initials").is_visible()
    assert photo.get_attribute("loading") == "eager", "the first card's photo is the largest paint"
    data = [json.loads(script) for script in page.locator('script[type="application/ld+json"]').all_text_contents()]
    people = {node["name"]: node for item in data for node in item.get("@graph", []) if node["@type"] == "Person"}
    assert people["Alex Rivera"]["image"].startswith(live_server.url + "/media/images/")
    assert people["Alex Rivera"]["image"].endswith("-640w.webp")
    assert "image" not in people["Sam Okafor"]


def test_a_treatment_page_leads_to_its_provider_on_the_team_page(page, live_server, team):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/es/treatments/spravato/")
    page.get_by_role("link", name="Sam Okafor, NP").click()
    page.wait_for_url("**/es/team/#provider-*")
    assert page.get_by_role("heading", name="Sam Okafor, NP", level=2).is_visible()


def test_screenshots_of_the_team_pages(page, live_server, team):
    for path, name in [
        ("/team/", "team"),
        ("/es/team/", "team-es"),
        ("/treatments/spravato/", "treatment-spravato-with-providers"),
    ]:
        save_screenshots(page, live_server.url + path, name)


def test_screenshots_of_the_team_page_before_any_profile(page, live_server):
    save_screenshots(page, live_server.url + "/team/", "team-empty")
