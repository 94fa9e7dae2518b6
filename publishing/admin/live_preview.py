"""The live preview beside a change form: the page as patients will see it with the form's unsaved input.

While the editor types, the change form's script (static/js/admin-live-preview.js) posts a copy of the form to
the page's `live-preview/` address. LivePreviewView checks it with the admin's own form and inlines, saves it in
a transaction that is always rolled back, and answers the HTML of the page's own public view in the language
asked for (publishing.previews.render_rolled_back, as a draft's preview): nothing is stored, no history, no
email, the page cache is neither read nor filled, and the answer is never cached. The script shows it in a
sandboxed frame, where the page's scripts do not run. Without JavaScript the panel stays hidden and "Save draft
and preview" does the same for a saved draft.

An admin of a model with a public page (get_absolute_url() or preview_response()) gets it with
LivePreviewMixin; every LivePageAdmin has it.
"""

from django.contrib.admin import ModelAdmin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.forms.formsets import all_valid
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.views import View

from .. import selectors
from ..forms import PREVIEW
from ..previews import NothingToPreview, preview_languages, render_rolled_back
from ..values import apply_values

MESSAGE_TEMPLATE = "admin/publishing/live_preview_message.html"


class LivePreviewView(View):
    """POST: the change form's data; ?language=es for Spanish. Answers the page, or why it cannot be shown."""

    http_method_names = ["post"]
    model_admin: ModelAdmin = None  # type: ignore[assignment]  # given by as_view()

    def post(self, request: HttpRequest, object_id: str) -> HttpResponse:
        admin = self.model_admin
        page = admin.get_object(request, unquote(object_id))
        if page is None:
            raise Http404("No such page.")
        if not admin.has_change_permission(request, page):
            raise PermissionDenied
        language = request.GET.get("language")
        if language is not None and language not in preview_languages():
            raise Http404("No such language.")
        waiting = selectors.open_change(page=page)
        if waiting is not None:
            apply_values(page, waiting.values)  # the change form shows the page with its waiting change
        form_class = admin.get_form(request, page, change=True)
        # Previewing publishes nothing: the form checks the words, not who may put them live or when.
        form = type(form_class.__name__, (form_class,), {"action": PREVIEW})(request.POST, request.FILES, instance=page)
        formsets, _ = admin._create_formsets(request, form.instance, change=True)  # type: ignore[attr-defined]
        form_valid = form.is_valid()
        if not (all_valid(formsets) and form_valid):
            return self.message(request, status=422, errors=errors_of(form, formsets))

        def write():
            saved = admin.save_form(request, form, change=True)
            saved.skip_history_when_saving = True  # read by simple-history
            saved.save()
            form.save_m2m()
            for formset in formsets:
                admin.save_formset(request, form, formset, change=True)
            return saved

        try:
            response = render_rolled_back(request=request, language=language, write=write, live_preview=True)
        except NothingToPreview as reason:
            return self.message(request, status=200, reason=str(reason))
        response["X-Live-Preview"] = "page"
        return response

    def message(self, request: HttpRequest, *, status: int, **context) -> HttpResponse:
        response = TemplateResponse(request, MESSAGE_TEMPLATE, context, status=status)
        add_never_cache_headers(response)
        response["X-Live-Preview"] = "message"
        return response


def errors_of(form, formsets) -> list[str]:
    """The labels of the fields with a mistake, as the form shows them ("Summary"), and mistakes of the whole form."""
    labels = [str(form.fields[name].label or name) for name in form.errors if name in form.fields]
    labels += [str(error) for error in form.non_field_errors()]
    for formset in formsets:
        labels += [str(error) for error in formset.non_form_errors()]
        for row in formset.forms:
            labels += [str(row.fields[name].label or name) for name in row.errors if name in row.fields]
            labels += [str(error) for error in row.non_field_errors()]
    return list(dict.fromkeys(labels))


class LivePreviewMixin:
    """For the ModelAdmin of a model with a public page: a live preview beside its change form."""

    change_form_template = "admin/publishing/live_preview_change_form.html"

    def get_urls(self):
        view = self.admin_site.admin_view(LivePreviewView.as_view(model_admin=self))
        name = f"{self.opts.app_label}_{self.opts.model_name}_live_preview"
        return [path("<path:object_id>/live-preview/", view, name=name), *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self.has_change_permission(request, obj):
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}_live_preview"
            context = {**context, "live_preview_url": reverse(name, args=[obj.pk])}
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
