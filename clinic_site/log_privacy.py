"""Keep patient data out of logs: mask credentials in paths and drop query strings.

Used by Django's logging (settings.LOGGING, the console handler) and by gunicorn's logger class
(clinic_site/gunicorn_logging.py), so the application log and the access log follow one rule.

A path segment that works as a credential, such as the token in a waitlist self-removal link,
is replaced with "…". Add a pattern to CREDENTIAL_PATHS for every new link that carries one;
group 1 is what stays, the rest of the match is masked.
"""

import logging
import re

MASK = "…"

CREDENTIAL_PATHS = [
    # Waitlist self-removal link from the confirmation email: /waitlist/leave/<token>/
    re.compile(r"(/waitlist/leave/)(?!done(?:/|$))[^/?#\s\"']+", re.IGNORECASE),
    # A waitlist entry's own status page, from the confirmation and check-in emails: /waitlist/status/<token>/
    re.compile(r"(/waitlist/status/)[^/?#\s\"']+", re.IGNORECASE),
    # Booking links: choose a time /book/<token>/, the patient's own call /book/call/<token>/
    re.compile(r"(/book/(?:call/)?)[^/?#\s\"']+", re.IGNORECASE),
    # Call-back request cancel link: /treatments/<slug>/request-a-call/cancel/<token>/
    re.compile(r"(/treatments/[^/?#\s\"']+/request-a-call/cancel/)[^/?#\s\"']+", re.IGNORECASE),
    # Staff enrolment link, emailed and handed over by the administrator: /<admin>/enrol/<token>/
    re.compile(r"(/enrol/)[^/?#\s\"']+", re.IGNORECASE),
]

# A query string after something that looks like a path, up to the next space or quote.
_QUERY_STRING = re.compile(r"(/[^\s?\"']*)\?[^\s\"']*")


def mask_credentials(text: str) -> str:
    for pattern in CREDENTIAL_PATHS:
        text = pattern.sub(lambda match: match.group(1) + MASK, text)
    return text


def loggable_path(path: str) -> str:
    """A request path as it may be logged: no query string, no fragment, credentials masked."""
    return mask_credentials(path.split("?", 1)[0].split("#", 1)[0])


def scrub(text: str) -> str:
    """Free text (a log message, a traceback) with query strings dropped and credentials masked."""
    return mask_credentials(_QUERY_STRING.sub(r"\1", text))


class PersonalDataFilter(logging.Filter):
    """Rewrites each record's message (and traceback) through scrub(); never drops a record."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True
