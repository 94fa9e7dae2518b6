"""Places opened (intake coordinators: permission waitlist.change_intakerequest): a coordinator says how many places
opened on a waitlist, and the longest-waiting active entries are invited (intake.services.offers).

The page shows numbers only, never a name. The access record keeps that it was done, by whom, with the numbers:
no patient data.
"""

from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View

from access_record import services as access_record

from .. import selectors
from ..models import OfferRound
from ..services import offers

if TYPE_CHECKING:
    from .queue import IntakeRequestAdmin

OPEN_PLACES_PERMISSION = "waitlist.change_intakerequest"
MOST_PLACES = 50


class PlacesOpenedForm(forms.Form):
    treatment = forms.ModelChoiceField(queryset=selectors.waitlist_treatments(), empty_label=None, label="Waitlist")
    places = forms.IntegerField(
        label="Places opened",
        min_value=1,
        max_value=MOST_PLACES,
        help_text="How many new patients the clinic can take now. Each place goes to the next person in line.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["treatment"].queryset = selectors.waitlist_treatments().order_by("name")


class PlacesOpenedView(View):
    model_admin: "IntakeRequestAdmin | None" = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(OPEN_PLACES_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(request, PlacesOpenedForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        if "stop" in request.POST:
            return self._stop(request)
        form = PlacesOpenedForm(request.POST)
        if not form.is_valid():
            return self._page(request, form)
        opened = offers.open_places(
            treatment=form.cleaned_data["treatment"],
            places=form.cleaned_data["places"],
            by=request.user,
            base_url=request.build_absolute_uri("/"),
        )
        access_record.record_change(
            request=request,
            model=OfferRound,
            object_id=opened.round.pk,
            detail=f"places opened: {opened.round.places}; invited now: {opened.invited}; waiting: {opened.waiting}",
        )
        messages.success(request, _summary(opened))
        return HttpResponseRedirect(reverse("admin:waitlist_intakerequest_places_opened"))

    def _stop(self, request: HttpRequest) -> HttpResponse:
        """Stop offering a waitlist's places that wait; the invitations already sent stand."""
        chosen = request.POST.get("stop", "")
        treatment = selectors.waitlist_treatments().filter(pk=chosen).first() if chosen.isdigit() else None
        if treatment is not None:
            places = offers.stop_offering(treatment=treatment, by=request.user)
            access_record.record(
                request=request,
                action=access_record.Action.CHANGE,
                model=OfferRound,
                detail=f"stopped offering places: {places} waiting",
            )
            messages.success(
                request,
                f"No more invitations for {treatment.name}: {places} waiting "
                f"{'place was' if places == 1 else 'places were'} taken back. Invitations already sent stand.",
            )
        return HttpResponseRedirect(reverse("admin:waitlist_intakerequest_places_opened"))

    def _page(self, request: HttpRequest, form: PlacesOpenedForm) -> HttpResponse:
        assert self.model_admin is not None
        context = {
            **self.model_admin.admin_site.each_context(request),
            "opts": self.model_admin.opts,
            "title": "Places opened: invite the next people",
            "form": form,
            "figures": selectors.offer_figures(),
            "queue_url": reverse("admin:waitlist_intakerequest_changelist"),
            "offer_hours": settings.WAITLIST_OFFER_HOURS,
            "max_open": settings.WAITLIST_MAX_OPEN_OFFERS,
        }
        return TemplateResponse(request, "admin/waitlist/intakerequest/places_opened.html", context)


def _summary(opened: offers.Opened) -> str:
    invited = f"{opened.invited} {'person was' if opened.invited == 1 else 'people were'} invited by email"
    if not opened.waiting:
        return f"{invited}."
    return (
        f"{invited}. {opened.waiting} {'place waits' if opened.waiting == 1 else 'places wait'}: "
        "they are offered as soon as other invitations close, or as people join or come back to the list."
    )
