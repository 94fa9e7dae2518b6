"""Layout, clinic record, legal pages, machines' pages and error pages."""

import json
import xml.etree.ElementTree as ElementTree

import pytest
from django.conf import settings
from django.test import Client, RequestFactory

from clinic.models import ClinicDetails, LegalPage
from clinic_site.views import server_error
from content.page_cache import cached_value, cached_values, content_version
from tests.markup import hrefs, json_ld, soup, text

pytestmark = pytest.mark.django_db

LEGAL_PATHS = ["/privacy/", "/accessibility/", "/medical-disclaimer/"]
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def assert_branded_error_page(page, heading_words):
    """A branded error page: its heading, crisis help and the clinic's phone, and no stack trace."""
    assert heading_words in text(page.h1)
    assert {"tel:988"} <= set(hrefs(page)) and any(href.startswith("tel:+1619") for href in hrefs(page))
    assert "Traceback" not in text(page)


@pytest.mark.parametrize("path", ["/", *LEGAL_PATHS])
def test_every_page_has_header_crisis_help_footer_and_disclaimer(client, initial_content, path):
    clinic = ClinicDetails.objects.get()
    page = soup(client.get(path))
    assert page.find("a", href="#main") and page.find("main", id="main")
    crisis = page.find("aside", attrs={"aria-label": "Crisis help"})
    assert {"tel:988", "tel:911"} <= set(hrefs(crisis))
    assert f"tel:{clinic.phone_e164}" in hrefs(page.header)
    footer = page.footer
    assert clinic.street_address in text(footer)
    assert all(line in text(footer) for line in clinic.hours_lines)
    assert {"/medical-disclaimer/", "/privacy/", "/accessibility/"} <= set(hrefs(footer))
    assert page.find_all("style") == [] and page.select("[style]") == []  # the CSP allows no inline styles
    inline_scripts = [script for script in page.find_all("script") if not script.get("src")]
    assert [script for script in inline_scripts if script.get("type") != "application/ld+json"] == []


def clinic_schema(client, path="/privacy/"):
    return next(block for block in json_ld(soup(client.get(path))) if block["@type"] == "MedicalClinic")


def test_clinic_json_ld_describes_the_clinic_on_every_page(client, initial_content):
    clinic = ClinicDetails.objects.get()
    clinic.phone, clinic.email, clinic.street_address = "(858) 555-2368", "hello@resilience-clinic.org", "1 Calm Way"
    clinic.hours_are_real = True
    clinic.save()
    schema = clinic_schema(client)
    assert schema["name"] == clinic.name
    assert schema["telephone"] == "+18585552368"
    assert schema["email"] == "hello@resilience-clinic.org"
    assert schema["address"]["streetAddress"] == "1 Calm Way"
    assert [day["dayOfWeek"] for day in schema["openingHoursSpecification"]] == [
        f"https://schema.org/{day}" for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    ]


def test_clinic_json_ld_never_carries_the_shipped_placeholders(client, initial_content):
    schema = clinic_schema(client)
    assert schema["name"] == ClinicDetails.objects.get().name and schema["address"]["addressLocality"] == "San Diego"
    for left_out in ("telephone", "email", "openingHoursSpecification", "hasMap"):  # the example hours too
        assert left_out not in schema
    assert "streetAddress" not in schema["address"] and "postalCode" not in schema["address"]
    assert "PLACEHOLDER" not in json.dumps(schema) and "example.com" not in json.dumps(schema)


def test_clinic_edit_shows_on_the_next_request_despite_the_page_cache(client, initial_content):
    assert "(619) 555-0100" in client.get("/privacy/").content.decode()
    clinic = ClinicDetails.objects.get()
    clinic.phone = "858-555-0199"
    clinic.street_address = "4321 Calm Avenue, Suite 2"
    clinic.save()
    assert ClinicDetails.objects.get().phone == "+18585550199"  # stored in E.164, however it was typed
    page = soup(client.get("/privacy/"))
    call = page.footer.find("a", href="tel:+18585550199")
    assert call is not None and text(call) == "(858) 555-0199"  # shown in the one national format
    assert "tel:+18585550199" in hrefs(page.header)
    assert "4321 Calm Avenue, Suite 2" in text(page.footer.address)


def test_public_pages_are_served_from_the_cache_until_content_changes(
    client, initial_content, django_assert_num_queries
):
    client.get("/accessibility/")
    with django_assert_num_queries(0):
        assert client.get("/accessibility/").status_code == 200
    LegalPage.objects.filter(kind="accessibility").get().save()
    # The frame, one cached value read again after the edit (the clinic record with its opening hours and closed
    # days, page texts, the links on every page: menu, legal pages, open waitlists; the financing teaser, the
    # comparison routes, which treatments have a first-visit page), the page and its last review.
    with django_assert_num_queries(12):
        client.get("/accessibility/")


def test_several_cached_values_are_fetched_together_and_each_computed_once(initial_content):
    calls = []

    def compute(name):
        return lambda: calls.append(name) or f"{name} value"

    assert cached_value("first", compute("first")) == "first value"
    both = cached_values({"first": compute("first"), "second": compute("second")})
    assert both == {"first": "first value", "second": "second value"}
    assert cached_values({"first": compute("first"), "second": compute("second")}) == both
    assert calls == ["first", "second"]


def test_an_edit_changes_the_content_version_again_when_it_commits(initial_content, django_capture_on_commit_callbacks):
    # A visitor's request between the save and the commit reads the old rows; whatever it
    # caches must not outlive the commit.
    with django_capture_on_commit_callbacks(execute=True):
        LegalPage.objects.filter(kind="privacy").get().save()
        during_the_transaction = content_version()
    assert content_version() != during_the_transaction


@pytest.mark.parametrize("result", ["an answer", None])
def test_a_cached_value_is_computed_once_per_content_version(initial_content, result):
    calls = []

    def compute():
        calls.append(True)
        return result

    assert cached_value("answer", compute) == result
    assert cached_value("answer", compute) == result
    assert len(calls) == 1
    ClinicDetails.objects.get().save()
    assert cached_value("answer", compute) == result
    assert len(calls) == 2


def test_clinic_details_are_a_single_row(initial_content):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ClinicDetails.objects.create(name="Second clinic", phone="6195550101", email="x@example.com")
    assert ClinicDetails.objects.count() == 1


@pytest.mark.parametrize("path", LEGAL_PATHS)
def test_legal_pages_have_honest_initial_text(client, initial_content, path):
    main = soup(client.get(path)).main
    assert len(main.find_all("h1")) == 1
    expected = {
        "/privacy/": "waitlist",
        "/accessibility/": "Guidelines (WCAG) 2.2",
        "/medical-disclaimer/": "education only",
    }[path]
    assert expected in text(main)


def test_legal_page_markdown_cannot_carry_script(client, initial_content):
    page = LegalPage.objects.get(kind="privacy")
    page.body = 'Hello <script>alert(1)</script> <img src=x onerror="alert(2)"> [link](javascript:alert(3)) **bold**'
    page.save()
    main = soup(client.get("/privacy/")).find("main", id="main")
    assert main.find_all("script") == []
    assert [tag for tag in main.find_all(True) if any(name.startswith("on") for name in tag.attrs)] == []
    assert [href for href in hrefs(main) if href.strip().lower().startswith("javascript:")] == []
    assert main.find("strong", string="bold")


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"Disallow: /{settings.ADMIN_URL}" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_the_legal_pages_with_last_modified(client, initial_content):
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    lastmod = {url.findtext("sm:loc", namespaces=SITEMAP): url.findtext("sm:lastmod", namespaces=SITEMAP)
               for url in urlset.findall("sm:url", SITEMAP)}  # fmt: skip
    for path in LEGAL_PATHS:
        assert lastmod[f"http://testserver{path}"], path


def test_health_check_reports_a_working_database(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_not_found_page_is_branded_with_phone_and_crisis_help(client, initial_content):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = soup(response)
    assert_branded_error_page(page, "find that page")
    assert page.main.find("a", href="tel:+16195550100", string="(619) 555-0100")


def test_server_error_page_renders_without_touching_the_database(initial_content, django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert_branded_error_page(soup(response), "Something went wrong")


@pytest.mark.urls("tests.urls_broken")
def test_an_exception_in_a_view_shows_the_branded_500_page_without_a_stack_trace(initial_content):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    page = soup(response)
    assert_branded_error_page(page, "Something went wrong")
    assert "secret detail" not in response.content.decode()


def test_csrf_failure_page_is_branded(initial_content):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{settings.ADMIN_URL}login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert_branded_error_page(soup(response), "Please try that again")


def test_server_error_page_uses_the_last_cached_clinic_record(client, initial_content, django_assert_num_queries):
    ClinicDetails.objects.update(phone="858-555-0199")
    client.get("/privacy/")  # a normal page view caches the record
    with django_assert_num_queries(0):
        page = soup(server_error(RequestFactory().get("/")))
    assert "tel:+18585550199" in hrefs(page)


def test_favicon_ico_redirects_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/img/favicon.svg"


def test_a_page_served_from_the_cache_keeps_every_security_header(client, initial_content, django_assert_num_queries):
    first = client.get("/privacy/")
    with django_assert_num_queries(0):
        cached = client.get("/privacy/")
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Content-Type",
    ):
        assert cached[header] == first[header]
    assert cached.content == first.content


def test_visitors_with_a_session_never_get_or_fill_the_shared_cache(client, initial_content, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    client.get("/privacy/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/privacy/")
    assert any("clinic_legalpage" in query["sql"] for query in queries.captured_queries)


def test_cached_pages_are_sent_compressed_to_browsers_that_accept_it(client, initial_content):
    import gzip

    plain = client.get("/privacy/")
    compressed = client.get("/privacy/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert compressed["Content-Encoding"] == "gzip" and "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content)
    assert "Content-Encoding" not in client.get("/privacy/")


def test_visitors_get_only_the_security_cookie_the_privacy_notice_names(client, initial_content, spravato):
    for path in ("/", "/treatments/", "/ketamine/", "/financing/", "/privacy/"):
        assert not client.get(path).cookies, path
    assert set(client.get("/waitlist/spravato/").cookies) == {settings.CSRF_COOKIE_NAME}
    assert "security cookie" in LegalPage.objects.get(kind="privacy").body
