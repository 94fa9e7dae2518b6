from django import forms
from django.contrib import admin
from django.utils.html import format_html

from publishing.admin import ReviewedContentAdmin
from translation.admin import SIDE_BY_SIDE

from .forms import ImageForm
from .models import Image
from .selectors import responsive, thumbnail_url
from .services import add_image

THUMBNAIL_WIDTH = 80
IMAGES_CSS = forms.Media(css={"all": ["media_library/admin-images.css"]})


@admin.register(Image)
class ImageAdmin(ReviewedContentAdmin):
    """The image library: a thumbnail per image, an upload form, the alt text beside its Spanish. A change to an
    image's words goes live at once, following the clinical review rule of the pages that show it; its history
    keeps who changed them."""

    form = ImageForm
    # The alt text heads each row and links to the image; the thumbnail beside it says nothing more (alt="").
    list_display = ["alt_text", "thumbnail", "alt_text_es", "size", "added_at"]
    list_display_links = ["alt_text"]
    search_fields = ["alt_text", "alt_text_es", "caption", "caption_es", "credit"]
    readonly_fields = ["preview", "size", "widths", "clinical_review"]

    @property
    def media(self):
        return super().media + SIDE_BY_SIDE + IMAGES_CSS

    def get_fieldsets(self, request, obj=None):
        picture = ["upload"] if obj is None else ["preview", "size", "widths"]
        words = [("alt_text", "alt_text_es"), ("caption", "caption_es"), "credit"]
        if obj is not None:
            words.append("clinical_review")
        return [(None, {"fields": picture}), ("Alt text and caption", {"fields": words})]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:  # a new image: no page shows it yet
            add_image(image=obj, stored=form.cleaned_data["stored"])

    @admin.display(description="Image")
    def thumbnail(self, obj):
        height = max(1, round(obj.height * THUMBNAIL_WIDTH / obj.width))
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" class="media-library-thumbnail">',
            thumbnail_url(image=obj),
            THUMBNAIL_WIDTH,
            height,
        )

    @admin.display(description="Size")
    def size(self, obj):
        return f"{obj.width} × {obj.height}"

    @admin.display(description="Widths shown")
    def widths(self, obj):
        return ", ".join(f"{rendition['width']} pixels" for rendition in obj.renditions)

    @admin.display(description="Picture")
    def preview(self, obj):
        picture = responsive(image=obj)
        return format_html(
            '<img src="{}" srcset="{}" sizes="(min-width: 1024px) 640px, 90vw" width="{}" height="{}" alt="{}" '
            'class="media-library-preview">',
            picture.src,
            picture.srcset,
            picture.width,
            picture.height,
            obj.alt_text,
        )
