"""The privacy notice a site ships tells patients, in English and in Spanish, what the code does with their data:
the access record, staff sign-in and idle sign-out, encryption, backups, every retention period and erasure on
request, each under its heading, with the figures the settings use."""

import pytest
from django.conf import settings

from access_record.services import RETENTION_YEARS
from tests.markup import soup, text

pytestmark = pytest.mark.django_db

HEADINGS = {
    "en": ["What we collect", "Why we use it", "How we protect it", "How long we keep it", "Your choices", "Cookies",
           "Questions"],
    "es": ["Qué datos recogemos", "Para qué los usamos", "Cómo los protegemos", "Cuánto tiempo los guardamos",
           "Sus opciones", "Cookies", "Preguntas"],
}  # fmt: skip
COLLECT, PROTECT, KEEP, CHOICES = 0, 2, 3, 4  # positions in HEADINGS
NUMBER_WORDS = {2: ("two", "dos"), 6: ("six", "seis")}


def topics():
    """{topic: (the section it is under, [words] one paragraph or list item of it says in English, in Spanish)}."""
    idle, hours = settings.STAFF_IDLE_MINUTES, settings.SESSION_COOKIE_AGE // 3600
    closed, link = settings.WAITLIST_RETENTION_DAYS, settings.WAITLIST_REMOVAL_LINK_MAX_AGE_DAYS
    (six, seis), (two, dos) = NUMBER_WORDS[RETENTION_YEARS], NUMBER_WORDS[2]  # 2: WAITLIST_STALE_DAYS, test below
    return {
        "no patient data in logs": (
            COLLECT,
            ["logs never hold your name, email, phone number"],
            ["registros nunca guardan su nombre, correo electrónico ni teléfono"],
        ),
        "who sees a request": (
            PROTECT,
            ["Only our intake staff and our site administrators"],
            ["Solo nuestro personal de admisión y los administradores del sitio"],
        ),
        "second factor, idle sign-out": (
            PROTECT,
            ["one-time code", f"after {idle} minutes without activity", f"after {hours} hours at most"],
            ["una sola vez", f"después de {idle} minutos sin actividad", f"a las {hours} horas como máximo"],
        ),
        "access record": (
            PROTECT,
            [
                "record each time staff open, change or export",
                "sign in",
                "does not hold your contact details",
                "kept only encrypted",
            ],
            [
                "registro de cada vez que alguien del personal abre",
                "entra al sistema",
                "No guarda sus datos de contacto",
                "se guardan solo cifradas",
            ],
        ),
        "encryption": (
            PROTECT,
            ["phone number and our notes about contacting you are stored encrypted"],
            ["Guardamos cifrados su nombre, su correo electrónico, su teléfono y nuestras notas"],
        ),
        "encrypted nightly backups": (
            PROTECT,
            ["every night", "backups are encrypted"],
            ["Cada noche", "copias también están cifradas"],
        ),
        "closed requests": (
            KEEP,
            ["leave the waitlist", f"delete your request {closed} days later", "emails we sent you"],
            ["sale de la lista de espera", f"borramos su solicitud {closed} días después", "correos que le enviamos"],
        ),
        "open requests without contact": (
            KEEP,
            ["still open", f"no contact with you for {two} years", "then delete it"],
            ["sigue abierta", f"contacto con usted en {dos} años", "luego la borra"],
        ),
        "access record kept": (
            KEEP,
            [f"record of staff access for {six} years"],
            [f"por {seis} años el registro"],
        ),
        "backups kept": (
            KEEP,
            [f"only our {settings.BACKUP_KEEP} newest backups"],
            [f"nuestras {settings.BACKUP_KEEP} copias de seguridad más recientes"],
        ),
        "self-removal link": (
            CHOICES,
            ["link you can use to leave the waitlist", f"works for {link} days", "call or email us"],
            ["enlace que usted puede usar para salir", f"durante {link} días", "llámenos o escríbanos"],
        ),
        "see or correct": (
            CHOICES,
            ["call or email us to see or correct"],
            ["llamarnos o escribirnos un correo para ver o corregir"],
        ),
        "erasure on request": (
            CHOICES,
            ["call or email us to ask us to erase", "We keep only a note", "It does not say who"],
            ["llamarnos o escribirnos un correo para pedirnos que borremos", "La nota no dice quién es"],
        ),
    }


def sections(client, path):
    """{heading: [the text of each paragraph and list item under it]} of the notice's body, in page order."""
    prose = soup(client.get(path)).main.select_one(".prose")
    found, current = {}, None
    for block in prose.find_all(["h2", "p", "li"]):
        if block.name == "h2":
            current = found.setdefault(text(block), [])
        elif current is not None and "text-body-secondary" not in block.get("class", []):  # not "Last updated"
            current.append(text(block))
    return found


@pytest.mark.parametrize(("language", "path"), [("en", "/privacy/"), ("es", "/es/privacy/")])
def test_the_shipped_privacy_notice_covers_each_topic_under_its_heading(client, initial_content, language, path):
    found = sections(client, path)
    assert list(found) == HEADINGS[language]
    missing = []
    for topic, (section, english, spanish) in topics().items():
        words = english if language == "en" else spanish
        if not any(all(part in block for part in words) for block in found[HEADINGS[language][section]]):
            missing.append(topic)
    assert missing == []


def test_the_stale_request_period_is_the_settings():
    """The notice says two years for an open request with no contact: WAITLIST_STALE_DAYS (the erasure work)."""
    if not hasattr(settings, "WAITLIST_STALE_DAYS"):
        pytest.skip("WAITLIST_STALE_DAYS arrives with the erasure work (issue 21)")
    assert round(settings.WAITLIST_STALE_DAYS / 365) == 2
