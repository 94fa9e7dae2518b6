"""An image in the library: the cleaned original and its renditions, all named by a hash of their content."""

from functools import cache

from django.apps import apps
from django.db import models

from content.history import ChangeHistory
from content.models import ContentQuerySet
from translation.twins import Localized, localized, spanish_twin


class Image(models.Model):
    """A photo staff uploaded (media_library.services cleaned it): pages show it through `{% responsive_image %}`.

    Other apps point at it with `models.ForeignKey(Image, on_delete=models.PROTECT)`, so an image in use cannot
    be deleted, and its words (the alt text read aloud, the caption) count as words of the pages that show it: on a
    page that needs a clinical review only a reviewer changes them (`shown_on`, publishing's review rule).

    The files live in Django's default storage; `file` is the cleaned original (orientation applied, no metadata, at
    most `ORIGINAL_MAX_SIDE` pixels on its longer side) and `renditions` its WebP widths."""

    file = models.CharField("stored original", max_length=200, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    #: [{"name": storage name, "width": px, "height": px}], narrowest first; every name a content hash.
    renditions = models.JSONField(default=list, editable=False)
    alt_text = models.CharField(
        max_length=250,
        help_text=(
            "What the image shows, in a sentence, for people who cannot see it (screen readers read it aloud). "
            "Say what matters on the page, for example “The clinic's front door, with a ramp beside the steps”."
        ),
    )
    alt_text_es = spanish_twin(alt_text)
    caption = models.CharField(
        max_length=300, blank=True, help_text="Optional words shown under the image. Give both languages or neither."
    )
    caption_es = spanish_twin(caption)
    credit = models.CharField(
        max_length=120, blank=True, help_text="Optional: who took the photo, by name, if they should be named."
    )
    added_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContentQuerySet.as_manager()  # a bulk update clears the public page cache too
    history = ChangeHistory()

    class Meta:
        ordering = ["-added_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(alt_text="") & ~models.Q(alt_text_es=""), name="image_alt_text_in_both_languages"
            ),
            models.CheckConstraint(
                condition=models.Q(caption="", caption_es="") | (~models.Q(caption="") & ~models.Q(caption_es="")),
                name="image_caption_in_both_languages_or_neither",
            ),
        ]

    def __str__(self):
        return self.alt_text

    @property
    def alt(self) -> Localized:
        """The alt text in the page's language."""
        return localized(self, "alt_text")

    @property
    def localized_caption(self) -> Localized:
        return localized(self, "caption")

    def shown_on(self) -> list[models.Model]:
        """The records that show this image (a provider's profile) and the pages that show those: a clinical review
        of any of them covers its words (publishing.selectors.pages_showing)."""
        if self.pk is None:
            return []
        shown: list[models.Model] = []
        for field in _fields_keeping_images():
            for record in field.model._default_manager.filter(**{field.name: self}):
                shown += [record, *getattr(record, "shown_on", list)()]
        return shown

    def stored_names(self) -> list[str]:
        """Every file the image keeps in storage."""
        return [self.file, *(rendition["name"] for rendition in self.renditions)]


@cache
def _fields_keeping_images() -> list[models.ForeignKey]:
    """The fields of other apps' models that show an image: those that keep it in use (on_delete=PROTECT, as `Image`
    asks), so not the change histories' copies of them."""
    return [
        field
        for model in apps.get_models()
        for field in model._meta.fields
        if isinstance(field, models.ForeignKey)
        and field.related_model is Image
        and field.remote_field.on_delete is models.PROTECT
    ]
