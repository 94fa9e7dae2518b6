"""The pages of both intake flows (intake.flows): form, thanks, confirm removal, removed; and a waitlist entry's
own status page.

Every page is personal or carries a CSRF token: never_cache sends Cache-Control: no-store. The blank forms are
the same for every visitor but for that token, so the page cache keeps them and fills in a token for each visitor
(content.page_cache.public_form_page); the personal pages are never kept.
"""

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from content.page_cache import csrf_token_slot, public_form_page
from translation.twins import missing_spanish
from treatments.models import Treatment
from treatments.selectors import treatment_for_address

from . import next_steps, selectors, services
from .flows import CALL_BACK, STATUS, WAITLIST, IntakeFlow
from .forms import HONEYPOT_FIELD, STATUS_FORMS, StatusForm
from .models import CheckIn, IntakeRequest
from .ratelimits import too_many_posts, too_many_signups
from .services import offers as offer_services
from .services import status as status_services

Found = tuple[Treatment | None, HttpResponse | None]  # the treatment at an address, or where the address now leads


def _waitlist_treatment(request: HttpRequest, slug: str, view_name: str) -> Found:
    """(treatment, None) for an open waitlist, or (None, redirect) to where its address now leads.

    A renamed treatment's old waitlist address moves permanently to the new one (a form sent to it is
    still taken); a waitlist that has closed leads, for now, to the treatment's page, which says what to do.
    """
    treatment, moved_to = _at_address(request, slug, view_name)
    if treatment is None:
        raise Http404("No waitlist for this treatment")
    if not treatment.has_waitlist:
        return None, redirect(treatment)
    return (None, moved_to) if moved_to else (treatment, None)


def _at_address(request: HttpRequest, slug: str, view_name: str, **kwargs: str) -> Found:
    """(treatment or None, None), or (treatment, permanent redirect) from a renamed treatment's old address.

    A form sent to an old address is still taken, as on the waitlist.
    """
    treatment, moved = treatment_for_address(slug=slug)
    if treatment is not None and moved and request.method != "POST":
        return treatment, redirect(view_name, slug=treatment.slug, permanent=True, **kwargs)
    return treatment, None


def _offering_call_back(request: HttpRequest, slug: str, view_name: str) -> tuple[Treatment, HttpResponse | None]:
    """The published treatment the clinic gives now at this address (or a redirect to its new one)."""
    treatment, elsewhere = _at_address(request, slug, view_name)
    if treatment is None or not treatment.is_bookable:
        raise Http404("No call back for this treatment")
    return treatment, elsewhere


# The waitlist: /waitlist/<slug>/, its thanks, and the self-removal link /waitlist/leave/<token>/.


@public_form_page
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def join(request: HttpRequest, slug: str) -> HttpResponse:
    treatment, elsewhere = _waitlist_treatment(request, slug, "waitlist:join")
    if elsewhere:
        return elsewhere
    assert treatment is not None  # one or the other
    return form_page(request, flow=WAITLIST, treatment=treatment)


@never_cache
@require_safe
def thanks(request: HttpRequest, slug: str) -> HttpResponse:
    treatment, elsewhere = _waitlist_treatment(request, slug, "waitlist:thanks")
    return elsewhere or render(request, "intake/thanks.html", {"flow": WAITLIST, "treatment": treatment})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def leave(request: HttpRequest, token: str) -> HttpResponse:
    return removal_page(request, flow=WAITLIST, token=token, done_url=reverse("waitlist:left"))


@never_cache
@require_safe
def left(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/removed.html", {"flow": WAITLIST, "already": False})


# The patient's own page: /waitlist/status/<token>/ (the link in their confirmation and check-in emails).


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def status(request: HttpRequest, token: str) -> HttpResponse:
    """What the person joined and when, its status, what happens next, their check-in, and forms to change their
    details or leave. Each form posts here with its name (`action`) and comes back with ?saved=<action>."""
    try:
        entry = services.entry_for_removal_token(token=token)
    except signing.SignatureExpired:
        return render(request, "intake/link_invalid.html", {"flow": STATUS, "expired": True}, status=400)
    except signing.BadSignature:
        return render(request, "intake/link_invalid.html", {"flow": STATUS, "expired": False}, status=400)
    if entry is None:
        return render(request, "intake/removed.html", {"flow": WAITLIST, "already": True})
    here = reverse("waitlist:status", args=[token])
    bound = None
    if request.method == "POST" and entry.is_active:
        if too_many_posts(request=request):
            return _too_many(request)
        action = request.POST.get("action", "")
        base_url = request.build_absolute_uri("/")
        if action == "leave":
            services.withdraw(entry=entry, base_url=base_url)
            return redirect("waitlist:left")
        if action == "check_in" and request.POST.get("answer") in CheckIn.Answer.values:
            answer = request.POST["answer"]
            status_services.answer_check_in(entry=entry, answer=answer, base_url=base_url)
            return (
                redirect("waitlist:left") if answer == CheckIn.Answer.NO_LONGER else redirect(f"{here}?saved={answer}")
            )
        if action == "offer" and request.POST.get("answer") in OFFER_ANSWERS:
            return _answer_offer(request, entry=entry, here=here, base_url=base_url)
        form_class = STATUS_FORMS.get(action)
        if form_class is not None:
            bound = form_class(request.POST)
            if bound.is_spam:
                return redirect(here)
            if bound.is_valid():
                done = _change(request, entry=entry, form=bound, base_url=base_url, token=token)
                if done is not None:
                    return done
    forms = {
        action: bound if bound is not None and bound.action == action else form_class(initial=_initial(entry, action))
        for action, form_class in STATUS_FORMS.items()
    }
    context = {
        "entry": entry,
        "treatment": entry.treatment,
        "token": token,
        "forms": forms,
        "bound": bound,
        "saved": _saved(request),
        **selectors.status_page(entry=entry),
    }
    return render(request, "intake/status.html", context)


OFFER_ANSWERS = {"accept": True, "decline": False}
SAVED_NOTES = {CheckIn.Answer.YES, CheckIn.Answer.CHANGED, "accepted", "declined", "offer_closed"}


def _saved(request: HttpRequest) -> str:
    """What the note at the top says was saved, from the address a saved form came back to (?saved=phone)."""
    saved = request.GET.get("saved", "") if request.method != "POST" else ""
    return saved if saved in STATUS_FORMS or saved in SAVED_NOTES else ""


def _answer_offer(request: HttpRequest, *, entry: IntakeRequest, here: str, base_url: str) -> HttpResponse:
    """The person's yes or no to a place offered to them (an invitation); an answer that comes too late says so."""
    try:
        offer_id = int(request.POST.get("offer", ""))
        offer = offer_services.answer_offer(
            entry=entry, offer_id=offer_id, accept=OFFER_ANSWERS[request.POST["answer"]], base_url=base_url
        )
    except (ValueError, offer_services.OfferClosed):
        return redirect(f"{here}?saved=offer_closed")
    if offer.status == offer.Status.ACCEPTED:
        return after_accepting(request, entry=entry, here=here)
    return redirect(f"{here}?saved=declined")


def after_accepting(request: HttpRequest, *, entry: IntakeRequest, here: str) -> HttpResponse:
    """Where a person goes once they said yes to a place: to choose a time for their first consultation where a
    higher app offers one (booking, through intake.next_steps), else back to their page, which says the intake team
    will call them to book it."""
    with translation.override(entry.language):
        path = next_steps.after_accepting_a_place(entry=entry)
    return redirect(path or f"{here}?saved=accepted")


def _initial(entry: IntakeRequest, action: str) -> dict[str, object]:
    fields = STATUS_FORMS[action].base_fields
    return {name: getattr(entry, name) for name in fields if name != HONEYPOT_FIELD}


def _change(
    request: HttpRequest, *, entry: IntakeRequest, form: StatusForm, base_url: str, token: str
) -> HttpResponse | None:
    """Save one form's change and go back to the page by the link the person came with (in the new language after a
    language change); None when the form must be shown again with an error."""
    data = form.cleaned_data
    if form.action == "phone":
        status_services.change_phone(entry=entry, phone=data["phone"])
    elif form.action == "email":
        # A new address is emailed twice (old and new): it counts against the sign-up limit like a sign-up.
        if data["email"].casefold() != entry.email.casefold() and too_many_signups(request=request):
            return _too_many(request)
        try:
            status_services.change_email(entry=entry, email=data["email"], base_url=base_url)
        except status_services.EmailInUse:
            form.add_error("email", form.texts["status.email.in_use"])
            return None
    elif form.action == "language":
        status_services.change_language(entry=entry, language=data["language"])
    else:
        status_services.change_contact(
            entry=entry,
            preferred_contact=data["preferred_contact"],
            best_time=data["best_time"],
            sms_consent=data["sms_consent"],
        )
    with translation.override(entry.language):
        return redirect(reverse("waitlist:status", args=[token]) + f"?saved={form.action}")


# The call back: /treatments/<slug>/request-a-call/, its thanks, and the cancel link …/cancel/<token>/.


@public_form_page
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_call(request: HttpRequest, slug: str) -> HttpResponse:
    treatment, elsewhere = _offering_call_back(request, slug, "callback:request")
    return elsewhere or form_page(request, flow=CALL_BACK, treatment=treatment)


@never_cache
@require_safe
def call_back_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    treatment, elsewhere = _offering_call_back(request, slug, "callback:thanks")
    if elsewhere:
        return elsewhere
    context = {
        "flow": CALL_BACK,
        "treatment": treatment,
        "next_steps": next_steps.offered(request=request),  # e.g. booking: choose a time for the call
        **_expected_times(flow=CALL_BACK, treatment=treatment)[0],
    }
    return render(request, "intake/thanks.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    # The treatment may have changed status since; the link still cancels the request it names.
    treatment, elsewhere = _at_address(request, slug, "callback:cancel", token=token)
    done_url = reverse("callback:cancelled", args=[treatment.slug if treatment else slug])
    return elsewhere or removal_page(request, flow=CALL_BACK, token=token, done_url=done_url)


@never_cache
@require_safe
def cancelled(request: HttpRequest, slug: str) -> HttpResponse:
    _, elsewhere = _at_address(request, slug, "callback:cancelled")
    return elsewhere or render(request, "intake/removed.html", {"flow": CALL_BACK, "already": False})


# What both flows share.


def form_page(request: HttpRequest, *, flow: IntakeFlow, treatment: Treatment) -> HttpResponse:
    """The form page of either flow: rate limits, honeypot, and one redirect to thanks for every success.

    A duplicate request gets the same thank-you page as a new one, so nobody can learn who asked.
    """
    thanks_url = reverse(flow.thanks_url, args=[treatment.slug])
    if request.method == "POST":
        if too_many_posts(request=request):
            return _too_many(request)
        form = flow.form_class(request.POST)
        # Only accepted requests and spam count towards the request limit; a form with errors does not.
        if (form.is_spam or form.is_valid()) and too_many_signups(request=request):
            return _too_many(request)
        if form.is_spam:
            return redirect(thanks_url)
        if form.is_valid():
            entry = flow.submit(treatment=treatment, sign_up=form.sign_up(), base_url=request.build_absolute_uri("/"))
            response = redirect(thanks_url)
            if entry is not None and flow.kind == CALL_BACK.kind:
                next_steps.remember(response=response, entry=entry, path=thanks_url, secure=request.is_secure())
            return response
    else:
        form = flow.form_class()
    expected_times, fresh_seconds = _expected_times(flow=flow, treatment=treatment)
    context = {
        "flow": flow,
        "treatment": treatment,
        "form": form,
        "spanish_missing": bool(missing_spanish(treatment)),  # the same rule as the treatment's own page
        **expected_times,
        **csrf_token_slot(request),  # a blank form's token, filled in for each visitor
    }
    page = render(request, "intake/form.html", context)
    page.page_cache_seconds = fresh_seconds  # type: ignore[attr-defined]  # kept no longer than its figures
    return page


def _expected_times(*, flow: IntakeFlow, treatment: Treatment) -> tuple[dict[str, object], int]:
    """What the page may say about how long things usually take (the call back's usual time to a first contact,
    or how many wait on the waitlist and for how long; each None while the figures are too thin), and for how many
    more seconds those figures may be shown."""
    if flow.kind == CALL_BACK.kind:
        usual = selectors.usual_call_back_time()
        return {"call_back_time": usual.figures, "expected_period": selectors.EXPECTED_TIMES_DAYS}, usual.seconds_left
    figures = selectors.current_waitlist_figures(treatment=treatment)
    return {"waitlist_figures": figures.figures}, figures.seconds_left


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/too_many.html", status=429)


def removal_page(request: HttpRequest, *, flow: IntakeFlow, token: str, done_url: str) -> HttpResponse:
    """The person's own link: confirm, then close their request. Old, damaged or used links say so plainly."""
    try:
        entry = services.entry_for_removal_token(token=token, kind=flow.kind)
    except signing.SignatureExpired:
        return render(request, "intake/link_invalid.html", {"flow": flow, "expired": True}, status=400)
    except signing.BadSignature:
        return render(request, "intake/link_invalid.html", {"flow": flow, "expired": False}, status=400)
    if entry is None or not entry.is_active:
        return render(request, "intake/removed.html", {"flow": flow, "already": True})
    if request.method == "POST":
        services.withdraw(entry=entry, base_url=request.build_absolute_uri("/"))
        return redirect(done_url)
    return render(request, "intake/confirm_removal.html", {"flow": flow, "treatment": entry.treatment, "token": token})
