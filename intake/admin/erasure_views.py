"""Erasing a person at their request, for superusers and privacy officers (permission waitlist.erase_intakerequest):
find them by email or phone, see what would go, then erase (intake.services.erasure).

The pages show request numbers, kinds, treatments, statuses and dates, never a name, email or phone. Each look,
search and erasure is in the access record.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View

from access_record import services as access_record

from .. import matching, selectors
from ..models import IntakeRequest
from ..services import erasure

if TYPE_CHECKING:
    from .queue import IntakeRequestAdmin

ERASE_PERMISSION = "waitlist.erase_intakerequest"


def may_erase(user) -> bool:
    return user.has_perm(ERASE_PERMISSION)


class FindPersonForm(forms.Form):
    contact = forms.CharField(
        label="Email address or phone number",
        max_length=254,
        help_text="The whole email address, or the phone number with its area code, as the person gave it to us.",
    )

    def clean_contact(self):
        contact = self.cleaned_data["contact"].strip()
        if "@" not in contact and not matching.is_phone(contact):
            raise forms.ValidationError("Type a whole email address, or a phone number with its area code.")
        return contact


class EraseForm(forms.Form):
    requests = forms.TypedMultipleChoiceField(
        coerce=int, error_messages={"required": "Choose at least one request to erase."}
    )

    def __init__(self, *args, request_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requests"].choices = [(pk, pk) for pk in request_ids]


@dataclass(frozen=True, kw_only=True)
class ErasurePlan:
    """What erasing the person who made `chosen` would remove."""

    chosen: IntakeRequest
    records: list[selectors.PersonRecord]
    emails_sent: int
    emails_waiting: int

    @property
    def request_ids(self) -> list[int]:
        return [record.request.pk for record in self.records]


def erasure_plan(chosen: IntakeRequest) -> ErasurePlan:
    requests = list(selectors.person_requests(request=chosen))
    emails = selectors.emails_to(requests=requests)
    sent = sum(email.status == email.Status.SENT for email in emails)
    return ErasurePlan(
        chosen=chosen,
        records=selectors.person_records(chosen=chosen, requests=requests),
        emails_sent=sent,
        emails_waiting=len(emails) - sent,
    )


class ErasureView(View):
    model_admin: "IntakeRequestAdmin" = None  # type: ignore[assignment]  # given by as_view()
    template_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not may_erase(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render(self, request: HttpRequest, title: str, **context) -> HttpResponse:
        admin = self.model_admin
        return TemplateResponse(
            request,
            self.template_name,
            {
                **admin.admin_site.each_context(request),
                "opts": admin.model._meta,
                "title": title,
                "queue_url": _queue_url(request),
                **context,
            },
        )


class FindPersonView(ErasureView):
    """Step 1: the person's email address or phone number, as they gave it (a search, in the access record)."""

    http_method_names = ["get", "head", "post"]
    template_name = "admin/waitlist/intakerequest/find_person.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, "Erase a person's data", form=FindPersonForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = FindPersonForm(request.POST)
        if form.is_valid():
            contact = form.cleaned_data["contact"]
            found = selectors.find_person(contact=contact)
            count = selectors.person_requests(request=found).count() if found is not None else 0
            access_record.record_search(request=request, model=IntakeRequest, words=contact, found=count)
            if found is not None:
                return HttpResponseRedirect(reverse("admin:waitlist_intakerequest_erase", args=[found.pk]))
            form.add_error(
                "contact",
                "No request has this email address or phone number. It may have been deleted already, or the "
                "person may have used another address or number.",
            )
        return self.render(request, "Erase a person's data", form=form)


class ErasePersonView(ErasureView):
    """Step 2: what would go (GET), then the erasure (POST) of the requests left ticked."""

    http_method_names = ["get", "head", "post"]
    template_name = "admin/waitlist/intakerequest/erase_person.html"

    def get(self, request: HttpRequest, object_id: int) -> HttpResponse:
        chosen = IntakeRequest.objects.filter(pk=object_id).first()
        if chosen is None:
            return self.already_gone(request)
        plan = erasure_plan(chosen)
        access_record.record_erasure_check(request=request, model=IntakeRequest, object_ids=plan.request_ids)
        return self.show(request, plan, form=EraseForm(request_ids=plan.request_ids))

    def post(self, request: HttpRequest, object_id: int) -> HttpResponse:
        chosen = IntakeRequest.objects.filter(pk=object_id).first()
        if chosen is None:
            return self.already_gone(request)
        plan = erasure_plan(chosen)
        form = EraseForm(request.POST, request_ids=plan.request_ids)
        if not form.is_valid():
            return self.show(request, plan, form=form)
        erased = erasure.erase_person(
            request=chosen, by=request.user, http_request=request, request_ids=form.cleaned_data["requests"]
        )
        numbers = ", ".join(f"#{pk}" for pk in erased.request_ids)
        self.model_admin.message_user(
            request,
            f"This person's data is erased: {erased} (requests {numbers}). The access record keeps a note of the "
            "erasure, with the request numbers only.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(_queue_url(request) or reverse("admin:index"))

    def show(self, request: HttpRequest, plan: ErasurePlan, *, form: EraseForm) -> HttpResponse:
        ticked = set(request.POST.getlist("requests")) if form.is_bound else {str(pk) for pk in plan.request_ids}
        rows = [(record, str(record.request.pk) in ticked) for record in plan.records]
        return self.render(request, "Erase this person's data", plan=plan, rows=rows, form=form)

    def already_gone(self, request: HttpRequest) -> HttpResponse:
        self.model_admin.message_user(
            request, "There is nothing left to erase: this request has already been deleted.", messages.INFO
        )
        return HttpResponseRedirect(reverse("admin:waitlist_intakerequest_find_person"))


def _queue_url(request: HttpRequest) -> str | None:
    """The queue, for staff who may see it (privacy officers may not)."""
    if request.user.has_perm("waitlist.view_intakerequest"):
        return reverse("admin:waitlist_intakerequest_changelist")
    return None
