"""The two public intake flows, the waitlist and the call-back request, as data.

Both run the same pages (form, thanks, confirm removal, removed, broken link) from one set of templates;
a flow names its kind, its addresses and the page texts each page shows. The texts keep their own keys
(`waitlist.join.heading`, `callback.form.heading`): staff edits are stored under them.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace

from . import services
from .forms import CallBackForm, IntakeForm, WaitlistForm
from .models import IntakeRequest


class TextKeys(dict):
    """`keys.heading` in a template is "<prefix>.heading": the key of one part of one page's texts."""

    def __init__(self, prefix: str):
        super().__init__()
        self.prefix = prefix

    def __missing__(self, part: str) -> str:
        return f"{self.prefix}.{part}"


@dataclass(frozen=True)
class IntakeFlow:
    kind: str  # IntakeRequest.Kind
    form_class: type[IntakeForm]
    submit: Callable[..., IntakeRequest | None]
    form_url: str  # URL names; both take the treatment's slug
    thanks_url: str
    form_texts: TextKeys
    thanks_texts: TextKeys
    confirm_texts: TextKeys
    removed_texts: TextKeys
    link_texts: TextKeys
    shows_clinic_hours: bool  # a call back happens in opening hours


WAITLIST = IntakeFlow(
    kind=IntakeRequest.Kind.WAITLIST,
    form_class=WaitlistForm,
    submit=services.join_waitlist,
    form_url="waitlist:join",
    thanks_url="waitlist:thanks",
    form_texts=TextKeys("waitlist.join"),
    thanks_texts=TextKeys("waitlist.thanks"),
    confirm_texts=TextKeys("waitlist.leave"),
    removed_texts=TextKeys("waitlist.left"),
    link_texts=TextKeys("waitlist.link"),
    shows_clinic_hours=False,
)

CALL_BACK = IntakeFlow(
    kind=IntakeRequest.Kind.CALL_BACK,
    form_class=CallBackForm,
    submit=services.request_call_back,
    form_url="callback:request",
    thanks_url="callback:thanks",
    form_texts=TextKeys("callback.form"),
    thanks_texts=TextKeys("callback.thanks"),
    confirm_texts=TextKeys("callback.cancel"),
    removed_texts=TextKeys("callback.cancelled"),
    link_texts=TextKeys("callback.link"),
    shows_clinic_hours=True,
)


# The status page's broken-link pages use the flow's link texts; the rest of the page has its own (status.*).
STATUS = replace(WAITLIST, link_texts=TextKeys("status.link"))
