"""The links every page carries, from data staff edit: the main menu and the legal pages."""

from content.page_cache import cached_values
from content.search import Hit, Terms, records_matching

from .models import ClinicDetails, LegalPage, MenuLink
from .services import CLINIC_DETAILS, load_clinic_details

MENU_LINKS = "menu-links"
LEGAL_PAGES = "legal-pages"


def page_frame() -> tuple[ClinicDetails, list[MenuLink], list[LegalPage]]:
    """(clinic details, menu links, legal pages): what every page's header and footer show, in one cache round trip."""
    frame = cached_values({CLINIC_DETAILS: load_clinic_details, MENU_LINKS: _menu_links, LEGAL_PAGES: _legal_pages})
    return frame[CLINIC_DETAILS], frame[MENU_LINKS], frame[LEGAL_PAGES]


def _menu_links() -> list[MenuLink]:
    return list(MenuLink.objects.published())


def _legal_pages() -> list[LegalPage]:
    """The legal pages in the order of their kinds (privacy, accessibility, medical disclaimer)."""
    order = LegalPage.Kind.values
    pages = LegalPage.objects.only("kind", "title", "title_es")
    return sorted(pages, key=lambda page: order.index(page.kind))


# --- the admin's content search (content.search; declared in ClinicConfig.search_sources) ------------------


def clinic_details_matching(*, terms: Terms) -> list[Hit]:
    fields = ("name", "short_description", "hours", "street_address", "city", "email")
    return records_matching(records=ClinicDetails.objects.all(), fields=fields, terms=terms)


def legal_pages_matching(*, terms: Terms) -> list[Hit]:
    return records_matching(records=LegalPage.objects.all(), fields=("title", "meta_description", "body"), terms=terms)


def menu_links_matching(*, terms: Terms) -> list[Hit]:
    return records_matching(records=MenuLink.objects.all(), fields=("label",), terms=terms)
