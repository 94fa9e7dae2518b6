"""Staff editing: drafts and previews, admin saves, history and revert, moved page addresses, roles."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from staff.roles import CONTENT_EDITORS, INTAKE_COORDINATORS
from tests.factories import FaqFactory, TreatmentFactory
from tests.markup import soup
from treatments.initial_content import load_initial_content
from treatments.models import Faq, Treatment, TreatmentSlugRedirect

pytestmark = pytest.mark.django_db

TREATMENT_FIELDS = [
    "name",
    "slug",
    "status",
    "ordering",
    "summary",
    "body",
    "what_to_expect",
    "last_reviewed",
    "seo_title",
    "seo_description",
    "drug_name",
    "drug_active_ingredient",
    "pricing",
    "price",
    "price_note",
    "insurance",
]


@pytest.fixture
def admin_client_(staff_client):
    return staff_client(superuser=True)


def form_data(treatment, **changes):
    """What the admin change form posts for `treatment`, with `changes` applied."""
    data = {field: getattr(treatment, field) for field in TREATMENT_FIELDS}
    data["last_reviewed"] = treatment.last_reviewed.isoformat() if treatment.last_reviewed else ""
    if treatment.is_published:
        data["is_published"] = "on"
    redirects = list(TreatmentSlugRedirect.objects.filter(treatment_id=treatment.pk))
    data.update(
        {
            "slug_redirects-TOTAL_FORMS": str(len(redirects)),
            "slug_redirects-INITIAL_FORMS": str(len(redirects)),
            "slug_redirects-MIN_NUM_FORMS": "0",
            "slug_redirects-MAX_NUM_FORMS": "1000",
        }
    )
    for index, redirect in enumerate(redirects):
        data[f"slug_redirects-{index}-id"] = str(redirect.pk)
        data[f"slug_redirects-{index}-treatment"] = str(treatment.pk)
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def admin_save(client, treatment, **changes):
    url = reverse("admin:treatments_treatment_change", args=[treatment.pk])
    return client.post(url, form_data(treatment, **changes))


def test_admin_edit_shows_on_the_very_next_anonymous_request(client, initial_content, admin_client_):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    for path in ("/", "/treatments/", iv.get_absolute_url()):
        assert iv.summary in client.get(path).content.decode()
    response = admin_save(admin_client_, iv, summary="A calm new summary from the editor.")
    assert response.status_code == 302, response.content.decode()[:2000]
    for path in ("/", "/treatments/", iv.get_absolute_url()):
        assert "A calm new summary from the editor." in client.get(path).content.decode(), path


def test_faq_saved_through_the_admin_shows_next_request(client, initial_content, admin_client_):
    client.get("/ketamine/")
    response = admin_client_.post(
        reverse("admin:treatments_faq_add"),
        {
            "question": "Is there parking nearby?",
            "answer": "Yes, *free* parking.",
            "ordering": "5",
            "is_published": "on",
            "treatment": "",
        },
    )
    assert response.status_code == 302
    assert "Is there parking nearby?" in client.get("/ketamine/").content.decode()


def test_drafts_are_hidden_from_the_public(client, db):
    draft = TreatmentFactory(slug="new-idea", name="New idea therapy", is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "New idea therapy" not in client.get("/treatments/").content.decode()
    assert "New idea therapy" not in client.get("/").content.decode()


@pytest.mark.parametrize("who", [CONTENT_EDITORS, "superuser"])
def test_staff_preview_drafts_with_a_notice_and_never_cache_headers(client, staff_client, who):
    draft = TreatmentFactory(slug="new-idea", name="New idea therapy", is_published=False)
    staff = staff_client(superuser=True) if who == "superuser" else staff_client(who)
    response = staff.get(draft.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft preview" in html and "New idea therapy" in html
    assert soup(html).find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    cache_control = response["Cache-Control"]
    assert "no-cache" in cache_control and "no-store" in cache_control and "private" in cache_control
    assert client.get(draft.get_absolute_url()).status_code == 404, "the preview must not leak into the public cache"


def test_published_page_has_no_draft_notice_even_for_staff(staff_client):
    treatment = TreatmentFactory(slug="live")
    html = staff_client(CONTENT_EDITORS).get(treatment.get_absolute_url()).content.decode()
    assert "Draft preview" not in html


def test_waitlist_coordinators_cannot_preview_drafts(staff_client):
    draft = TreatmentFactory(slug="new-idea", is_published=False)
    assert staff_client(INTAKE_COORDINATORS).get(draft.get_absolute_url()).status_code == 404


def test_history_records_edits_and_the_admin_revert_restores_an_old_version(client, initial_content, admin_client_):
    spravato = Treatment.objects.get(slug="spravato")
    original = spravato.summary
    admin_save(admin_client_, spravato, summary="First edit.")
    spravato.refresh_from_db()
    admin_save(admin_client_, spravato, summary="Second edit.")
    assert spravato.history.count() == 3
    assert "Second edit." in client.get("/treatments/spravato/").content.decode()
    first = spravato.history.earliest()
    assert first.summary == original
    revert_url = reverse("admin:treatments_treatment_simple_history", args=[spravato.pk, first.history_id])
    assert admin_client_.get(revert_url).status_code == 200
    response = admin_client_.post(revert_url, form_data(first.instance))
    assert response.status_code == 302  # a draft change of the old version: the page has not changed yet
    assert "Second edit." in client.get("/treatments/spravato/").content.decode()
    assert admin_save(admin_client_, first.instance).status_code == 302  # publishes the draft, as its form shows it
    html = client.get("/treatments/spravato/").content.decode()
    assert original in html and "Second edit." not in html
    assert spravato.history.count() == 4


def test_history_restores_a_deleted_faq(client, initial_content):
    faq = Faq.objects.get(question="Can I drive home after Spravato?")
    faq_id = faq.pk
    faq.delete()
    assert "Can I drive home after Spravato?" not in client.get("/treatments/spravato/").content.decode()
    Faq.history.filter(id=faq_id).earliest().instance.save()
    assert "Can I drive home after Spravato?" in client.get("/treatments/spravato/").content.decode()


def test_changing_a_slug_in_the_admin_keeps_the_old_address_with_a_301(client, initial_content, admin_client_):
    spravato = Treatment.objects.get(slug="spravato")
    admin_save(admin_client_, spravato, slug="spravato-nasal-spray")
    response = client.get("/treatments/spravato/")
    assert response.status_code == 301 and response["Location"] == "/treatments/spravato-nasal-spray/"
    assert client.get("/treatments/spravato-nasal-spray/").status_code == 200
    spravato.refresh_from_db()
    admin_save(admin_client_, spravato, slug="esketamine")
    for old in ("spravato", "spravato-nasal-spray"):
        response = client.get(f"/treatments/{old}/")
        assert response.status_code == 301 and response["Location"] == "/treatments/esketamine/", old
    assert load_initial_content().created == [], "renamed treatments are not created again"
    assert Treatment.objects.filter(name="Spravato").count() == 1


def test_changing_a_slug_back_serves_the_page_again(client, initial_content, admin_client_):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    admin_save(admin_client_, iv, slug="iv-infusion")
    iv.refresh_from_db()
    admin_save(admin_client_, iv, slug="iv-ketamine-infusion")
    assert client.get("/treatments/iv-ketamine-infusion/").status_code == 200
    response = client.get("/treatments/iv-infusion/")
    assert response.status_code == 301 and response["Location"] == "/treatments/iv-ketamine-infusion/"
    assert not TreatmentSlugRedirect.objects.filter(old_slug="iv-ketamine-infusion").exists()


def test_reverting_to_an_old_slug_redirects_the_newer_one(client, initial_content, admin_client_):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    admin_save(admin_client_, iv, slug="iv-infusion")
    iv.refresh_from_db()
    first = iv.history.earliest()
    admin_client_.post(
        reverse("admin:treatments_treatment_simple_history", args=[iv.pk, first.history_id]), form_data(first.instance)
    )
    admin_save(admin_client_, first.instance)  # publishes the revert's draft
    assert client.get("/treatments/iv-ketamine-infusion/").status_code == 200
    assert client.get("/treatments/iv-infusion/")["Location"] == "/treatments/iv-ketamine-infusion/"


def test_slug_changed_outside_the_admin_still_redirects_through_history(client, db):
    treatment = TreatmentFactory(slug="old-name")
    treatment.slug = "new-name"
    treatment.save()
    response = client.get("/treatments/old-name/")
    assert response.status_code == 301 and response["Location"] == "/treatments/new-name/"


def test_old_address_of_a_draft_is_not_revealed(client, db):
    treatment = TreatmentFactory(slug="old-name")
    treatment.slug = "secret-new-name"
    treatment.is_published = False
    treatment.save()
    assert client.get("/treatments/old-name/").status_code == 404


def test_reserved_or_invalid_slug_gets_a_clear_error_and_changes_nothing(client, initial_content, admin_client_):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    response = admin_save(admin_client_, iv, slug="compare", summary="Should not be saved.")
    assert response.status_code == 200
    assert "is used by another page" in response.content.decode()
    response = admin_save(admin_client_, iv, slug="has spaces!", summary="Should not be saved.")
    assert response.status_code == 200 and "errornote" in response.content.decode()
    iv.refresh_from_db()
    assert iv.slug == "iv-ketamine-infusion" and iv.summary != "Should not be saved."
    assert "<table" in client.get("/treatments/compare/").content.decode()


def test_admin_lists_search_and_filters_work(initial_content, admin_client_):
    import datetime

    Treatment.objects.filter(slug="spravato").update(last_reviewed=datetime.date.today())
    changelist = reverse("admin:treatments_treatment_changelist")
    due = admin_client_.get(changelist, {"review": "due"}).content.decode()
    assert "IV ketamine infusion" in due and ">Spravato<" not in due
    current = admin_client_.get(changelist, {"review": "current"}).content.decode()
    assert ">Spravato<" in current and "IV ketamine infusion" not in current
    assert "IV ketamine infusion" not in admin_client_.get(changelist, {"status__exact": "waitlist"}).content.decode()
    faqs = reverse("admin:treatments_faq_changelist")
    general = admin_client_.get(faqs, {"scope": "general"}).content.decode()
    assert "How can I pay for treatment?" in general and "Can I drive home after Spravato?" not in general
    assert "Can I drive home" in admin_client_.get(faqs, {"q": "drive"}).content.decode()
    for model in ("route", "educationsection"):
        assert admin_client_.get(reverse(f"admin:treatments_{model}_changelist")).status_code == 200
    change = admin_client_.get(
        reverse("admin:treatments_treatment_change", args=[Treatment.objects.get(slug="spravato").pk])
    )
    assert "View on site" in change.content.decode()


def test_ordering_is_editable_from_the_admin_list(client, initial_content, admin_client_):
    treatments = list(Treatment.objects.order_by("pk"))
    data = {
        "form-TOTAL_FORMS": str(len(treatments)),
        "form-INITIAL_FORMS": str(len(treatments)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for index, treatment in enumerate(treatments):
        data[f"form-{index}-id"] = str(treatment.pk)
        data[f"form-{index}-ordering"] = "1" if treatment.slug == "spravato" else str(treatment.ordering + 10)
    response = admin_client_.post(reverse("admin:treatments_treatment_changelist"), data)
    assert response.status_code == 302
    assert list(Treatment.objects.values_list("slug", flat=True))[0] == "spravato"
    cards = soup(client.get("/treatments/")).main.find_all("article", attrs={"aria-labelledby": True})
    order = [card["aria-labelledby"] for card in cards]
    assert order.index("card-spravato") < order.index("card-iv-ketamine-infusion")


def test_editors_may_edit_every_treatments_model_and_coordinators_none(db):
    editors = set(Group.objects.get(name=CONTENT_EDITORS).permissions.values_list("codename", flat=True))
    for model in ("treatment", "route", "faq", "educationsection", "treatmentslugredirect"):
        assert {f"{action}_{model}" for action in ("add", "change", "delete", "view")} <= editors, model
    coordinators = Group.objects.get(name=INTAKE_COORDINATORS).permissions.filter(content_type__app_label="treatments")
    assert not coordinators.exists()


def test_unpublished_faq_is_hidden_but_kept(client, db):
    treatment = TreatmentFactory(slug="t")
    faq = FaqFactory(treatment=treatment, question="Visible question?")
    assert "Visible question?" in client.get("/treatments/t/").content.decode()
    faq.is_published = False
    faq.save()
    assert "Visible question?" not in client.get("/treatments/t/").content.decode()
    assert Faq.objects.filter(pk=faq.pk).exists()
