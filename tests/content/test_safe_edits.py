"""Edits cannot break the site: renames and status changes keep every link working; required pages stay."""

from collections import deque
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from clinic.models import ClinicDetails, LegalPage
from intake.models import IntakeRequest
from intake.services import removal_token
from tests.factories import (
    CallBackRequestFactory,
    FaqFactory,
    IntakeRequestFactory,
    call_back_form_data,
    waitlist_form_data,
)
from tests.markup import form_values, hrefs, soup, text
from treatments.models import Treatment

pytestmark = pytest.mark.django_db


def crawl(client, *starts):
    """Every internal page reachable by links from `starts` (the home page by default): {path: final status
    after redirects}."""
    answers, queue = {}, deque(starts or ["/"])
    while queue:
        path = queue.popleft()
        if path in answers:
            continue
        response = client.get(path, follow=True)
        answers[path] = response.status_code
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            queue.extend(internal_path(href) for href in hrefs(soup(response)) if internal_path(href))
    return answers


def internal_path(href):
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None  # tel:, mailto:, other sites, and #fragments of the same page
    return parts.path + (f"?{parts.query}" if parts.query else "")


def assert_every_link_answers(client, *starts):
    answers = crawl(client, *starts)
    broken = {path: status for path, status in answers.items() if status != 200}
    assert broken == {}
    # The crawl reached the whole site, so it could have found a broken link anywhere.
    assert {"/", "/treatments/", "/treatments/compare/", "/ketamine/", "/financing/", "/privacy/"} <= set(answers)
    assert {"/accessibility/", "/medical-disclaimer/"} <= set(answers)
    # Call-back links too: every treatment the clinic gives now offers one, in both languages.
    for treatment in Treatment.objects.filter(is_published=True, status=Treatment.Status.AVAILABLE):
        assert {
            f"/treatments/{treatment.slug}/request-a-call/",
            f"/es/treatments/{treatment.slug}/request-a-call/",
        } <= set(answers)
    return answers


def admin_edit(client, obj, **changes):
    """Change `obj` through its admin change form, as an editor would: the form as shown, with `changes`."""
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    form = soup(client.get(url)).find("form", id=f"{obj._meta.model_name}_form")
    data = {**form_values(form), **changes}
    return client.post(url, {key: value for key, value in data.items() if value is not None})


def spravato():
    return Treatment.objects.get(name="Spravato")


def header_links(client, path="/"):
    nav = soup(client.get(path)).find("nav", attrs={"aria-label": "Main"})
    return {text(link): link["href"] for link in nav.find_all("a", class_="nav-link")}


def rename_spravato(editor):
    return admin_edit(editor, spravato(), slug="esketamine-nasal-spray")


def rename_iv(editor):
    return admin_edit(editor, iv(), slug="ketamine-infusion")


def iv():
    return Treatment.objects.get(name="IV ketamine infusion")


def spravato_available(editor):
    return admin_edit(editor, spravato(), status=Treatment.Status.AVAILABLE)


def iv_on_a_waitlist(editor):
    return admin_edit(editor, Treatment.objects.get(slug="iv-ketamine-infusion"), status=Treatment.Status.WAITLIST)


def retitle_a_legal_page(editor):
    return admin_edit(editor, LegalPage.objects.get(kind="privacy"), title="How we look after your information")


@pytest.mark.parametrize(
    "edit", [rename_spravato, rename_iv, spravato_available, iv_on_a_waitlist, retitle_a_legal_page]
)
def test_every_link_on_every_page_still_answers_after_an_edit(initial_content, editor, edit):
    visitor = Client()
    before = assert_every_link_answers(visitor)
    assert "/waitlist/spravato/" in before
    response = edit(editor)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert_every_link_answers(visitor)


def test_a_renamed_treatments_menu_link_has_its_new_address(initial_content, editor):
    rename_spravato(editor)
    assert header_links(Client())["Spravato waitlist"] == "/waitlist/esketamine-nasal-spray/"


OLD_ADDRESSES = [
    ("/treatments/spravato/", "/treatments/esketamine-nasal-spray/"),
    ("/waitlist/spravato/", "/waitlist/esketamine-nasal-spray/"),
    ("/waitlist/spravato/thanks/", "/waitlist/esketamine-nasal-spray/thanks/"),
    ("/treatments/iv-ketamine-infusion/", "/treatments/ketamine-infusion/"),
    ("/treatments/iv-ketamine-infusion/request-a-call/", "/treatments/ketamine-infusion/request-a-call/"),
    ("/treatments/iv-ketamine-infusion/request-a-call/thanks/", "/treatments/ketamine-infusion/request-a-call/thanks/"),
    (
        "/treatments/iv-ketamine-infusion/request-a-call/cancelled/",
        "/treatments/ketamine-infusion/request-a-call/cancelled/",
    ),
]


@pytest.mark.parametrize("language", ["", "/es"])
@pytest.mark.parametrize(("old", "new"), OLD_ADDRESSES)
def test_every_old_address_of_a_renamed_treatment_moves_permanently_in_its_language(
    initial_content, editor, old, new, language
):
    rename_spravato(editor)
    rename_iv(editor)
    visitor = Client()
    response = visitor.get(language + old)
    assert response.status_code == 301 and response["Location"] == language + new
    assert visitor.get(language + new).status_code == 200


@pytest.mark.parametrize("language", ["", "/es"])
def test_an_old_cancel_link_of_a_renamed_treatment_moves_and_still_cancels(initial_content, editor, language):
    entry = CallBackRequestFactory(treatment=iv())
    token = removal_token(entry=entry)
    rename_iv(editor)
    visitor = Client()
    response = visitor.get(f"{language}/treatments/iv-ketamine-infusion/request-a-call/cancel/{token}/")
    new = f"{language}/treatments/ketamine-infusion/request-a-call/cancel/{token}/"
    assert response.status_code == 301 and response["Location"] == new
    done = visitor.post(new)
    assert (
        done.status_code == 302
        and done["Location"] == f"{language}/treatments/ketamine-infusion/request-a-call/cancelled/"
    )
    entry.refresh_from_db()
    assert entry.status == IntakeRequest.Status.WITHDRAWN


@pytest.mark.parametrize("rename", [rename_spravato, rename_iv])
def test_every_address_the_crawl_found_before_a_rename_still_answers_after_it(initial_content, editor, rename):
    visitor = Client()
    before = assert_every_link_answers(visitor)
    assert rename(editor).status_code == 302
    after = assert_every_link_answers(visitor, *before)  # the old addresses first, then every link from them
    assert set(before) <= set(after)


def test_a_form_sent_to_the_old_call_back_address_during_a_rename_is_still_taken(initial_content, editor):
    rename_iv(editor)
    response = Client().post("/treatments/iv-ketamine-infusion/request-a-call/", call_back_form_data())
    assert (
        response.status_code == 302 and response["Location"] == "/treatments/ketamine-infusion/request-a-call/thanks/"
    )
    assert IntakeRequest.objects.get(kind=IntakeRequest.Kind.CALL_BACK).treatment == iv()


def test_a_form_sent_to_the_old_waitlist_address_during_a_rename_is_still_taken(initial_content, editor):
    rename_spravato(editor)
    response = Client().post("/waitlist/spravato/", waitlist_form_data(email="mid-rename@example.org"))
    assert response.status_code == 302 and response["Location"] == "/waitlist/esketamine-nasal-spray/thanks/"
    assert IntakeRequest.objects.with_email("mid-rename@example.org").get().treatment == spravato()


def test_a_closed_waitlist_is_linked_from_nowhere_and_leads_to_the_treatment(initial_content, editor):
    spravato_available(editor)
    visitor = Client()
    answers = crawl(visitor)
    assert not [path for path in answers if path.startswith("/waitlist/")]
    assert "Spravato waitlist" not in header_links(visitor)
    response = visitor.get("/waitlist/spravato/")
    assert response.status_code == 302 and response["Location"] == "/treatments/spravato/"
    action = soup(visitor.get("/treatments/spravato/")).find(id="treatment-action")
    assert "tel:+16195550100" in hrefs(action)  # available now: the page offers a call, not the waitlist


def test_a_new_waitlist_gets_its_links_from_the_treatments_name(initial_content, editor):
    iv_on_a_waitlist(editor)
    visitor = Client()
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    assert header_links(visitor)[f"{iv.name} waitlist"] == "/waitlist/iv-ketamine-infusion/"
    assert "/waitlist/iv-ketamine-infusion/" in hrefs(soup(visitor.get("/")).main)
    assert visitor.get("/waitlist/iv-ketamine-infusion/").status_code == 200


@pytest.mark.parametrize("model", [LegalPage, ClinicDetails])
def test_required_pages_cannot_be_deleted_in_admin_code_or_shell(initial_content, editor, model):
    record = model.objects.first()
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    assert editor.get(reverse(f"{name}_delete", args=[record.pk])).status_code == 403
    changelist = soup(editor.get(reverse(f"{name}_changelist")))
    assert not changelist.find("option", attrs={"value": "delete_selected"})
    with pytest.raises(ProtectedError, match="edit it instead of deleting it"), transaction.atomic():
        record.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        model.objects.all().delete()
    assert model.objects.filter(pk=record.pk).exists()
    assert Client().get("/medical-disclaimer/").status_code == 200


def test_unpublishing_a_treatment_people_wait_for_is_refused_with_the_reason(initial_content, editor):
    IntakeRequestFactory(treatment=spravato())
    response = admin_edit(editor, spravato(), is_published=None)
    assert response.status_code == 200
    errors = [text(error) for error in soup(response).select(".field-is_published .errorlist li")]
    assert errors[0].startswith("This treatment stays published for now")
    assert "People are on its waitlist, and the clinic has promised to contact them." in errors
    assert spravato().is_published


def test_unpublishing_a_treatment_other_content_links_to_is_refused_until_the_link_goes(initial_content, editor):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    faq = FaqFactory(question="Which treatment is gentlest?", answer="[IV ketamine](/treatments/iv-ketamine-infusion)")
    response = admin_edit(editor, iv, is_published=None)
    errors = [text(error) for error in soup(response).select(".field-is_published .errorlist li")]
    assert "FAQ “Which treatment is gentlest?” links to its page or waitlist." in errors
    assert Treatment.objects.get(pk=iv.pk).is_published
    faq.answer = "Ask us. A similar address is not a link to it: /treatments/iv-ketamine-infusion-2/"
    faq.save()
    assert admin_edit(editor, iv, is_published=None).status_code == 302
    assert not Treatment.objects.get(pk=iv.pk).is_published
    assert_every_link_answers(Client())


def test_deleting_a_treatment_other_content_links_to_is_refused_with_the_reason(initial_content, editor):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    FaqFactory(question="Which treatment is gentlest?", answer="See [IV ketamine](/treatments/iv-ketamine-infusion/)")
    url = reverse("admin:treatments_treatment_delete", args=[iv.pk])
    page = soup(editor.get(url))
    assert text(page.h1) == "Cannot delete treatment"
    reasons = [text(item) for item in page.select("main li")]
    assert f"{iv.name}: FAQ “Which treatment is gentlest?” links to its page or waitlist." in reasons
    editor.post(url, {"post": "yes"})
    assert Treatment.objects.filter(pk=iv.pk).exists()


def test_a_slug_that_still_leads_to_another_treatment_cannot_be_taken(initial_content, editor):
    rename_spravato(editor)
    response = admin_edit(editor, Treatment.objects.get(slug="intramuscular-ketamine"), slug="spravato")
    errors = [text(error) for error in soup(response).select(".field-slug .errorlist li")]
    assert errors == [
        "“spravato” is an old address of “Spravato” and still leads there. Please choose a different address."
    ]
    assert Client().get("/waitlist/spravato/", follow=True).redirect_chain[-1][0] == "/waitlist/esketamine-nasal-spray/"


def test_a_slug_the_waitlist_uses_for_its_own_pages_is_reserved(initial_content, editor):
    response = admin_edit(editor, spravato(), slug="leave")
    errors = [text(error) for error in soup(response).select(".field-slug .errorlist li")]
    assert errors == ["“leave” is used by another page. Please choose a different address."]
