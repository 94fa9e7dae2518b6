"""The menu and the footer's links come from data staff edit, never from a slug written in a template."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from clinic.models import LegalPage, MenuLink
from tests.markup import soup, text
from treatments.initial_content import TREATMENTS

pytestmark = pytest.mark.django_db


def menu(path="/"):
    nav = soup(Client().get(path)).find("nav", attrs={"aria-label": "Main"})
    return [(text(link), link["href"]) for link in nav.select("#site-nav a")]


def test_the_shipped_menu_lists_the_pages_then_each_open_waitlist(initial_content):
    assert menu() == [
        ("Treatments", "/treatments/"),
        ("About ketamine", "/ketamine/"),
        ("Financing", "/financing/"),
        ("Questions", "/questions/"),
        ("Spravato waitlist", "/waitlist/spravato/"),
    ]


def test_editors_word_order_and_hide_the_menu_links(initial_content):
    MenuLink.objects.filter(page=MenuLink.Page.FINANCING).update(label="Paying for care", ordering=1)
    MenuLink.objects.filter(page=MenuLink.Page.KETAMINE).update(is_published=False)
    MenuLink.objects.create(page=MenuLink.Page.COMPARE, label="Compare", ordering=50)
    assert [label for label, _ in menu()] == [
        "Paying for care",
        "Treatments",
        "Questions",
        "Compare",
        "Spravato waitlist",
    ]
    assert dict(menu())["Compare"] == "/treatments/compare/"


def test_the_menu_marks_the_page_the_visitor_is_on(initial_content):
    nav = soup(Client().get("/financing/")).find("nav", attrs={"aria-label": "Main"})
    assert [text(link) for link in nav.select('a[aria-current="page"]')] == ["Financing"]


def test_the_footer_links_every_legal_page_by_its_title(initial_content):
    LegalPage.objects.filter(kind="privacy").update(title="Your privacy")
    footer = soup(Client().get("/")).footer
    links = [(text(link), link["href"]) for link in footer.select("ul a")]
    assert links == [
        ("Your privacy", "/privacy/"),
        ("Accessibility statement", "/accessibility/"),
        ("Medical disclaimer", "/medical-disclaimer/"),
        ("Free language help · Ayuda gratis en su idioma", "/language-assistance/"),  # named in both languages
    ]


def test_the_phone_menu_can_be_opened_without_script(initial_content):
    header = soup(Client().get("/")).header
    toggle = header.find(attrs={"aria-controls": "site-nav"})
    assert toggle.name == "a" and toggle["href"] == "#site-nav" and toggle["role"] == "button"
    assert header.find(id="site-nav").select("a")


def test_no_template_names_a_treatment_address():
    template_dirs = [Path(directory) for directory in settings.TEMPLATES[0]["DIRS"]]
    template_dirs += list(Path(settings.BASE_DIR).glob("*/templates"))
    sources = [path.read_text() for directory in template_dirs for path in directory.rglob("*.*")]
    assert len(sources) > 20
    for slug in (treatment["slug"] for treatment in TREATMENTS):
        named = re.compile(rf"[\"'/]{re.escape(slug)}[\"'/]")
        assert not [source for source in sources if named.search(source)], slug
