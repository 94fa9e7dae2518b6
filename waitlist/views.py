from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from content.page_cache import content_version
from translation.twins import missing_spanish
from treatments.selectors import treatment_for_address

from . import services
from .forms import WaitlistForm
from .models import IntakeRequest
from .ratelimits import too_many_posts, too_many_signups

# Every waitlist page is personal or carries a CSRF token: never_cache sends Cache-Control: no-store.


def _waitlist_treatment(request, slug, view_name):
    """(treatment, None) for an open waitlist, or (None, redirect) to where its address now leads.

    A renamed treatment's old waitlist address moves permanently to the new one (a form sent to it is
    still taken); a waitlist that has closed leads, for now, to the treatment's page, which says what to do.
    """
    treatment, moved = treatment_for_address(slug=slug)
    if treatment is None:
        raise Http404("No waitlist for this treatment")
    if not treatment.has_waitlist:
        return None, redirect(treatment)
    if moved and request.method != "POST":
        return None, redirect(view_name, slug=treatment.slug, permanent=True)
    return treatment, None


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def join(request, slug):
    treatment, elsewhere = _waitlist_treatment(request, slug, "waitlist:join")
    if elsewhere:
        return elsewhere
    return intake_form_page(
        request,
        treatment=treatment,
        form_class=WaitlistForm,
        submit=services.join_waitlist,
        thanks_url=reverse("waitlist:thanks", args=[treatment.slug]),
        template="waitlist/join.html",
    )


def intake_form_page(request, *, treatment, form_class, submit, thanks_url, template):
    """The form page of either intake flow: rate limits, honeypot, and one redirect to thanks for every success.

    A duplicate request gets the same thank-you page as a new one, so nobody can learn who asked.
    """
    if request.method == "POST":
        if too_many_posts(request=request):
            return _too_many(request)
        form = form_class(request.POST)
        # Only accepted requests and spam count towards the request limit; a form with errors does not.
        if (form.is_spam or form.is_valid()) and too_many_signups(request=request):
            return _too_many(request)
        if form.is_spam:
            return redirect(thanks_url)
        if form.is_valid():
            submit(treatment=treatment, sign_up=form.sign_up(), base_url=request.build_absolute_uri("/"))
            return redirect(thanks_url)
    else:
        form = form_class()
    context = {
        "treatment": treatment,
        "form": form,
        "page_cache_seconds": settings.PUBLIC_PAGE_CACHE_SECONDS,
        # The blank form's words are site texts: an edit starts a new content version and a new drawing.
        "content_version": content_version(),
        "spanish_missing": bool(missing_spanish(treatment)),  # the same rule as the treatment's own page
    }
    return render(request, template, context)


def _too_many(request):
    return render(request, "waitlist/too_many.html", status=429)


@never_cache
@require_safe
def thanks(request, slug):
    treatment, elsewhere = _waitlist_treatment(request, slug, "waitlist:thanks")
    return elsewhere or render(request, "waitlist/thanks.html", {"treatment": treatment})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def leave(request, token):
    return removal_page(
        request,
        token=token,
        kind=IntakeRequest.Kind.WAITLIST,
        confirm_template="waitlist/leave.html",
        invalid_template="waitlist/leave_invalid.html",
        done_template="waitlist/left.html",
        done_url=reverse("waitlist:left"),
    )


def removal_page(request, *, token, kind, confirm_template, invalid_template, done_template, done_url):
    """The person's own link: confirm, then close their request. Old, damaged or used links say so plainly."""
    try:
        entry = services.entry_for_removal_token(token=token, kind=kind)
    except signing.SignatureExpired:
        return render(request, invalid_template, {"expired": True}, status=400)
    except signing.BadSignature:
        return render(request, invalid_template, {"expired": False}, status=400)
    if entry is None or not entry.is_active:
        return render(request, done_template, {"already": True})
    if request.method == "POST":
        services.withdraw(entry=entry, base_url=request.build_absolute_uri("/"))
        return redirect(done_url)
    return render(request, confirm_template, {"treatment": entry.treatment, "token": token})


@never_cache
@require_safe
def left(request):
    return render(request, "waitlist/left.html", {"already": False})
