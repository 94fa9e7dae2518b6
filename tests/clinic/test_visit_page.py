"""The Visit us page (/visit/, /es/visit/): address and map link, opening hours with "open now" that no cached copy
can get wrong, the visit details staff enter, placeholders kept from patients, the sitemap, the menu, the footer
and the JSON-LD reading the same hours, and the old free-text hours carried over by the migration."""

import importlib
from datetime import UTC, date, datetime, time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from clinic.models import ClinicDetails, ClosedDay, OpeningHours, VisitPage
from content.go_live import go_live_issues
from publishing import selectors
from tests.go_live import enter_real_details
from tests.markup import form_values, hrefs, json_ld, sitemap_alternates, soup, text

pytestmark = pytest.mark.django_db

LANGUAGES = pytest.mark.parametrize("prefix", ["", "/es"], ids=["en", "es"])
SATURDAY_NOON_BEFORE_THE_MARCH_CHANGE = datetime(2026, 3, 7, 20, tzinfo=UTC)


def visit(client, prefix=""):
    response = client.get(f"{prefix}/visit/")
    assert response.status_code == 200
    return soup(response)


def section(page, heading):
    found = page.main.find(["h2", "h3"], string=lambda words: words and words.strip() == heading)
    return found.find_parent("section") if found else None


@LANGUAGES
def test_the_page_answers_in_both_languages_with_one_heading(client, initial_content, prefix):
    page = visit(client, prefix)
    assert page.html["lang"] == ("es" if prefix else "en")
    assert [text(h1) for h1 in page.find_all("h1")] == ["Visítenos" if prefix else "Visit us"]


def test_the_page_is_in_the_sitemap_in_both_languages_with_hreflang(client, initial_content):
    alternates = sitemap_alternates(client.get("/sitemap.xml"))
    both = {
        "en": "http://testserver/visit/",
        "es": "http://testserver/es/visit/",
        "x-default": "http://testserver/visit/",
    }
    assert alternates["http://testserver/visit/"] == alternates["http://testserver/es/visit/"] == both


@LANGUAGES
def test_patients_find_the_page_from_every_page_s_footer(client, initial_content, prefix):
    for path in ("/", "/privacy/", "/visit/"):
        footer = soup(client.get(prefix + path)).footer
        (link,) = [link for link in footer.find_all("a") if link["href"] == f"{prefix}/visit/"]
        assert text(link) == ("Cómo llegar" if prefix else "How to find us")


@LANGUAGES
def test_until_staff_enter_them_placeholders_that_would_mislead_are_kept_from_patients(client, initial_content, prefix):
    page = visit(client, prefix)
    main = page.main
    assert "PLACEHOLDER" not in text(main).replace(text(main.address), "")  # only the address says so, as the footer
    for heading in ("Parking", "Bus and trolley", "Finding the entrance", "Step-free access"):
        assert section(page, heading) is None
    assert not any("google.com/maps" in href for href in hrefs(page))  # no map of a placeholder address
    assert main.select("[data-open-status]") == [] and main.find("table") is None  # no example hours
    call = "Llámenos al" if prefix else "Please call us at"
    assert call in text(main) and "tel:+16195550100" in hrefs(main)
    assert page.footer.find("h2", string="Hours") is None  # the footer shows no example hours either


@LANGUAGES
def test_with_real_details_the_page_shows_each_detail_the_map_search_and_the_week(client, initial_content, prefix):
    enter_real_details()
    page = visit(client, prefix)
    es = bool(prefix)
    parking = section(page, "Estacionamiento" if es else "Parking")
    assert "detrás del edificio" in text(parking) if es else "behind the building" in text(parking)
    assert section(page, "Acceso sin escalones" if es else "Step-free access") is not None
    assert section(page, "Autobús y trolley" if es else "Bus and trolley") is not None
    assert section(page, "Cómo encontrar la entrada" if es else "Finding the entrance") is not None
    (map_link,) = [link for link in page.main.find_all("a") if "maps" in link["href"]]
    address = urlsplit(map_link["href"])
    assert (address.scheme, address.netloc, address.path) == ("https", "www.google.com", "/maps/search/")
    assert parse_qs(address.query)["query"] == ["1234 Calm Way, Suite 5, San Diego, CA 92103"]
    assert not map_link.get("target")  # the same tab
    assert page.find_all("iframe") == [] and page.find_all("img", src=lambda src: "maps" in src) == []
    rows = [[text(cell) for cell in row.find_all(["th", "td"])] for row in page.main.table.find_all("tr")]
    if es:
        assert rows[0] == ["Lunes", "9:00–17:00"] and rows[6] == ["Domingo", "Cerrado"]
    else:
        assert rows[0] == ["Monday", "9 am – 5 pm"] and rows[5] == ["Saturday", "Closed"]
    footer = text(page.footer)
    assert ("lun.–vie. 9:00–17:00" if es else "Mon–Fri 9 am – 5 pm") in footer


def test_a_detail_with_real_english_and_a_spanish_placeholder_shows_the_english_on_the_spanish_page(
    client, initial_content
):
    page = VisitPage.objects.get()
    page.parking = "Free parking behind the building."
    page.save()
    assert page.parking_es.startswith("PLACEHOLDER")  # the shipped Spanish, untouched
    parking = section(visit(client, "/es"), "Estacionamiento")
    (english,) = parking.select('[lang="en"]')
    assert text(english) == "Free parking behind the building." and "PLACEHOLDER" not in text(parking)
    messages = [issue.msg for issue in go_live_issues() if issue.id == "clinic.W006"]
    assert "Visit us page: the Spanish parking is a placeholder, so the Spanish page shows the English." in messages


@LANGUAGES
def test_open_now_is_never_in_the_cached_html_only_stretches_the_script_chooses_from(
    client, initial_content, prefix, monkeypatch
):
    enter_real_details()
    monkeypatch.setattr(timezone, "now", lambda: SATURDAY_NOON_BEFORE_THE_MARCH_CHANGE)
    page = visit(client, prefix)
    status = page.main.find(attrs={"data-open-status": True})
    assert status.has_attr("hidden")  # nothing shows without the script, which shows the present stretch
    lines = status.find_all(attrs={"data-from": True})
    assert all(line.has_attr("hidden") for line in lines)
    now_ms = int(SATURDAY_NOON_BEFORE_THE_MARCH_CHANGE.timestamp() * 1000)
    (current,) = [line for line in lines if int(line["data-from"]) <= now_ms < int(line["data-until"])]
    assert text(current) == (
        "Cerrado ahora, abre el lunes a las 9:00" if prefix else "Closed now, opens Monday at 9 am"
    )
    assert int(current["data-until"]) == int(datetime(2026, 3, 9, 16, tzinfo=UTC).timestamp() * 1000)  # 9 am PDT
    following = lines[lines.index(current) + 1]
    assert text(following) == ("Abierto ahora, hasta las 17:00" if prefix else "Open now, until 5 pm")
    assert int(following["data-until"]) - int(following["data-from"]) == 8 * 3600 * 1000
    last_ms = max(int(line["data-until"]) for line in lines)
    assert last_ms >= now_ms + 14 * 24 * 3600 * 1000  # two weeks of stretches, far past the page cache's life
    assert page.find("script", src=lambda src: src and "open-now" in src) is not None


@LANGUAGES
def test_closed_days_are_listed_with_their_note_and_in_the_json_ld(client, initial_content, prefix, monkeypatch):
    enter_real_details()
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 11, 20, 20, tzinfo=UTC))
    clinic = ClinicDetails.objects.get()
    ClosedDay.objects.create(clinic=clinic, date=date(2026, 11, 26), note="Thanksgiving", note_es="Acción de Gracias")
    ClosedDay.objects.create(clinic=clinic, date=date(2026, 11, 2), note="Past")
    page = visit(client, prefix)
    closures = section(page, "Horario" if prefix else "Opening hours").find("ul")
    expected = "Jueves 26 de noviembre: Acción de Gracias" if prefix else "Thursday, November 26: Thanksgiving"
    assert [text(item) for item in closures.find_all("li")] == [expected]
    (schema,) = [block for block in json_ld(page) if block["@type"] == "MedicalClinic"]
    closed = [spec for spec in schema["openingHoursSpecification"] if "validFrom" in spec]
    assert closed == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2026-11-26",
            "validThrough": "2026-11-26",
            "opens": "00:00",
            "closes": "00:00",
        }
    ]
    assert schema["hasMap"].startswith("https://www.google.com/maps/search/?api=1&query=1234+Calm+Way")


def test_a_change_to_the_hours_shows_at_once_despite_the_page_cache(client, initial_content):
    enter_real_details()
    assert "Mon–Fri 9 am – 5 pm" in text(visit(client).footer)
    OpeningHours.objects.filter(weekday=4).update(closes=time(13))
    assert [text(item) for item in visit(client).footer.find_all("li") if "am" in text(item)] == [
        "Mon–Thu 9 am – 5 pm",
        "Fri 9 am – 1 pm",
    ]


def test_staff_edit_the_hours_and_closed_days_on_the_clinic_details(initial_content, editor):
    clinic = ClinicDetails.objects.get()
    form = soup(editor.get(reverse("admin:clinic_clinicdetails_change", args=[clinic.pk])))
    assert form.find("input", attrs={"name": "hours_are_real"}) is not None
    assert form.find("input", attrs={"name": "opening_hours-0-opens"}) is not None
    assert form.find("input", attrs={"name": "closed_days-0-date"}) is not None
    page = VisitPage.objects.get()
    visit_form = soup(editor.get(reverse("admin:clinic_visitpage_change", args=[page.pk])))
    assert visit_form.find("textarea", attrs={"name": "parking_es"}) is not None
    assert visit_form.find("input", attrs={"name": "needs_clinical_review"}) is not None  # through publishing


def test_the_visit_page_goes_through_drafts_previews_and_clinical_review(client, editor, reviewer, initial_content):
    page = VisitPage.objects.get()
    url = reverse("admin:clinic_visitpage_change", args=[page.pk])
    data = form_values(soup(editor.get(url)).find("form", id="visitpage_form"))
    data.update(parking="Free parking behind the building.", _preview="pressed")
    response = editor.post(url, data)
    assert response.status_code == 302 and "/preview/" in response["Location"]
    preview = soup(editor.get(response["Location"]))
    assert "Free parking behind the building." in text(section(preview, "Parking"))
    assert section(visit(client), "Parking") is None  # patients still see the live page
    assert VisitPage.objects.get().parking.startswith("PLACEHOLDER")
    data = form_values(soup(reviewer.get(url)).find("form", id="visitpage_form"))
    data.update(needs_clinical_review="on", _draft="pressed")  # a clinical reviewer marks the page
    assert reviewer.post(url, data).status_code == 302
    assert not selectors.may_publish(user=User.objects.get(username="content"), page=VisitPage.objects.get())
    data = form_values(soup(reviewer.get(url)).find("form", id="visitpage_form"))
    assert reviewer.post(url, data).status_code == 302  # Publish: the reviewer puts the waiting change live
    assert "Free parking behind the building." in text(section(visit(client), "Parking"))


MIGRATION = importlib.import_module("clinic.migrations.0012_opening_hours_and_visit_page")


@pytest.mark.parametrize(
    ("typed", "week"),
    [
        (
            "Monday to Friday: 9 am – 5 pm\nSaturday and Sunday: closed",
            {day: (time(9), time(17)) for day in range(5)},
        ),
        (
            "Mon–Fri: 9:30 a.m. - 5:30 p.m.\nSat: 10am to 2pm",
            {
                **{day: (time(9, 30), time(17, 30)) for day in range(5)},
                5: (time(10), time(14)),
            },
        ),
        ("Weekdays, nine to five", None),  # unreadable: the hours stay unconfirmed, so patients see none
        ("Mon: 5 pm – 9 am", None),
    ],
)
def test_the_migration_reads_hours_typed_in_the_shipped_form(typed, week):
    assert MIGRATION.read_hours(typed) == week
