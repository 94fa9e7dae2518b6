from content.registry import ContentAppConfig


class MediaLibraryConfig(ContentAppConfig):
    """The image library: photos staff upload once, with alt text in both languages, that any page can show.

    A content app: saving or deleting an image clears the public page cache (pages show its alt text), and content
    editors manage the library (clinical reviewers may change and view it); the admin's content search finds images
    by their words. It ships no images."""

    default = True  # the module also holds the imported base class
    name = "media_library"
    verbose_name = "Images"
    search_sources = {"media_library.Image": "media_library.selectors.images_matching"}

    def ready(self):
        from . import checks, signals  # noqa: F401 - the deployment check; deleting an image's files after commit
