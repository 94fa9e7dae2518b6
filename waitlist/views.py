from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from . import selectors, services
from .forms import WaitlistForm
from .ratelimits import too_many_posts, too_many_signups

# Every waitlist page is personal or carries a CSRF token: never_cache sends Cache-Control: no-store.


def _waitlist_treatment(request, slug, view_name):
    """(treatment, None) for an open waitlist, or (None, redirect) to where its address now leads.

    A renamed treatment's old waitlist address moves permanently to the new one (a form sent to it is
    still taken); a waitlist that has closed leads, for now, to the treatment's page, which says what to do.
    """
    treatment, moved = selectors.treatment_for_waitlist(slug=slug)
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
    if request.method == "POST":
        if too_many_posts(request=request):
            return _too_many(request, treatment)
        form = WaitlistForm(request.POST)
        # Only accepted sign-ups and spam count towards the sign-up limit; a form with errors does not.
        if (form.is_spam or form.is_valid()) and too_many_signups(request=request):
            return _too_many(request, treatment)
        if form.is_spam:
            return redirect("waitlist:thanks", slug=treatment.slug)
        if form.is_valid():
            services.join_waitlist(
                treatment=treatment, sign_up=form.sign_up(), base_url=request.build_absolute_uri("/")
            )
            return redirect("waitlist:thanks", slug=treatment.slug)
    else:
        form = WaitlistForm()
    context = {"treatment": treatment, "form": form, "page_cache_seconds": settings.PUBLIC_PAGE_CACHE_SECONDS}
    return render(request, "waitlist/join.html", context)


def _too_many(request, treatment):
    return render(request, "waitlist/too_many.html", {"treatment": treatment}, status=429)


@never_cache
@require_safe
def thanks(request, slug):
    treatment, elsewhere = _waitlist_treatment(request, slug, "waitlist:thanks")
    return elsewhere or render(request, "waitlist/thanks.html", {"treatment": treatment})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def leave(request, token):
    try:
        entry = services.entry_for_removal_token(token=token)
    except signing.SignatureExpired:
        return render(request, "waitlist/leave_invalid.html", {"expired": True}, status=400)
    except signing.BadSignature:
        return render(request, "waitlist/leave_invalid.html", {"expired": False}, status=400)
    if entry is None or not entry.is_active:
        return render(request, "waitlist/left.html", {"already": True})
    if request.method == "POST":
        services.withdraw(entry=entry)
        return redirect("waitlist:left")
    return render(request, "waitlist/leave.html", {"treatment": entry.treatment, "token": token})


@never_cache
@require_safe
def left(request):
    return render(request, "waitlist/left.html", {"already": False})
