from django import template

from media_library.models import Image
from media_library.selectors import responsive

register = template.Library()


@register.inclusion_tag("media_library/responsive_image.html")
def responsive_image(image: Image | None, sizes: str = "100vw", css_class: str = "img-fluid", loading: str = "lazy"):
    """`{% responsive_image image sizes="(min-width: 992px) 33vw, 100vw" %}`: an `<img>` with every WebP width in
    `srcset`, its own width and height (no layout shift), lazy loading and the alt text in the page's language.
    `loading="eager"` for an image on the first screen. Nothing when there is no image."""
    if image is None:
        return {"picture": None}
    return {"picture": responsive(image=image), "sizes": sizes, "css_class": css_class, "loading": loading}
