"""The links every page carries, from data staff edit: the main menu and the legal pages."""

from core.content_cache import cached_value

from .models import LegalPage, MenuLink


def menu_links() -> list[MenuLink]:
    return cached_value("menu-links", lambda: list(MenuLink.objects.published()))


def legal_pages() -> list[LegalPage]:
    """The legal pages in the order of their kinds (privacy, accessibility, medical disclaimer)."""
    return cached_value("legal-pages", _legal_pages)


def _legal_pages():
    order = LegalPage.Kind.values
    pages = LegalPage.objects.only("kind", "title")
    return sorted(pages, key=lambda page: order.index(page.kind))
