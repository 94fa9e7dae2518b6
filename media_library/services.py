"""Images in, cleaned: an upload is checked, turned upright, stripped of its metadata and kept with its renditions.

Nothing the camera wrote travels on: the pixels are decoded and encoded again with no EXIF (GPS position, camera,
date), no XMP and no comments; only a colour profile stays, so colours look right. Every file is named by a hash of
its own bytes, so a name never changes meaning and browsers may keep it for a year. Files go to Django's default
storage: a folder on the server, or the clinic's own S3-compatible bucket (settings: MEDIA_S3_BUCKET).
"""

import hashlib
import io
import logging
import warnings
from dataclasses import dataclass

from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage, storages
from django.db import transaction
from PIL import Image as Pillow
from PIL import ImageOps, UnidentifiedImageError

from .models import Image

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
#: The widths pages choose from (never wider than the picture itself).
RENDITION_WIDTHS = (320, 640, 960, 1280)
#: The cleaned original is kept at most this many pixels on its longer side: room for wider renditions later.
ORIGINAL_MAX_SIDE = 2560
WEBP_QUALITY = 80
JPEG_QUALITY = 90
FOLDER = "images"
logger = logging.getLogger(__name__)


class ImageRejected(Exception):
    """The upload cannot be used; the message says why, in words for the editor."""


@dataclass(frozen=True)
class CleanPicture:
    """Decoded pixels, upright, with no metadata but the colour profile."""

    pixels: Pillow.Image
    icc_profile: bytes | None

    @property
    def has_alpha(self) -> bool:
        return self.pixels.mode == "RGBA"


@dataclass(frozen=True)
class EncodedFile:
    name: str
    width: int
    height: int
    content: bytes


NOT_AN_IMAGE = "This file is not a picture the site can use. Upload a JPEG, PNG or WebP photo."


def read_upload(*, upload: File) -> CleanPicture:  # type: ignore[type-arg]  # any file, bytes or text
    """The upload's pixels, checked and cleaned, or ImageRejected: not an image, too large, or a decompression bomb."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ImageRejected(f"This file is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB. Upload a smaller copy.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            upload.seek(0)
            with Pillow.open(upload, formats=ACCEPTED_FORMATS) as probe:  # reads the header only
                _check_size(probe.width, probe.height)
                probe.verify()
            upload.seek(0)
            with Pillow.open(upload, formats=ACCEPTED_FORMATS) as opened:
                opened.load()
                icc_profile = opened.info.get("icc_profile") if opened.mode in ("RGB", "RGBA") else None
                upright = ImageOps.exif_transpose(opened)
                pixels = _without_metadata(upright)
    except (Pillow.DecompressionBombError, Pillow.DecompressionBombWarning) as error:  # found before our own check
        raise ImageRejected(TOO_MANY_PIXELS.format(size="far")) from error
    except UnidentifiedImageError as error:
        raise ImageRejected(NOT_AN_IMAGE) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:  # what a truncated or damaged file raises
        raise ImageRejected(NOT_AN_IMAGE) from error
    return CleanPicture(pixels=pixels, icc_profile=icc_profile or None)


TOO_MANY_PIXELS = (
    "This picture is {size} more than the " + f"{MAX_PIXELS // 1_000_000}"
    " megapixels the site takes. Upload a smaller copy (3000 pixels wide is plenty)."
)


def _check_size(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise ImageRejected(TOO_MANY_PIXELS.format(size=f"{width} × {height} pixels,"))


def _without_metadata(picture: Pillow.Image) -> Pillow.Image:
    """A new image of the same pixels (RGB, or RGBA when it has transparency) that carries nothing else."""
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info)
    pixels = picture.convert("RGBA" if has_alpha else "RGB")
    pixels.info = {}
    return pixels


def encode(*, picture: CleanPicture) -> tuple[EncodedFile, list[EncodedFile]]:
    """The cleaned original (JPEG, or PNG with transparency) and its WebP renditions, narrowest first."""
    original = picture.pixels
    if max(original.size) > ORIGINAL_MAX_SIDE:
        original = original.copy()
        original.thumbnail((ORIGINAL_MAX_SIDE, ORIGINAL_MAX_SIDE), Pillow.Resampling.LANCZOS)
    kept = _encoded(original, "PNG" if picture.has_alpha else "JPEG", picture.icc_profile, suffix="")
    renditions = []
    for width in rendition_widths(original.width):
        height = max(1, round(original.height * width / original.width))
        resized = original if width == original.width else original.resize((width, height), Pillow.Resampling.LANCZOS)
        renditions.append(_encoded(resized, "WEBP", picture.icc_profile, suffix=f"-{width}w"))
    return kept, renditions


def rendition_widths(original_width: int) -> list[int]:
    """The widths below the picture's own, and its own width up to the widest (a small picture is never enlarged)."""
    widest = min(original_width, RENDITION_WIDTHS[-1])
    return sorted({width for width in RENDITION_WIDTHS if width < widest} | {widest})


EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def _encoded(pixels: Pillow.Image, image_format: str, icc_profile: bytes | None, *, suffix: str) -> EncodedFile:
    pixels.info = {}  # resize() copies the info of its source: nothing of it is written
    options: dict[str, object] = {"icc_profile": icc_profile} if icc_profile else {}
    if image_format == "WEBP":
        options.update(quality=WEBP_QUALITY, method=4)
    elif image_format == "JPEG":
        options.update(quality=JPEG_QUALITY, optimize=True, progressive=True)
    else:
        options.update(optimize=True)
    buffer = io.BytesIO()
    pixels.save(buffer, image_format, **options)
    content = buffer.getvalue()
    digest = hashlib.sha256(content).hexdigest()[:20]
    name = f"{FOLDER}/{digest}{suffix}.{EXTENSIONS[image_format]}"
    return EncodedFile(name=name, width=pixels.width, height=pixels.height, content=content)


def media_storage() -> Storage:
    return storages["default"]


def _storage_errors() -> tuple[type[Exception], ...]:
    """What a storage raises when it cannot answer: a folder's OSError, and a bucket's botocore errors."""
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # django-storages' S3 backend is not installed: only the folder
        return (OSError,)
    return (OSError, BotoCoreError, ClientError)


STORAGE_ERRORS = _storage_errors()
STORAGE_DOWN = "The picture could not be kept just now: the storage did not answer. Nothing was saved; try again soon."


class StorageUnavailable(Exception):
    """The storage failed; the message says so in words for the editor."""


@dataclass(frozen=True)
class StoredPicture:
    original: EncodedFile
    renditions: list[EncodedFile]


def _store(storage: Storage, file: EncodedFile) -> None:
    """Keep the file under its content name; a file of that name is already these bytes."""
    if storage.exists(file.name):
        return
    stored = storage.save(file.name, ContentFile(file.content))
    if stored != file.name:  # never: the storage chose another name, which would break the cache rule
        storage.delete(stored)
        raise RuntimeError(f"The storage kept {file.name} as {stored}")


def store_picture(*, picture: CleanPicture) -> StoredPicture:
    """Encode the picture and keep its files, or StorageUnavailable (files kept before the failure stay: each is
    named by its content, so the next try finds them)."""
    original, renditions = encode(picture=picture)
    storage = media_storage()
    try:
        for file in (original, *renditions):
            _store(storage, file)
    except STORAGE_ERRORS as error:
        logger.error("The image storage failed while keeping an upload: %s", type(error).__name__)
        raise StorageUnavailable(STORAGE_DOWN) from error
    return StoredPicture(original=original, renditions=renditions)


def add_image(*, image: Image, stored: StoredPicture) -> Image:
    """Save `image` (its words already set) with the files `store_picture` kept."""
    original = stored.original
    image.file = original.name
    image.width, image.height = original.width, original.height
    image.renditions = [{"name": file.name, "width": file.width, "height": file.height} for file in stored.renditions]
    image.full_clean(exclude=["file", "renditions"])
    image.save()
    return image


def delete_files_of(*, names: list[str]) -> None:
    """Once the deletion of an image commits: delete its files, unless another image keeps the same ones (the same
    picture uploaded twice makes the same files). A storage that fails leaves them, which harms nothing."""
    if not names or Image.objects.filter(file=names[0]).exists():
        return
    storage = media_storage()
    try:
        for name in names:
            storage.delete(name)
    except STORAGE_ERRORS as error:
        logger.error("The image storage failed while deleting files: %s", type(error).__name__)


def forget_image(*, image: Image) -> None:
    names = image.stored_names()
    transaction.on_commit(lambda: delete_files_of(names=names))
