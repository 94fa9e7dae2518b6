"""Views on one waiting change: its preview, and discarding it."""

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View

from ..models import PageChange
from ..previews import NothingToPreview, preview_languages, render_preview

if TYPE_CHECKING:
    from .page_changes import PageChangeAdmin


def page_admin_url(change: PageChange) -> str:
    meta = change.content_type
    return reverse(f"admin:{meta.app_label}_{meta.model}_change", args=[change.object_id])


def may_edit_page(user, change: PageChange) -> bool:
    return user.has_perm(f"{change.content_type.app_label}.change_{change.content_type.model}")


class PreviewView(View):
    """The waiting change as patients will see it (?language=es for Spanish), for staff who may edit its page."""

    http_method_names = ["get", "head"]
    model_admin: "PageChangeAdmin" = None  # type: ignore[assignment]  # given by as_view()

    def get(self, request: HttpRequest, change_id: int) -> HttpResponse:
        change = get_object_or_404(PageChange, pk=change_id, kind=PageChange.Kind.EDIT)
        if not may_edit_page(request.user, change):
            raise PermissionDenied
        if not change.is_open:
            raise Http404("This change is already published.")
        language = request.GET.get("language")
        if language is not None and language not in preview_languages():
            raise Http404("No such language.")
        try:
            return render_preview(request=request, change=change, language=language)
        except NothingToPreview as reason:
            self.model_admin.message_user(request, f"There is nothing to preview: {reason}", messages.WARNING)
            return HttpResponseRedirect(page_admin_url(change))


class DiscardView(View):
    """Discarding a waiting change: GET asks to confirm (admin's delete page); the POST goes back to the page's
    change form, or to the list of changes when the page is gone. Published changes stay as the record."""

    http_method_names = ["get", "head", "post"]
    model_admin: "PageChangeAdmin" = None  # type: ignore[assignment]  # given by as_view()

    def get(self, request: HttpRequest, object_id: str) -> HttpResponse:
        return self.model_admin.delete_view(request, object_id)

    def post(self, request: HttpRequest, object_id: str) -> HttpResponse:
        admin = self.model_admin
        change = PageChange.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        if change is None or not request.POST:
            return admin.delete_view(request, object_id)  # Django's answer: gone, or the confirmation again
        if not admin.has_delete_permission(request, change):
            raise PermissionDenied
        back_to = page_admin_url(change) if change.page is not None else None
        shown = str(change)
        with transaction.atomic(using=router.db_for_write(PageChange)):
            admin.log_deletions(request, PageChange.objects.filter(pk=change.pk))
            admin.delete_model(request, change)
        if back_to is None:
            return admin.response_delete(request, shown, int(object_id))
        admin.message_user(request, "The change was discarded. The live page has not changed.", messages.SUCCESS)
        return HttpResponseRedirect(back_to)
