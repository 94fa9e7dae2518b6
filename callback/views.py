from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from treatments.selectors import treatment_for_address
from waitlist.forms import CallBackForm
from waitlist.models import IntakeRequest
from waitlist.services import request_call_back
from waitlist.views import intake_form_page, removal_page

# Every page of the flow is personal or carries a CSRF token: never_cache sends Cache-Control: no-store.


def _at_address(request, slug, view_name, **kwargs):
    """(treatment or None, None), or (treatment, permanent redirect) from a renamed treatment's old address.

    A form sent to an old address is still taken, as on the waitlist.
    """
    treatment, moved = treatment_for_address(slug=slug)
    if treatment is not None and moved and request.method != "POST":
        return treatment, redirect(view_name, slug=treatment.slug, permanent=True, **kwargs)
    return treatment, None


def _offering_call_back(request, slug, view_name):
    """The published treatment the clinic gives now at this address (or a redirect to its new one)."""
    treatment, elsewhere = _at_address(request, slug, view_name)
    if treatment is None or not treatment.is_bookable:
        raise Http404("No call back for this treatment")
    return treatment, elsewhere


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_call(request, slug):
    treatment, elsewhere = _offering_call_back(request, slug, "callback:request")
    return elsewhere or intake_form_page(
        request,
        treatment=treatment,
        form_class=CallBackForm,
        submit=request_call_back,
        thanks_url=reverse("callback:thanks", args=[treatment.slug]),
        template="callback/request.html",
    )


@never_cache
@require_safe
def thanks(request, slug):
    treatment, elsewhere = _offering_call_back(request, slug, "callback:thanks")
    return elsewhere or render(request, "callback/thanks.html", {"treatment": treatment})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, slug, token):
    # The treatment may have changed status since; the link still cancels the request it names.
    treatment, elsewhere = _at_address(request, slug, "callback:cancel", token=token)
    return elsewhere or removal_page(
        request,
        token=token,
        kind=IntakeRequest.Kind.CALL_BACK,
        confirm_template="callback/cancel.html",
        invalid_template="callback/cancel_invalid.html",
        done_template="callback/cancelled.html",
        done_url=reverse("callback:cancelled", args=[treatment.slug if treatment else slug]),
    )


@never_cache
@require_safe
def cancelled(request, slug):
    _, elsewhere = _at_address(request, slug, "callback:cancelled")
    return elsewhere or render(request, "callback/cancelled.html", {"already": False})
