"""Fixed words of the intake pages and emails: the waitlist's, the call back's, those both share,
and a waitlist entry's own status page."""

from . import call_back, status, waitlist

TEXTS = [*waitlist.TEXTS, *call_back.TEXTS, *status.TEXTS]
PREVIEWS = {**waitlist.PREVIEWS, **call_back.PREVIEWS, **status.PREVIEWS}
