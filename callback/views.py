from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from waitlist.forms import CallBackForm
from waitlist.models import IntakeRequest
from waitlist.services import request_call_back
from waitlist.views import intake_form_page, removal_page

from . import selectors

# Every page of the flow is personal or carries a CSRF token: never_cache sends Cache-Control: no-store.


def _treatment(slug):
    treatment = selectors.call_back_treatment(slug=slug)
    if treatment is None:
        raise Http404("No call back for this treatment")
    return treatment


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_call(request, slug):
    treatment = _treatment(slug)
    return intake_form_page(
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
    return render(request, "callback/thanks.html", {"treatment": _treatment(slug)})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, slug, token):
    # The treatment may have changed status since; the link still cancels the request it names.
    return removal_page(
        request,
        token=token,
        kind=IntakeRequest.Kind.CALL_BACK,
        confirm_template="callback/cancel.html",
        invalid_template="callback/cancel_invalid.html",
        done_template="callback/cancelled.html",
        done_url=reverse("callback:cancelled", args=[slug]),
    )


@never_cache
@require_safe
def cancelled(request, slug):
    return render(request, "callback/cancelled.html", {"already": False})
