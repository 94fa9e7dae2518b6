"""Reads of the image library: what a page needs to show an image responsively."""

from dataclasses import dataclass

from django.urls import reverse

from content.search import Hit, Terms, records_matching
from translation.twins import Localized

from .models import Image

#: The rendition an old browser (one that ignores srcset) loads: the widest no wider than this.
FALLBACK_WIDTH = 640


@dataclass(frozen=True)
class ResponsiveImage:
    src: str
    srcset: str
    width: int
    height: int
    alt: Localized


def file_url(name: str) -> str:
    """Where the site serves a stored file (media_library.views): on the site itself, whatever the storage."""
    return reverse("media_library:file", kwargs={"name": name})


def responsive(*, image: Image) -> ResponsiveImage:
    """The image's renditions as `<img>` attributes, with its alt text in the page's language."""
    renditions = image.renditions
    fitting = [rendition for rendition in renditions if rendition["width"] <= FALLBACK_WIDTH] or renditions[:1]
    return ResponsiveImage(
        src=file_url(fitting[-1]["name"]),
        srcset=", ".join(f"{file_url(rendition['name'])} {rendition['width']}w" for rendition in renditions),
        width=image.width,
        height=image.height,
        alt=image.alt,
    )


def thumbnail_url(*, image: Image) -> str:
    """The narrowest rendition, for lists in the admin."""
    return file_url(image.renditions[0]["name"])


def images_matching(*, terms: Terms) -> list[Hit]:
    """The admin's content search (content.search): images by their alt text, caption (either language) or credit."""
    fields = ("alt_text", "alt_text_es", "caption", "caption_es", "credit")
    return records_matching(records=Image.objects.all(), fields=fields, terms=terms)
