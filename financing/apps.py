from content.registry import ContentAppConfig


class FinancingConfig(ContentAppConfig):
    default = True  # the module also holds the imported base class
    name = "financing"
    initial_content = "financing.initial_content.load_initial_content"
    site_texts = "financing.texts.TEXTS"
    site_text_previews = "financing.texts.PREVIEWS"
    # Several pages show it (home, treatments, costs): read with the page frame, not by a query of each page.
    page_frame = {"financing-teaser": "financing.selectors.build_financing_teaser"}
    search_sources = {
        "financing.FinancingProgram": "financing.selectors.programs_matching",
        "financing.FinancingFaq": "financing.selectors.financing_faqs_matching",
    }

    def ready(self):
        from . import checks  # noqa: F401 - registers the app's go-live checks
