from content.registry import ContentAppConfig


class SiteTextConfig(ContentAppConfig):
    default = True  # the module also holds the imported base class
    name = "sitetext"
    verbose_name = "Page texts"
    initial_content = "sitetext.initial_content.load_initial_content"
    site_texts = "sitetext.texts.TEXTS"
    site_text_previews = "sitetext.texts.PREVIEWS"
    search_sources = {"sitetext.SiteText": "sitetext.selectors.page_texts_matching"}
    page_frame = {"site-texts": "sitetext.selectors.load_texts"}  # every page's words (content.page_cache.page_frame)

    def ready(self):
        from . import checks  # noqa: F401 - registers the check of stored texts against their declarations
