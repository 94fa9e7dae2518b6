"""Posting the library's admin form as a browser does."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

ADD_URL = "admin:media_library_image_add"
WORDS = {
    "alt_text": "The clinic's front door, with a ramp beside the steps",
    "alt_text_es": "La puerta de la clínica, con una rampa junto a los escalones",
    "caption": "",
    "caption_es": "",
    "credit": "",
}


def upload(client, content, *, name="entrance.jpg", content_type="image/jpeg", **words):
    """Post the add form with the file `content` and the words (the defaults above, replaced by `words`)."""
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(reverse(ADD_URL), {**WORDS, **words, "upload": file, "_save": "Save"})


def field_errors(page, name):
    """The error messages the form field `name` points to (its `aria-describedby`), as a screen reader finds them."""
    field = page.find(attrs={"name": name})
    assert field is not None, name
    described_by = [page.find(id=ref) for ref in field.get("aria-describedby", "").split()]
    lists = [element for element in described_by if element is not None and "errorlist" in element.get("class", [])]
    return [" ".join(item.get_text(" ").split()) for errors in lists for item in errors.find_all("li")]
