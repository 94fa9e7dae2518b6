from content.registry import ContentAppConfig


class TeamConfig(ContentAppConfig):
    """The clinic's providers (issue 23.1): the team page, and each profile on the pages of the treatments it gives."""

    default = True  # the module also holds the imported base class
    name = "team"
    verbose_name = "Team"
    initial_content = "team.initial_content.load_initial_content"
    site_texts = "team.texts.TEXTS"
    site_text_previews = "team.texts.PREVIEWS"
    search_sources = {"team.Provider": "team.selectors.providers_matching"}

    def ready(self):
        from . import checks, signals, treatment_pages  # noqa: F401 - go-live checks, cache, treatment page part
