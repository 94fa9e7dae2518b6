"""The clinical review of one waiting change: what it changes, who prepared it and when, its steps, and a
reviewer's two answers, "Approve and publish" and "Send back" with a comment (required). Staff who may edit the
page see it too, without the answers; the email asking for a review links here."""

from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View

from content.history import staff_name

from .. import selectors, services
from ..changes import change_summary, page_label
from ..models import PageChange
from ..previews import preview_languages
from . import steps
from .change_views import may_edit_page, page_admin_url

if TYPE_CHECKING:
    from .page_changes import PageChangeAdmin


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label="What needs to change",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The person who prepared it reads this on the draft. Say what to change and why, in plain words.",
        error_messages={"required": "Write what needs to change before you send it back."},
    )


class ReviewView(View):
    http_method_names = ["get", "head", "post"]
    model_admin: "PageChangeAdmin" = None  # type: ignore[assignment]  # given by as_view()

    def get(self, request: HttpRequest, change_id: int) -> HttpResponse:
        change = self.change(request, change_id)
        return self.render(request, change, SendBackForm())

    def post(self, request: HttpRequest, change_id: int) -> HttpResponse:
        change = self.change(request, change_id)
        user = request.user
        assert isinstance(user, User)  # the admin lets only signed-in staff this far
        if not selectors.is_clinical_reviewer(user=user):
            raise PermissionDenied
        base_url = request.build_absolute_uri("/")
        here = reverse("admin:publishing_pagechange_review", args=[change.pk])
        form = SendBackForm(request.POST)
        try:
            with transaction.atomic(using=router.db_for_write(PageChange)):
                if "_approve" in request.POST:
                    seen = request.POST.get("seen", "")
                    services.approve(change=change, user=user, seen=seen, base_url=base_url)
                    message = "Approved and published. Patients see the change now, and the page shows your review."
                else:
                    if not form.is_valid():
                        return self.render(request, change, form)
                    services.send_back(
                        change=change, user=user, comment=form.cleaned_data["comment"], base_url=base_url
                    )
                    who = staff_name(change.prepared_by) or "The person who prepared it"
                    message = f"Sent back. {who} gets an email and sees your comment on the draft."
        except services.Refused as refusal:
            self.model_admin.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(here)
        self.model_admin.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(here)

    def change(self, request: HttpRequest, change_id: int) -> PageChange:
        change = get_object_or_404(PageChange, pk=change_id, kind=PageChange.Kind.EDIT)
        if not self.model_admin.has_view_permission(request, change) or not may_edit_page(request.user, change):
            raise PermissionDenied
        return change

    def render(self, request: HttpRequest, change: PageChange, form: SendBackForm) -> HttpResponse:
        admin, user, page = self.model_admin, request.user, change.page
        assert isinstance(user, User)  # the admin lets only signed-in staff this far
        may_review = change.is_open and page is not None and selectors.is_clinical_reviewer(user=user)
        context = {
            **admin.admin_site.each_context(request),
            "opts": admin.opts,
            "title": f"Clinical review: {page or 'a deleted page'}",
            "change": change,
            "page_label": page_label(change),
            "page_url": page_admin_url(change) if page is not None else "",
            "prepared": steps.prepared(change),
            "review_status": steps.review_status(change),
            "published": steps.published(change),
            "sent_back": selectors.last_sent_back(change=change),
            "summary": change_summary(change) if change.is_open else [],
            "steps": steps.step_lines(change),
            "needs_review": page is not None and change.is_open and selectors.needs_clinical_review(page=page),
            "preview_in": {code: name for code, name in preview_languages().items() if code != settings.LANGUAGE_CODE},
            "may_review": may_review,
            "digest": selectors.change_digest(change=change),
            "form": form,
        }
        return TemplateResponse(request, "admin/publishing/review.html", context)
