"""Shipped content is data with one source: a release's new words reach every site through `load_initial_content`,
where staff have not changed them, never by a migration; staff's words never change."""

import dataclasses
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from clinic import initial_content as clinic_content
from clinic.models import LegalPage
from content.models import shipped_digest
from content.readability import reading_level
from publishing import services
from publishing.models import PageChange
from publishing.selectors import changes_of, current_review
from publishing.shipped import REASON
from publishing.values import apply_values
from tests.markup import soup, text
from translation import catalogues
from translation.twins import SPANISH
from treatments import initial_content as treatments_content
from treatments.models import Faq, Treatment

pytestmark = pytest.mark.django_db

NEW_SUMMARY = {"en": "Ketamine through a thin tube in a vein, with us beside you.", "es": "Ketamina por una vena."}
NEW_BODY = {"en": "A new shipped body.", "es": "Un texto nuevo."}
NEW_ANSWER = {
    "en": (
        "No. Do not drive until the next day, after a restful night of sleep. "
        "Plan for someone to take you home from the clinic after your visit."
    ),  # with the question, long enough to grade (content.readability.MIN_WORDS)
    "es": (
        "No. No maneje hasta el día siguiente, después de una noche de sueño tranquilo. "
        "Pida a alguien que lo lleve a casa desde la clínica después de su visita."
    ),
}


@pytest.fixture
def release(monkeypatch):
    """`release(module, key, **words)`: a release ships new words ({field: {"en": …, "es": …}}) for the record
    `key` that `module` (an app's initial_content) declares, with their Spanish in the catalogue."""
    shipped = dict(catalogues._shipped_catalogue())
    monkeypatch.setattr(catalogues, "_shipped_catalogue", lambda: shipped)

    def ship(module, key, **words):
        declared = list(module.SHIPPED)
        (position,) = [index for index, record in enumerate(declared) if record.key == key]
        record = declared[position]
        declared[position] = dataclasses.replace(
            record, words={**record.words, **{name: both["en"] for name, both in words.items()}}
        )
        for name, both in words.items():
            shipped[(f"{record.model._meta.label_lower}.{name}", both["en"])] = both["es"]
        monkeypatch.setattr(module, "SHIPPED", declared)

    return ship


def declared(module, key):
    return next(record for record in module.SHIPPED if record.key == key)


def load():
    output = io.StringIO()
    call_command("load_initial_content", stdout=output)
    return output.getvalue()


def staff_edit(record, **fields):
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()


def test_new_shipped_words_reach_an_untouched_record_in_both_languages_and_staff_edits_stay(
    client, initial_content, release
):
    iv = Treatment.objects.get(slug="iv-ketamine-infusion")
    staff_edit(iv, body="Our own words about IV.", summary_es="Nuestro resumen.")
    history = iv.history.count()
    release(treatments_content, "treatment:iv-ketamine-infusion", summary=NEW_SUMMARY, body=NEW_BODY)

    assert "treatments: 0 new record(s), new shipped words in 1" in load()
    iv.refresh_from_db()
    assert (iv.summary, iv.summary_es) == (NEW_SUMMARY["en"], "Nuestro resumen.")  # the Spanish staff wrote stays
    assert (iv.body, iv.body_es) == ("Our own words about IV.", NEW_BODY["es"])  # the untouched Spanish follows
    latest = iv.history.first()
    assert iv.history.count() == history + 1 and latest.history_change_reason == REASON
    assert latest.summary == NEW_SUMMARY["en"]
    assert iv.reading_grade == Decimal(str(reading_level(text=iv.plain_language_text()).score))
    assert iv.spanish_reading_ease == Decimal(
        str(reading_level(text=iv.plain_language_text(SPANISH), language=SPANISH).score)
    )
    assert NEW_SUMMARY["en"] in text(soup(client.get("/treatments/")).main)  # the page cache was cleared

    assert "new shipped words" not in load()  # the same release again changes nothing
    assert iv.history.count() == history + 1


def test_a_record_a_staff_edit_brought_back_to_the_shipped_words_follows_them_again(initial_content, release):
    route = declared(treatments_content, "route:iv")
    iv_route = route.model.objects.get(shipped_as=route.key)
    staff_edit(iv_route, onset="Slow")
    release(treatments_content, route.key, onset={"en": "A gradual start", "es": "Comienzo gradual"})
    load()
    iv_route.refresh_from_db()
    assert iv_route.onset == "Slow"
    staff_edit(iv_route, onset="A gradual start")  # staff typed the shipped words: they are the shipped ones
    load()
    iv_route.refresh_from_db()
    assert iv_route.shipped_words["onset"] == shipped_digest("A gradual start")


@pytest.fixture
def reviewed_spravato(initial_content, reviewer):
    """The Spravato page marked as needing a clinical review, and the reviewer who marked it."""
    dana = User.objects.get(username="reviewer")
    spravato = Treatment.objects.get(slug="spravato")
    services.set_needs_clinical_review(page=spravato, needed=True, user=dana)
    services.publish_now(page=spravato, user=dana)  # reviewed as it stands
    return dana


def driving_faq():
    return Faq.objects.get(shipped_as="faq:spravato-driving")


def review_stamp(spravato_faq):
    spravato = Treatment.objects.get(slug="spravato")
    return current_review(page=spravato, shown=[spravato_faq])


def test_new_words_for_a_reviewed_page_wait_as_a_draft_for_a_reviewer_then_go_live_with_history_and_grade(
    client, reviewed_spravato, release
):
    faq = driving_faq()
    old_answer, old_grade, history = faq.answer, faq.reading_grade, faq.history.count()
    release(treatments_content, "faq:spravato-driving", answer=NEW_ANSWER)

    assert "new shipped words waiting for a clinical reviewer in 1" in load()
    faq.refresh_from_db()
    assert faq.answer == old_answer and faq.history.count() == history  # the live page is as reviewed
    assert review_stamp(faq).current
    change = changes_of(page=faq).get()
    assert change.state == PageChange.State.DRAFT and change.reviewed_at is None
    assert change.values == {"answer": NEW_ANSWER["en"], "answer_es": NEW_ANSWER["es"]}
    assert "Plan for someone" not in text(soup(client.get("/treatments/spravato/")).main)

    assert "waiting" not in load()  # loading again leaves the waiting change as it is
    assert changes_of(page=faq).get().updated_at == change.updated_at

    services.publish_now(page=apply_values(faq, change.values), user=reviewed_spravato)
    faq.refresh_from_db()
    assert (faq.answer, faq.answer_es) == (NEW_ANSWER["en"], NEW_ANSWER["es"])
    assert faq.history.count() == history + 1 and faq.history.first().answer == NEW_ANSWER["en"]
    assert faq.reading_grade != old_grade
    assert faq.reading_grade == Decimal(str(reading_level(text=faq.plain_language_text()).score))
    assert review_stamp(faq).current and changes_of(page=faq).get().reviewer_name == "Dana Reyes"
    assert "Plan for someone" in text(soup(client.get("/treatments/spravato/")).main)
    assert load().count("new shipped words") == 0


def test_a_reviewer_who_discards_the_new_words_keeps_the_old_ones_for_good(reviewed_spravato, release):
    faq = driving_faq()
    old_answer = faq.answer
    release(treatments_content, "faq:spravato-driving", answer=NEW_ANSWER)
    load()
    changes_of(page=faq).get().delete()  # "Discard this change"
    load()
    assert driving_faq().answer == old_answer and not changes_of(page=faq).exists()


def test_a_field_staff_are_rewording_in_a_waiting_change_is_left_to_them(initial_content, editor, release):
    faq = driving_faq()
    staff_words = apply_values(faq, {"answer": "Our draft answer."})
    services.save_draft(page=staff_words, user=User.objects.get(username="content"))
    release(treatments_content, "faq:spravato-driving", answer=NEW_ANSWER)
    load()
    faq.refresh_from_db()
    change = changes_of(page=faq).get()
    assert change.values == {"answer": "Our draft answer."} and change.prepared_by.username == "content"
    assert faq.answer_es == NEW_ANSWER["es"]  # the field staff leave alone follows, live: no review needed


def test_a_new_shipped_record_on_a_reviewed_page_is_added_unpublished_for_a_reviewer(reviewed_spravato, monkeypatch):
    driving = declared(treatments_content, "faq:spravato-driving")
    new = dataclasses.replace(driving, key="faq:spravato-new", words={"question": "New?", "answer": "Yes."})
    monkeypatch.setattr(treatments_content, "SHIPPED", [*treatments_content.SHIPPED, new])
    load()
    added = Faq.objects.get(shipped_as="faq:spravato-new")
    assert added.treatment.slug == "spravato" and not added.is_published
    assert changes_of(page=added).get().values == {"is_published": "True"}


def test_records_shipped_before_keys_are_found_once_and_only_words_still_shipped_follow(initial_content, release):
    page = LegalPage.objects.get(kind="accessibility")
    LegalPage.objects.filter(pk=page.pk).update(shipped_as=None, shipped_words={}, title="Our accessibility promise")
    load()  # the first load after this change finds the page shipped before keys
    page.refresh_from_db()
    assert page.shipped_as == "legal-page:accessibility" and LegalPage.objects.count() == 4
    assert "title" not in page.shipped_words and "meta_description" in page.shipped_words

    release(
        clinic_content,
        "legal-page:accessibility",
        title={"en": "Accessibility", "es": "Accesibilidad"},
        meta_description={"en": "How we make this site work for everyone.", "es": "Cómo lo hacemos."},
    )
    load()
    page.refresh_from_db()
    assert page.title == "Our accessibility promise"  # staff's words
    assert (page.meta_description, page.meta_description_es) == (
        "How we make this site work for everyone.",
        "Cómo lo hacemos.",
    )


PREVIOUS_NOTICE = {
    "body": "The privacy notice an earlier release shipped.",
    "body_es": "El aviso de privacidad de una versión anterior.",
    "meta_description": "What this website collects.",
    "meta_description_es": "Qué datos recoge este sitio web.",
}


@pytest.fixture
def privacy_notice_of_an_earlier_release(initial_content):
    """The privacy notice as a site an earlier release loaded holds it: that release's words, recorded as shipped."""
    page = LegalPage.objects.get(kind="privacy")
    staff_edit(page, **PREVIOUS_NOTICE)  # as that release's load saved them: in the history
    digests = {name: shipped_digest(words) for name, words in PREVIOUS_NOTICE.items()}
    LegalPage.objects.filter(pk=page.pk).update(shipped_words={**page.shipped_words, **digests})
    page.refresh_from_db()
    return page


def headings(client, path):
    return [text(heading) for heading in soup(client.get(path)).main.select(".prose h2")]


def test_the_privacy_notice_of_this_release_reaches_an_untouched_site_in_both_languages(
    client, privacy_notice_of_an_earlier_release
):
    page, shipped = privacy_notice_of_an_earlier_release, declared(clinic_content, "legal-page:privacy").values()
    history = page.history.count()
    assert "clinic: 0 new record(s), new shipped words in 1" in load()  # legal pages need no review unless marked
    page.refresh_from_db()
    assert {name: getattr(page, name) for name in PREVIOUS_NOTICE} == {name: shipped[name] for name in PREVIOUS_NOTICE}
    assert "## How we protect it" in page.body and "## Cómo los protegemos" in page.body_es
    assert page.history.count() == history + 1 and page.history.first().history_change_reason == REASON
    assert page.reading_grade == Decimal(str(reading_level(text=page.body).score))
    assert page.spanish_reading_ease == Decimal(str(reading_level(text=page.body_es, language=SPANISH).score))
    assert "How we protect it" in headings(client, "/privacy/")
    assert "Cómo los protegemos" in headings(client, "/es/privacy/")


def test_a_privacy_notice_staff_reworded_keeps_their_words_in_each_language(privacy_notice_of_an_earlier_release):
    page = privacy_notice_of_an_earlier_release
    staff_edit(page, body="Our own privacy notice.", body_es="Nuestro propio aviso de privacidad.")
    load()
    page.refresh_from_db()
    assert (page.body, page.body_es) == ("Our own privacy notice.", "Nuestro propio aviso de privacidad.")
    shipped = declared(clinic_content, "legal-page:privacy").values()
    assert (page.meta_description, page.meta_description_es) == (
        shipped["meta_description"],
        shipped["meta_description_es"],
    )  # the words staff left alone follow


def test_where_the_privacy_notice_needs_a_clinical_review_its_new_words_wait_for_a_reviewer(
    privacy_notice_of_an_earlier_release, reviewer
):
    page = privacy_notice_of_an_earlier_release
    services.set_needs_clinical_review(page=page, needed=True, user=User.objects.get(username="reviewer"))
    assert "new shipped words waiting for a clinical reviewer in 1" in load()
    page.refresh_from_db()
    assert page.body == PREVIOUS_NOTICE["body"]  # patients read the reviewed words until a reviewer publishes
    change = changes_of(page=page).get()
    assert change.state == PageChange.State.DRAFT
    assert change.values == {
        name: declared(clinic_content, "legal-page:privacy").values()[name] for name in PREVIOUS_NOTICE
    }


def test_no_migration_rewords_shipped_copy():
    import sys

    from django.db.migrations.loader import MigrationLoader

    migrations = MigrationLoader(None, ignore_no_migrations=True).disk_migrations.values()
    sources = {
        type(migration).__module__: open(sys.modules[type(migration).__module__].__file__).read()
        for migration in migrations
    }
    assert len(sources) > 40
    assert [module for module, source in sources.items() if "Reword" in source or "shipped_content" in source] == []
