from django import forms
from django.core.exceptions import ValidationError

from publishing.forms import FollowsReviewRule

from .models import Image
from .services import (
    MAX_PIXELS,
    MAX_UPLOAD_BYTES,
    CleanPicture,
    ImageRejected,
    StorageUnavailable,
    read_upload,
    store_picture,
)

ACCEPT = "image/jpeg,image/png,image/webp"


class ImageForm(FollowsReviewRule):
    """The library's form: the picture (when adding) and its words, the alt text required in both languages; a
    change to the words of an image a reviewed page shows is refused unless a clinical reviewer makes it."""

    upload = forms.FileField(
        label="Picture",
        help_text=(
            f"A JPEG, PNG or WebP photo, up to {MAX_UPLOAD_BYTES // 1024 // 1024} MB and "
            f"{MAX_PIXELS // 1_000_000} megapixels. Where it was taken, the camera and any other hidden details are "
            "removed before it is kept."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    class Meta:
        model = Image
        fields = ["alt_text", "alt_text_es", "caption", "caption_es", "credit"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2}) for name in ("alt_text", "alt_text_es", "caption", "caption_es")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            del self.fields["upload"]  # a new picture is a new image: its files never change under a page
        for name in ("alt_text_es", "caption_es"):
            if name in self.fields:
                english = Image._meta.get_field(name.removesuffix("_es"))
                self.fields[name].label = f"{english.verbose_name.capitalize()} · Español"
                self.fields[name].widget.attrs["lang"] = "es"
        if "alt_text_es" in self.fields:
            self.fields["alt_text_es"].required = True  # a Spanish page never falls back to English alt text
            self.fields["alt_text_es"].help_text = "The same in Spanish: required, like the English."
        if "caption_es" in self.fields:
            self.fields["caption_es"].help_text = "The caption in Spanish, when there is one."

    def clean_upload(self):
        try:
            return read_upload(upload=self.cleaned_data["upload"])
        except ImageRejected as rejected:
            raise ValidationError(str(rejected), code="not_a_usable_image") from rejected

    def clean(self):
        cleaned = super().clean()
        english, spanish = cleaned.get("caption", ""), cleaned.get("caption_es", "")
        if english and not spanish and "caption_es" in self.fields:
            self.add_error("caption_es", "Give the caption in Spanish too, or leave both empty.")
        if spanish and not english and "caption" in self.fields:
            self.add_error("caption", "Give the caption in English too, or leave both empty.")
        picture = cleaned.get("upload")
        if isinstance(picture, CleanPicture) and not self.errors:  # the files are kept only for a form that is right
            try:
                cleaned["stored"] = store_picture(picture=picture)
            except StorageUnavailable as unavailable:
                self.add_error("upload", str(unavailable))
        return cleaned
