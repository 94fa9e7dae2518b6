"""The public waitlist form: what it stores, every bad input, spam, and privacy headers."""

import re

import pytest
from django.core import mail
from django.test import Client

from intake.forms import WaitlistForm
from intake.models import IntakeRequest
from sitetext.models import SiteText
from tests.factories import IntakeRequestFactory, waitlist_form_data
from tests.markup import hrefs, soup, text
from treatments.models import Treatment

pytestmark = pytest.mark.django_db
URL = "/waitlist/spravato/"
THANKS = "/waitlist/spravato/thanks/"


def post(client, **overrides):
    return client.post(URL, waitlist_form_data(**overrides))


def test_form_page_shows_the_health_details_note_and_what_happens_next(client, spravato):
    response = client.get(URL)
    page = soup(response)
    assert response.status_code == 200
    assert "do not put health details in this form" in text(page.main)
    assert page.main.find(["h2", "h3"], string="What happens next")
    assert "no-store" in response["Cache-Control"]
    for name, autocomplete in (("first_name", "given-name"), ("last_name", "family-name"), ("email", "email"),
                               ("phone", "tel")):  # fmt: skip
        assert page.find("input", attrs={"name": name})["autocomplete"] == autocomplete
    sms_consent = page.find("input", attrs={"name": "sms_consent"})
    assert sms_consent["type"] == "checkbox" and not sms_consent.has_attr("checked")


# Words that would make a field ask for, or store, health information. Matched at the start of a word,
# in field names (underscores read as spaces) and in the labels and help texts people read.
HEALTH_TERMS = re.compile(
    r"\b("
    r"diagnos|symptom|condition|illness|disease|disorder|sick|pain|"
    r"medic|meds?\b|prescri|pharmac|drugs?\b|dos(e|es|age|ing)\b|pills?\b|"
    r"treatment.history|medical|health.(history|condition|record|information|problem|issue)|"
    r"depress|anxi|ptsd|trauma|suicid|self.?harm|mental|mood|bipolar|schizo|psychos|psychiat|psycholog|"
    r"therap|doctor|physician|clinician|hospital|allerg|pregnan|substance|alcohol|addict|"
    r"insurance.(id|member|policy|group)"
    r")",
    re.IGNORECASE,
)


def health_words(*texts):
    """The health terms in these names, labels or help texts ("current_meds" reads as "current meds")."""
    return [match.group(0) for text in texts for match in HEALTH_TERMS.finditer(str(text or "").replace("_", " "))]


def waitlist_field_texts():
    """(where, name, label, help text) of every field of the public form and every stored column."""
    for name, field in WaitlistForm().fields.items():
        yield "form", name, field.label, field.help_text
    for field in IntakeRequest._meta.get_fields():
        if field.concrete:
            yield "model", field.name, field.verbose_name, field.help_text


@pytest.mark.parametrize(
    "name, label, help_text",
    [
        ("current_meds", "Current medications", ""),
        ("notes", "Your symptoms", ""),
        ("history", "Anything else?", "Tell us about your diagnosis."),
        ("prior_therapy", "Tried before?", ""),
    ],
)
def test_the_health_vocabulary_catches_health_fields(name, label, help_text):
    assert health_words(name, label, help_text)


def test_form_and_model_have_no_health_fields():
    """No field of the waitlist form or of IntakeRequest asks for or stores health information.

    Checked: each field's name, label (verbose name) and help text against HEALTH_TERMS, so a new
    `current_meds` column or a field labelled "Your symptoms" fails here. Not checked: choice labels
    (the referral choice "My doctor or therapist" says where someone heard of the clinic, not about
    their health) and the `treatment` foreign key (which waitlist, not a treatment history); bare
    "health" is left out because the staff-notes help text warns "Do not record health details here".
    """
    found = {
        (where, name): words
        for where, name, label, help_text in waitlist_field_texts()
        if (words := health_words(name, label, help_text))
    }
    assert found == {}
    assert {name for where, name, *_ in waitlist_field_texts() if where == "form"} >= {
        "first_name",
        "phone",
        "referral",
    }


def test_valid_sign_up_is_stored_with_e164_phone_and_redirects_to_thanks(client, spravato, run_worker):
    response = post(client, sms_consent="on", preferred_contact="text", referral="doctor")
    run_worker()
    assert response.status_code == 302 and response["Location"] == THANKS
    entry = IntakeRequest.objects.get()
    assert (entry.first_name, entry.last_name, entry.email) == ("Alex", "Rivera", "alex@example.com")
    assert entry.phone == "+16195550123"
    assert entry.treatment == spravato and entry.status == "new"
    assert entry.sms_consent and entry.is_adult and entry.contact_consent
    assert entry.referral == "doctor" and entry.best_time == "morning"
    assert len(mail.outbox) == 2


def test_thank_you_page_says_what_happens_next_and_that_it_is_not_for_emergencies(client, spravato):
    response = client.get(THANKS)
    main = soup(response).main
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert main.find(["h2", "h3"], string="What happens next")
    assert "not for emergencies" in text(main)
    assert {"tel:988", "tel:911"} <= set(hrefs(main))


def test_form_exists_only_for_a_published_treatment(client, spravato):
    Treatment.objects.filter(pk=spravato.pk).update(is_published=False)
    assert client.get(URL).status_code == 404
    assert client.post(URL, waitlist_form_data()).status_code == 404
    assert client.get(THANKS).status_code == 404
    assert IntakeRequest.objects.count() == 0


@pytest.mark.parametrize("status", ["available", "coming_soon"])
def test_a_closed_waitlist_leads_to_the_treatment_page_and_takes_no_sign_ups(client, spravato, status):
    Treatment.objects.filter(pk=spravato.pk).update(status=status)
    for response in (client.get(URL), client.post(URL, waitlist_form_data()), client.get(THANKS)):
        assert response.status_code == 302 and response["Location"] == "/treatments/spravato/"
    assert client.get(URL, follow=True).status_code == 200
    assert IntakeRequest.objects.count() == 0


def test_unknown_treatment_is_404(client, spravato):
    assert client.get("/waitlist/no-such-thing/").status_code == 404


REQUIRED_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "preferred_contact",
    "best_time",
    "insurance",
    "is_adult",
    "contact_consent",
]


@pytest.mark.parametrize("field", REQUIRED_FIELDS)
def test_each_required_field_missing_gets_a_clear_error_tied_to_the_field(client, spravato, field):
    data = waitlist_form_data()
    del data[field]
    response = client.post(URL, data)
    page = soup(response)
    assert response.status_code == 200
    assert IntakeRequest.objects.count() == 0
    assert response.context["form"].errors[field]
    summary = page.find(id="error-summary")
    assert summary["role"] == "alert"
    targets = [page.find(id=href.removeprefix("#")) for href in hrefs(summary)]
    assert [target["name"] for target in targets] == [field]  # the summary links to the field itself
    error = page.find(id=f"id_{field}_error")
    assert error is not None and text(error)
    assert page.find_all(attrs={"aria-describedby": lambda ids: ids and f"id_{field}_error" in ids.split()})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_name", "x" * 101),
        ("last_name", "x" * 101),
        ("email", "a" * 250 + "@example.com"),
        ("phone", "1" * 31),
        ("first_name", "   "),
        ("email", "not-an-email"),
        ("email", "alex@"),
        ("email", "alex@example"),
        ("phone", "12345"),
        ("phone", "call me"),
        ("phone", "+1 000 000 0000"),
        ("preferred_contact", "carrier-pigeon"),
        ("best_time", "midnight"),
        ("insurance", "gold"),
        ("referral", "radio"),
        ("first_name", "Al\x00ex"),
    ],
)
def test_bad_input_gets_an_error_and_keeps_what_was_typed(client, spravato, field, value):
    response = post(client, **{field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert IntakeRequest.objects.count() == 0
    assert 'value="alex@example.com"' in response.content.decode() or field == "email"
    assert 'value="Rivera"' in response.content.decode() or field == "last_name"


def test_text_as_preferred_contact_needs_sms_consent(client, spravato):
    response = post(client, preferred_contact="text")
    errors = response.context["form"].errors
    assert "sms_consent" in errors and "choose phone or email instead" in errors["sms_consent"][0]
    assert IntakeRequest.objects.count() == 0
    assert post(client, preferred_contact="text", sms_consent="on").status_code == 302


@pytest.mark.parametrize("phone", ["619-555-0123", "(619) 555 0123", "+1 619 555 0123", "6195550123"])
def test_common_us_phone_formats_are_normalized(client, spravato, phone):
    assert post(client, phone=phone).status_code == 302
    assert IntakeRequest.objects.get().phone == "+16195550123"


def test_unicode_names_are_accepted(client, spravato):
    assert post(client, first_name="José-María", last_name="Nguyễn Ødegård 李").status_code == 302
    entry = IntakeRequest.objects.get()
    assert (entry.first_name, entry.last_name) == ("José-María", "Nguyễn Ødegård 李")


def test_html_in_a_name_is_stored_as_text_and_escaped_on_the_error_page(client, spravato):
    script = "<script>alert(1)</script>"
    response = post(client, first_name=script, email="bad")
    page = soup(response)
    assert not [tag for tag in page.find_all("script") if "alert" in tag.get_text()]
    assert page.find("input", attrs={"name": "first_name"})["value"] == script  # kept, as text
    assert post(client, first_name=script).status_code == 302
    assert IntakeRequest.objects.get().first_name == script


def test_filled_honeypot_shows_thanks_and_stores_nothing(client, spravato, run_worker):
    response = post(client, website="http://spam.example")
    assert response.status_code == 302 and response["Location"] == THANKS
    assert IntakeRequest.objects.count() == 0
    assert run_worker() == 0 and mail.outbox == []


def test_honeypot_is_hidden_by_class_and_out_of_the_tab_order(client, spravato):
    page = soup(client.get(URL))
    honeypot = page.find("input", attrs={"name": "website"})
    wrapper = honeypot.find_parent(attrs={"aria-hidden": "true"})
    assert wrapper is not None and "waitlist-hp" in wrapper["class"]  # the stylesheet moves it off screen
    assert honeypot["tabindex"] == "-1" and honeypot["autocomplete"] == "off"
    assert page.select("[style]") == [] and page.find_all("style") == []


def test_the_blank_form_is_drawn_once_for_everyone_and_matches_a_fresh_draw(
    client, spravato, django_assert_num_queries
):
    client.get(URL)
    with django_assert_num_queries(0):
        html = Client().get(URL).content.decode()  # the whole page, kept in the page cache
    fresh = str(WaitlistForm())
    assert fresh.strip() in html


def test_an_edited_form_text_shows_at_once_on_the_blank_form(client, spravato, initial_content):
    client.get(URL)
    button = SiteText.objects.get(key="waitlist.form.submit")
    button.text = "Put me on the list"
    button.save()
    page = soup(client.get(URL))
    assert page.select_one("form.waitlist-form [type=submit]")["value"] == "Put me on the list"


def test_what_one_visitor_typed_never_reaches_the_next_visitors_form(client, spravato):
    shown_again = post(client, email="not-an-email").content.decode()
    assert "Rivera" in shown_again and "not-an-email" in shown_again
    next_visitor = Client().get(URL).content.decode()
    assert "Rivera" not in next_visitor and "not-an-email" not in next_visitor
    assert "is-invalid" not in next_visitor


def test_patient_data_never_goes_into_the_url(client, spravato):
    response = post(client)
    assert "?" not in response["Location"] and "alex" not in response["Location"].lower()
    form = soup(client.get(URL)).main.find("form")
    assert form["method"].lower() == "post"


def test_duplicate_email_shows_the_same_thanks_and_keeps_the_first_entry(client, spravato, run_worker):
    first = IntakeRequestFactory(treatment=spravato, email="Alex@Example.com", first_name="First", status="contacted")
    response = post(client, email="alex@example.COM", first_name="Second", phone="(619) 555-0999")
    run_worker()
    assert response.status_code == 302 and response["Location"] == THANKS
    assert IntakeRequest.objects.count() == 1
    first.refresh_from_db()
    assert (first.first_name, first.status, first.phone) == ("First", "contacted", "+16195550123")
    assert mail.outbox == []


def test_someone_who_withdrew_can_join_again(client, spravato):
    IntakeRequestFactory(treatment=spravato, email="alex@example.com", status="withdrawn")
    assert post(client).status_code == 302
    assert IntakeRequest.objects.filter(status="new").count() == 1
