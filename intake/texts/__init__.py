"""Fixed words of the intake pages and emails: the waitlist's, the call back's, and those both share."""

from . import call_back, waitlist

TEXTS = [*waitlist.TEXTS, *call_back.TEXTS]
PREVIEWS = {**waitlist.PREVIEWS, **call_back.PREVIEWS}
