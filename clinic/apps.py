from content.registry import ContentAppConfig


class ClinicConfig(ContentAppConfig):
    default = True  # the module also holds the imported base class
    name = "clinic"
    verbose_name = "Clinic details and legal pages"
    initial_content = "clinic.initial_content.load_initial_content"
    site_texts = "clinic.texts.TEXTS"
    # A legal page shows the texts of these pages (sitetext.registry): its clinical review covers them.
    site_text_pages = {
        "Legal pages (privacy, accessibility, medical disclaimer)": "clinic.LegalPage",
        "Treatment and legal pages": "clinic.LegalPage",
        "Visit us page": "clinic.VisitPage",
    }
    site_text_previews = "clinic.texts.PREVIEWS"
    # What every page's header and footer show (content.page_cache.page_frame).
    page_frame = {
        "clinic-details": "clinic.services.load_clinic_details",
        "menu-links": "clinic.selectors.menu_links",
        "legal-pages": "clinic.selectors.legal_pages",
    }
    search_sources = {
        "clinic.ClinicDetails": "clinic.selectors.clinic_details_matching",
        "clinic.LegalPage": "clinic.selectors.legal_pages_matching",
        "clinic.MenuLink": "clinic.selectors.menu_links_matching",
        "clinic.VisitPage": "clinic.selectors.visit_pages_matching",
    }

    def ready(self):
        from . import checks  # noqa: F401 - registers the app's go-live checks
