"""Two people with everything a request can gather (history, contact log, emails owed and sent), for the erasure
tests, in the test's process and in a site process of its own."""

from django.db import connection

from intake import services
from intake.models import ContactAttempt
from outbox.models import OutgoingEmail
from outbox.services import record_email
from tests.factories import TreatmentFactory
from treatments.models import Treatment

SITE = "http://clinic.test"
# Ana's details: words found nowhere else, so finding one anywhere can only mean something of hers was left.
ANA = {"first_name": "Zephyrine", "last_name": "Quillfeather"}
ANA_DETAILS = [
    "Zephyrine", "Quillfeather", "zephyrine.q@example.org", "6195550142", "(619) 555-0142", "6195550199",
    "Bartholomew",
]  # fmt: skip


def sign_up(**details):
    return services.SignUp(preferred_contact="phone", best_time="any", is_adult=True, contact_consent=True,
                           sms_consent=False, **details)  # fmt: skip


def people():
    """Ana's waitlist entry, her call-back request (the same phone, no email), her withdrawn entry for another
    treatment (the same email, another phone), and Bea's call-back request. Each open one has a contact-log line
    and a status change; Ana also has a sent email no request points to."""
    waitlist, later = (TreatmentFactory(status=Treatment.Status.WAITLIST) for _ in range(2))
    available = TreatmentFactory(status=Treatment.Status.AVAILABLE)
    ana_waitlist = services.join_waitlist(
        treatment=waitlist, base_url=SITE, sign_up=sign_up(**ANA, email="zephyrine.q@example.org", phone="+16195550142")
    )
    ana_call_back = services.request_call_back(
        treatment=available, base_url=SITE, sign_up=sign_up(**ANA, email="", phone="(619) 555-0142")
    )
    ana_withdrawn = services.join_waitlist(
        treatment=later, base_url=SITE, sign_up=sign_up(**ANA, email=" Zephyrine.Q@Example.org", phone="+16195550199")
    )
    services.withdraw(entry=ana_withdrawn, base_url=SITE)
    bea = sign_up(first_name="Octavian", last_name="Marblewood", email="octavian@example.org", phone="8585550177")
    bea = services.request_call_back(treatment=available, base_url=SITE, sign_up=bea)
    for entry in (ana_waitlist, ana_call_back, bea):
        ContactAttempt.objects.create(request=entry, outcome="note", note=f"Ask for Bartholomew {entry.pk}")
        services.set_status(entries=[entry], status="contacted")
    sent = record_email(purpose="waitlist.patient", recipient="ZEPHYRINE.q@example.org", subject="Hello", body="")
    OutgoingEmail.objects.filter(pk=sent.pk).update(status=OutgoingEmail.Status.SENT)
    return ana_waitlist, ana_call_back, ana_withdrawn, bea


def stored_details(ids):
    """The stored (encrypted) names, email, phone, their hashes and the notes of these requests, of their history
    and of their contact log, as the database holds them."""
    listed = ",".join(str(pk) for pk in ids)
    found = set()
    with connection.cursor() as cursor:
        details = "first_name, last_name, email, phone, email_hash, phone_hash"
        for table, columns in (
            ("waitlist_intakerequest", f"{details}, phone_tail_hashes"),
            ("waitlist_historicalintakerequest", details),
        ):
            cursor.execute(f"SELECT {columns} FROM {table} WHERE id IN ({listed})")
            found |= {value for row in cursor.fetchall() for value in row if value}
        for table in ("waitlist_contactattempt", "waitlist_historicalcontactattempt"):
            cursor.execute(f"SELECT note FROM {table} WHERE request_id IN ({listed})")
            found |= {row[0] for row in cursor.fetchall()}
    return sorted(found)
