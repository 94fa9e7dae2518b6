"""The change form of a live page, as views: GET shows it, and each of its buttons posts to a view of its own.

All of them post to the page's change address (as admin's Save does); view_for picks the view by the button
pressed. Each view starts from an Editing, the page as its waiting change makes it, made once per request.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.exceptions import DisallowedModelAdminToField
from django.contrib.admin.options import IS_POPUP_VAR, TO_FIELD_VAR
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms.formsets import all_valid
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View

from content.history import WHEN_FORMAT

from .. import selectors, services
from ..forms import DRAFT, PREVIEW, PUBLISH, SCHEDULE, SUBMIT
from ..models import PageChange
from ..values import apply_values

if TYPE_CHECKING:
    from .live_page import LivePageAdmin

NOTHING_TO_SAVE = "Nothing to save: the form is the same as the live page."


@dataclass(frozen=True)
class Editing:
    """What one request to a page's change form works on."""

    page: models.Model  # the page as its waiting change makes it: the form shows and edits this
    waiting: PageChange | None  # the waiting change as it was when the request came
    context: dict  # what the form says about the live page and its waiting change (publishing_context)

    @property
    def was_scheduled(self) -> bool:
        return self.waiting is not None and self.waiting.state == PageChange.State.SCHEDULED


class PageFormView(View):
    """The change form of an existing page, showing its waiting change, if any; the buttons' views extend it."""

    http_method_names = ["get", "head"]
    action = PUBLISH  # the button this view answers (LivePageForm.action)
    model_admin: "LivePageAdmin" = None  # type: ignore[assignment]  # given by as_view()
    object_id = ""
    form_url = ""
    extra_context: dict = {}

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        admin = self.model_admin
        self.to_field = request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR))
        if self.to_field and not admin.to_field_allowed(request, self.to_field):
            raise DisallowedModelAdminToField(f"The field {self.to_field} cannot be referenced.")
        page = admin.get_object(request, self.object_id, self.to_field)
        may = admin.has_change_permission if request.method == "POST" else admin.has_view_or_change_permission
        if not may(request, page):
            raise PermissionDenied
        if page is None:
            return admin._get_obj_does_not_exist_redirect(request, admin.opts, self.object_id)
        waiting = selectors.open_change(page=page)
        context = admin.publishing_context(request, page=page, waiting=waiting)
        if waiting is not None:
            apply_values(page, waiting.values)
        self.editing = Editing(page=page, waiting=waiting, context=context)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        form = self.form_class()(instance=self.editing.page)
        formsets, inline_instances = self.model_admin._create_formsets(request, self.editing.page, change=True)
        return self.render(form, formsets, inline_instances)

    def form_class(self):
        admin, page = self.model_admin, self.editing.page
        fields = flatten_fieldsets(admin.edit_fieldsets(self.request, page))
        form = admin.get_form(self.request, page, change=True, fields=fields)
        return type(form.__name__, (form,), {"publishing_controls": True, "action": self.action})

    def render(self, form, formsets, inline_instances) -> HttpResponse:
        """The change form, as Django's admin renders it, with the publishing box and buttons."""
        admin, request, page = self.model_admin, self.request, self.editing.page
        fieldsets = admin.edit_fieldsets(request, page)
        may_change = admin.has_change_permission(request, page)
        admin_form = helpers.AdminForm(
            form,
            fieldsets,
            admin.get_prepopulated_fields(request, page) if may_change else {},
            admin.get_readonly_fields(request, page) if may_change else flatten_fieldsets(fieldsets),
            model_admin=admin,
        )
        inline_formsets = admin.get_inline_formsets(request, formsets, inline_instances, page)
        media = admin.media + admin_form.media
        for inline_formset in inline_formsets:
            media += inline_formset.media
        title = _("Change %s") if may_change else _("View %s")
        context = {
            **admin.admin_site.each_context(request),
            "title": title % admin.opts.verbose_name,
            "subtitle": str(page),
            "adminform": admin_form,
            "object_id": self.object_id,
            "original": page,
            "is_popup": IS_POPUP_VAR in request.POST or IS_POPUP_VAR in request.GET,
            "to_field": self.to_field,
            "media": media,
            "inline_admin_formsets": inline_formsets,
            "errors": helpers.AdminErrorList(form, formsets),
            "preserved_filters": admin.get_preserved_filters(request),
            **self.editing.context,
            **self.extra_context,
        }
        return admin.render_change_form(request, context, add=False, change=True, obj=page, form_url=self.form_url)


class ButtonView(PageFormView):
    """A button of the change form: a form with a mistake comes back with it marked; a valid one is saved."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form_class()(request.POST, request.FILES, instance=self.editing.page)
        formsets, inline_instances = self.model_admin._create_formsets(request, form.instance, change=True)
        form_valid = form.is_valid()
        if not (all_valid(formsets) and form_valid):
            return self.render(form, formsets, inline_instances)
        page = self.model_admin.save_form(request, form, change=True)
        self.save_settings(page=page, form=form)
        return self.save(page=page, form=form, formsets=formsets)

    def save(self, *, page: models.Model, form, formsets) -> HttpResponse:
        raise NotImplementedError

    def save_settings(self, *, page: models.Model, form) -> None:
        """The page's publishing settings take effect whichever button is pressed."""
        user = self.request.user
        assert isinstance(user, User)  # the admin lets only signed-in staff this far
        if "needs_clinical_review" in form.changed_data:
            services.set_needs_clinical_review(page=page, needed=form.cleaned_data["needs_clinical_review"], user=user)
        if "offline_at" in form.changed_data:
            services.set_offline_at(page=page, when=form.cleaned_data["offline_at"], user=user)

    def saved_unpublished(self, *, page: models.Model, form, change: PageChange | None, log: str) -> HttpResponse:
        self.model_admin.report_words(self.request, page, form)
        self.model_admin.log_change(self.request, page, log)
        if change is None:
            self.model_admin.message_user(self.request, NOTHING_TO_SAVE, messages.WARNING)
            return HttpResponseRedirect(self.request.path)
        return self.respond(change)

    def respond(self, change: PageChange) -> HttpResponse:
        raise NotImplementedError


class SaveDraftView(ButtonView):
    """ "Save as a draft change": the edits wait apart from the live page, unscheduled and unreviewed."""

    action = DRAFT

    def save(self, *, page, form, formsets):
        change = services.save_draft(page=page, user=self.request.user)
        return self.saved_unpublished(page=page, form=form, change=change, log="Saved a draft change (not published).")

    def respond(self, change):
        message = "Saved as a draft change. The live page has not changed."
        if self.editing.was_scheduled:
            message += " It is no longer scheduled: press Schedule to set a time again."
        if change.review == PageChange.Review.WAITING:
            message += " It is still waiting for a clinical review: the reviewer sees your edits."
        elif change.review == PageChange.Review.SENT_BACK:
            message += " When it is ready, press “Save and submit for review”."
        self.model_admin.message_user(self.request, message, messages.SUCCESS)
        return HttpResponseRedirect(self.request.path)


class PreviewDraftView(SaveDraftView):
    """ "Save draft and preview": the draft, then its preview."""

    action = PREVIEW

    def respond(self, change):
        return HttpResponseRedirect(reverse("admin:publishing_pagechange_preview", args=[change.pk]))


class SubmitView(ButtonView):
    """ "Save and submit for review": the draft, then the clinical reviewers are asked (and emailed) to review it.
    Submitting is a step of its own, not every save of a draft: an editor saves as often as they like while
    writing, and the reviewers hear of it once, when the editor says it is ready."""

    action = SUBMIT

    def save(self, *, page, form, formsets):
        user = self.request.user
        change = services.save_draft(page=page, user=user)
        if change is None:
            return self.saved_unpublished(
                page=page, form=form, change=None, log="Saved a draft change (not published)."
            )
        was_waiting = change.review == PageChange.Review.WAITING
        try:
            emails = services.submit_for_review(change=change, user=user, base_url=self.request.build_absolute_uri("/"))
        except services.Refused as refusal:
            self.model_admin.message_user(self.request, f"Saved as a draft change. {refusal}", messages.WARNING)
            return HttpResponseRedirect(self.request.path)
        self.model_admin.report_words(self.request, page, form)
        self.model_admin.log_change(self.request, page, "Submitted a draft change for clinical review.")
        if was_waiting:
            message = "Saved. It was already waiting for a clinical review; the reviewer sees your edits."
        elif emails:
            told = f"{len(emails)} clinical reviewer{'s have' if len(emails) > 1 else ' has'} been emailed"
            message = f"Submitted for a clinical review: {told}. The live page has not changed."
        else:
            message = (
                "Submitted for a clinical review. No clinical reviewer has an email address in their account, so "
                "nobody was emailed: tell a reviewer yourself. The live page has not changed."
            )
        self.model_admin.message_user(self.request, message, messages.SUCCESS)
        return HttpResponseRedirect(self.request.path)


class ScheduleView(ButtonView):
    """ "Schedule": the worker publishes the edits at *Publish at*; the form refused it unless the user may publish."""

    action = SCHEDULE

    def save(self, *, page, form, formsets):
        publish_at = form.cleaned_data["publish_at"]
        change = services.schedule(page=page, user=self.request.user, publish_at=publish_at)
        return self.saved_unpublished(page=page, form=form, change=change, log="Scheduled a change.")

    def respond(self, change):
        when = date_format(timezone.localtime(change.publish_at), WHEN_FORMAT)
        self.model_admin.message_user(self.request, f"Scheduled: your change goes live on {when}.", messages.SUCCESS)
        return HttpResponseRedirect(self.request.path)


class PublishNowView(ButtonView):
    """ "Publish now" (or Enter, or any other submit): the edits go live at once, as admin's Save does."""

    action = PUBLISH

    def save(self, *, page, form, formsets):
        admin, request = self.model_admin, self.request
        admin.save_model(request, page, form, True)
        admin.save_related(request, form, formsets, True)
        admin.log_change(request, page, admin.construct_change_message(request, form, formsets, False))
        return admin.response_change(request, page)


# The buttons by their name; any other submit (Enter, "Publish now") publishes, as admin's Save does.
BUTTONS: dict[str, type[ButtonView]] = {
    "_draft": SaveDraftView,
    "_preview": PreviewDraftView,
    "_schedule": ScheduleView,
    "_submit": SubmitView,
}


def view_for(request: HttpRequest) -> type[PageFormView]:
    if request.method != "POST":
        return PageFormView
    return next((view for button, view in BUTTONS.items() if button in request.POST), PublishNowView)
