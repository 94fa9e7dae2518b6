"""Waitlist invitations in order: places opened go to the longest-waiting active entries (ties by sign-up), each
emailed with a response window in the person's language; a decline, an expiry or the entry closing passes the place
to the next person; the cap limits the offers open at once; nobody is skipped or invited twice, with two workers
running at once (PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from intake import services
from intake.models import IntakeRequest, Offer, OfferRound
from intake.services.erasure import erase_person
from intake.services.offers import OfferClosed, answer_offer, open_places, sweep
from intake.services.retention import purge
from jobs.services import run_routine_job
from outbox.models import OutgoingEmail
from tests.factories import IntakeRequestFactory, TreatmentFactory
from tests.intake.lines import in_line
from treatments.models import Treatment

pytestmark = pytest.mark.django_db
SITE = "http://clinic.test"
HOUR = timedelta(hours=1)


@pytest.fixture
def waitlist():
    return TreatmentFactory(status=Treatment.Status.WAITLIST)


def invited(treatment=None, **filters):
    offers = Offer.objects.filter(**filters)
    if treatment is not None:
        offers = offers.filter(round__treatment=treatment)
    return list(offers.order_by("pk").values_list("request_id", flat=True))  # in the order they were made


def open_now(treatment, places, *, by=None):
    return open_places(treatment=treatment, places=places, by=by, base_url=SITE)


def test_places_go_to_the_longest_waiting_active_entries_in_order(waitlist):
    first, second, third, fourth, fifth = in_line(waitlist, 5)
    IntakeRequest.objects.filter(pk=second.pk).update(inactive_since=timezone.now())  # on hold: skipped
    IntakeRequest.objects.filter(pk=third.pk).update(status="withdrawn")
    IntakeRequest.objects.filter(pk=fourth.pk).update(status="scheduled")  # a time is already set
    other = in_line(TreatmentFactory(status=Treatment.Status.WAITLIST), 1)[0]  # another waitlist: not this one
    opened = open_now(waitlist, 2)
    assert (opened.invited, opened.waiting) == (2, 0)
    assert invited() == [first.pk, fifth.pk]
    assert other.pk not in invited()


def test_a_tie_on_the_joining_time_goes_to_the_earlier_sign_up(waitlist):
    moment = timezone.now() - timedelta(days=30)
    later, earlier = IntakeRequestFactory(treatment=waitlist), IntakeRequestFactory(treatment=waitlist)
    IntakeRequest.objects.filter(pk__in=[later.pk, earlier.pk]).update(created_at=moment)
    open_now(waitlist, 1)
    assert invited() == [min(later.pk, earlier.pk)]


def test_each_invitation_is_emailed_in_the_person_s_language_with_the_window(waitlist, settings):
    settings.WAITLIST_OFFER_HOURS = 48
    (english,) = in_line(waitlist, 1, email="ana@example.org")
    spanish = IntakeRequestFactory(treatment=waitlist, email="beto@example.org", language="es")
    before = timezone.now()
    open_now(waitlist, 2)
    offers = {offer.request_id: offer for offer in Offer.objects.select_related("email")}
    for offer in offers.values():
        assert offer.expires_at - offer.sent_at == timedelta(hours=48) and offer.sent_at >= before
        assert offer.email.status == OutgoingEmail.Status.PENDING
    to_english, to_spanish = offers[english.pk].email, offers[spanish.pk].email
    assert to_english.recipient == "ana@example.org" and to_english.purpose == "waitlist.offer"
    assert to_english.subject == f"A place is open for you: {waitlist.name}"
    assert to_spanish.subject.startswith("Hay un lugar para usted")
    link = next(word for word in to_spanish.body.split() if "/waitlist/status/" in word)
    assert link.startswith(SITE + "/es/waitlist/status/")
    assert "988" in to_english.body and "AYUDA" in to_spanish.body
    deadline = offers[spanish.pk].expires_at.astimezone(timezone.get_default_timezone())
    assert f"{deadline.day} de " in to_spanish.body  # the deadline in Spanish, on the clinic's clock


def test_the_cap_limits_open_offers_and_the_other_places_wait_for_them(waitlist, settings):
    settings.WAITLIST_MAX_OPEN_OFFERS = 2
    entries = in_line(waitlist, 6)
    opened = open_now(waitlist, 4)
    assert (opened.invited, opened.waiting) == (2, 2)
    assert invited() == [entries[0].pk, entries[1].pk]
    # A yes keeps its place and frees room under the cap: a waiting place is offered at once.
    answer_offer(entry=entries[0], offer_id=Offer.objects.get(request=entries[0]).pk, accept=True, base_url=SITE)
    assert invited() == [entries[0].pk, entries[1].pk, entries[2].pk]
    assert sweep().invited == 0
    # A no frees room at once, and its place and the last waiting place go together up to the cap.
    answer_offer(entry=entries[1], offer_id=Offer.objects.get(request=entries[1]).pk, accept=False, base_url=SITE)
    assert invited(status="open") == [entries[2].pk, entries[3].pk]
    assert Offer.objects.filter(status="open").count() == 2
    assert sweep().invited == 0  # the cap again
    # Four places: one accepted, three more offered as they close; never more than two open.
    for entry in entries[2:4]:
        offer = Offer.objects.get(request=entry)
        answer_offer(entry=entry, offer_id=offer.pk, accept=True, base_url=SITE)
    assert invited(status="open") == [entries[4].pk]
    assert Offer.objects.filter(status="accepted").count() == 3
    answer_offer(entry=entries[4], offer_id=Offer.objects.get(request=entries[4]).pk, accept=True, base_url=SITE)
    assert sweep().invited == 0  # all four places accepted: the round is done
    assert invited() == [entry.pk for entry in entries[:5]]


def test_a_decline_invites_the_next_person_at_once(waitlist):
    first, second, third = in_line(waitlist, 3)
    open_now(waitlist, 1)
    offer = Offer.objects.get()
    answered = answer_offer(entry=first, offer_id=offer.pk, accept=False, base_url=SITE)
    assert answered.status == "declined" and answered.answered_at is not None
    passed = Offer.objects.get(status="open")
    assert passed.request_id == second.pk and passed.follows == offer and passed.round == offer.round
    assert OutgoingEmail.objects.filter(purpose="waitlist.offer").count() == 2
    # The first person keeps their place on the list and is never invited again on their own.
    first.refresh_from_db()
    assert first.status == "new"
    open_now(waitlist, 1)
    assert invited() == [first.pk, second.pk, third.pk]
    with pytest.raises(OfferClosed):  # a second answer to the same offer changes nothing
        answer_offer(entry=first, offer_id=offer.pk, accept=True, base_url=SITE)


def test_an_expiry_invites_the_next_person_and_a_later_round_asks_again(waitlist):
    first, second = in_line(waitlist, 2)
    open_now(waitlist, 1)
    offer = Offer.objects.get()
    assert sweep(now=offer.expires_at - HOUR).expired == 0
    result = sweep(now=offer.expires_at + timedelta(minutes=1))
    assert (result.expired, result.invited) == (1, 0)  # passed on inside the expiry: not counted twice
    offer.refresh_from_db()
    assert offer.status == "expired"
    assert invited(status="open") == [second.pk]
    with pytest.raises(OfferClosed):  # too late
        answer_offer(entry=first, offer_id=offer.pk, accept=True, base_url=SITE)
    # Nobody left for this round; a new round asks the person who did not answer again, first in line.
    assert sweep().invited == 0
    open_now(waitlist, 1)
    assert invited(status="open") == [second.pk, first.pk]


def test_an_answer_after_the_window_but_before_the_job_is_refused(waitlist):
    (first,) = in_line(waitlist, 1)
    open_now(waitlist, 1)
    offer = Offer.objects.get()
    Offer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - HOUR, sent_at=timezone.now() - 80 * HOUR)
    with pytest.raises(OfferClosed):
        answer_offer(entry=first, offer_id=offer.pk, accept=True, base_url=SITE)


def test_a_person_who_leaves_passes_their_place_on_and_a_scheduled_one_keeps_it(waitlist):
    first, second, third, fourth = in_line(waitlist, 4)
    open_now(waitlist, 2)
    services.withdraw(entry=first, base_url=SITE)
    assert Offer.objects.get(request=first).status == "withdrawn"
    assert invited(status="open") == [second.pk, third.pk]
    # A coordinator set a time with the second person: the place is theirs.
    services.set_status(entries=[IntakeRequest.objects.get(pk=second.pk)], status="scheduled")
    # The third closed by a coordinator: the job withdraws it and passes it on.
    services.set_status(entries=[IntakeRequest.objects.get(pk=third.pk)], status="declined")
    result = sweep()
    assert result.withdrawn == 1
    assert Offer.objects.get(request=second).status == "accepted"
    assert invited(status="open") == [fourth.pk]


def test_nobody_is_skipped_or_invited_twice_through_many_answers(waitlist, settings):
    """Open, decline, expire, accept, leave in turns: every invitation goes to the first person in line who was
    not invited before in that round, and no entry ever holds two open offers."""
    settings.WAITLIST_MAX_OPEN_OFFERS = 3
    entries = in_line(waitlist, 30)
    open_now(waitlist, 5)
    now = timezone.now()
    for turn in range(12):
        offer = Offer.objects.filter(status="open").order_by("pk").first()
        if offer is None:
            break
        if turn % 3 == 0:
            answer_offer(entry=offer.request, offer_id=offer.pk, accept=False, base_url=SITE)
        elif turn % 3 == 1:
            now = offer.expires_at + timedelta(minutes=1)
            sweep(now=now)
        else:
            answer_offer(entry=offer.request, offer_id=offer.pk, accept=True, base_url=SITE)
    order = invited()
    assert order == [entry.pk for entry in entries[: len(order)]]  # in line, none skipped, none twice
    assert Offer.objects.filter(status="open").count() <= 3
    assert Offer.objects.filter(status="accepted").count() <= 5


def test_the_database_refuses_a_second_open_offer_for_one_entry(waitlist):
    (entry,) = in_line(waitlist, 1)
    open_now(waitlist, 1)
    offer = Offer.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.create(request=entry, round=offer.round, expires_at=offer.expires_at)


def test_the_routine_job_runs_once_per_slot():
    assert run_routine_job(job="waitlist-invitations", slot=1).endswith("0 people invited")
    assert run_routine_job(job="waitlist-invitations", slot=1) == "already ran"


def test_with_redis_and_the_mail_server_down_the_offer_and_its_email_are_stored(waitlist, settings, run_worker):
    from tests.clinic_site.test_resilience_cache import use_redis_at
    from tests.faults import closed_port

    use_redis_at(settings, f"redis://127.0.0.1:{closed_port()}/0")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    first, second = in_line(waitlist, 2)
    open_now(waitlist, 1)
    offer = Offer.objects.select_related("email").get()
    run_worker()
    offer.email.refresh_from_db()
    assert offer.email.status == OutgoingEmail.Status.PENDING and offer.email.last_error  # tried, still owed
    answer_offer(entry=first, offer_id=offer.pk, accept=False, base_url=SITE)
    passed = Offer.objects.select_related("email").get(status="open")
    assert passed.request_id == second.pk and passed.email.purpose == "waitlist.offer"


def test_a_failed_invitation_stores_neither_offer_nor_email(waitlist, monkeypatch):
    """The offer and its email are one transaction: if writing the email fails, no offer is left without one."""
    from intake.services import offers

    in_line(waitlist, 1)

    def broken(**kwargs):
        raise RuntimeError("the outbox failed")

    monkeypatch.setattr(offers, "_offer_email", broken)
    with pytest.raises(RuntimeError):
        open_now(waitlist, 1)
    assert not Offer.objects.exists() and not OfferRound.objects.exists()


def test_retention_and_erasure_take_offers_and_their_emails(waitlist, settings):
    settings.WAITLIST_RETENTION_DAYS = 30
    first = IntakeRequestFactory(treatment=waitlist, email="first@example.org")
    second = IntakeRequestFactory(treatment=waitlist, email="second@example.org")
    open_now(waitlist, 2)
    services.withdraw(entry=first, base_url=SITE)
    first_email = Offer.objects.get(request=first).email_id
    assert purge(closed_after_days=30, now=timezone.now() + timedelta(days=31)).closed == 1
    assert list(Offer.objects.values_list("request", flat=True)) == [second.pk]
    assert not OutgoingEmail.objects.filter(pk=first_email).exists()
    erase_person(request=second, by=User.objects.create_user("privacy"), http_request=None)
    assert not Offer.objects.exists()
    assert not OutgoingEmail.objects.filter(purpose="waitlist.offer").exists()
    assert OfferRound.objects.count() == 1  # the round holds no patient data: numbers and who opened it


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_workers_never_skip_anyone_or_invite_anyone_twice():
    """Two workers at once, each opening places and running the expiry job, over and over: the invitations follow
    the line exactly, no entry ever holds two open offers, and the cap holds."""
    from django.conf import settings

    treatment = TreatmentFactory(status=Treatment.Status.WAITLIST)
    entries = in_line(treatment, 60)
    cap = settings.WAITLIST_MAX_OPEN_OFFERS
    barrier = threading.Barrier(2)
    errors, most_open = [], []

    def worker(number):
        try:
            for _turn in range(6):
                barrier.wait()
                open_places(treatment=treatment, places=3, by=None, base_url=SITE)
                # Every offer so far expires now: both workers expire and pass places on at the same moment.
                barrier.wait()
                if number == 0:
                    Offer.objects.filter(status="open").update(sent_at=timezone.now() - 80 * HOUR)
                    Offer.objects.filter(status="open").update(expires_at=timezone.now() - HOUR)
                barrier.wait()
                sweep()
                most_open.append(Offer.objects.filter(status="open").count())
        except Exception as error:  # collected and asserted below
            errors.append(error)
            barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(number,)) for number in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    offers = list(Offer.objects.order_by("sent_at", "pk").values("request_id", "round_id", "status"))
    assert max(most_open) <= cap
    pairs = [(offer["request_id"], offer["round_id"]) for offer in offers]
    assert len(pairs) == len(set(pairs)), "someone was invited twice in one round"
    # Nobody skipped: whoever was invited, everyone who joined before them was invited too (every offer expired,
    # so later rounds start again from the front of the line).
    ever = {offer["request_id"] for offer in offers}
    line = [entry.pk for entry in entries]
    assert ever == set(line[: len(ever)])
    assert len(offers) > 12 and connection.vendor == "postgresql"
