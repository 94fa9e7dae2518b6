from content.registry import ContentAppConfig


class TreatmentsConfig(ContentAppConfig):
    default = True  # the module also holds the imported base class
    name = "treatments"
    initial_content = "treatments.initial_content.load_initial_content"
    site_texts = "treatments.texts.TEXTS"
    # A treatment's page shows the texts of these pages (sitetext.registry): its clinical review covers them.
    site_text_pages = {
        "Treatment pages": "treatments.Treatment",
        "Treatment and legal pages": "treatments.Treatment",
        "First visit pages": "treatments.Treatment",  # a treatment's first-visit page is one of its pages
    }
    site_text_previews = "treatments.texts.PREVIEWS"
    # Small records several pages draw on (content.page_cache.page_frame): read once for all, not by each page.
    page_frame = {
        "comparison-routes": "treatments.selectors.load_comparison_routes",
        "first-visit-pages": "treatments.selectors.load_first_visit_pages",
    }
    search_sources = {
        "treatments.Treatment": "treatments.selectors.treatments_matching",
        "treatments.Route": "treatments.selectors.routes_matching",
        "treatments.Faq": "treatments.selectors.faqs_matching",
        "treatments.EducationSection": "treatments.selectors.education_sections_matching",
        "treatments.FirstVisitSection": "treatments.selectors.first_visit_sections_matching",
    }

    def ready(self):
        from . import checks  # noqa: F401 - registers the app's go-live checks (first-visit placeholders)
