"""The admin of a model with a change history, readable by the staff who use it.

Every record shows who made it, what kind of change it was (a revert says so) and every changed field
in full; nothing on these pages links where the viewer has no permission (no link to the user admin).
A save that changes nothing saves nothing, and text areas are read with \\n line endings.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from simple_history.admin import SimpleHistoryAdmin

from .forms import NormalisedTextForm
from .history import changes_between, is_revert, revert_reason, staff_name


class ReadableHistoryAdmin(SimpleHistoryAdmin):
    form = NormalisedTextForm
    object_history_template = "admin/history/object_history.html"
    object_history_list_template = "admin/history/object_history_list.html"
    object_history_form_template = "admin/history/object_history_form.html"
    history_list_per_page = 50

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = list(historical_records)
        for record in records:
            older = record.prev_record
            record.field_changes = changes_between(record, older) if older is not None else []
            record.action_label = _action_label(record)
            record.by = staff_name(record.history_user) or "The site (no staff member)"

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """The revert page. A valid revert is saved here, with the version passed to save_revert; the page
        itself, and a refused form with its errors, is django-simple-history's (it checks the form as here)."""
        history_model = self.model.history.model
        version = get_object_or_404(history_model, **{self.model._meta.pk.attname: object_id, "history_id": version_id})
        if request.method == "POST":
            old = version.instance
            if self.revert_disabled(request, old):
                raise PermissionDenied
            old._state.adding = False  # as django-simple-history does: the form checks it as the stored row
            form = self.revert_form(request, old)(request.POST, request.FILES, instance=old)
            if form.is_valid():
                return self.revert(request, form=form, version=version)
        current = history_model.objects.filter(**{self.model._meta.pk.attname: object_id}).first()
        context = {
            "version": version,
            "revert_changes": changes_between(version, current) if current and current != version else [],
            **(extra_context or {}),
        }
        return super().history_form_view(request, object_id, version_id, extra_context=context)

    def revert_form(self, request, obj):
        """The form class a revert is checked with (a subclass may check it as something other than a save)."""
        return self.get_form(request, obj)

    def revert(self, request, *, form, version) -> HttpResponse:
        obj = self.save_form(request, form, change=True)
        self.save_revert(request, obj, form, version=version)
        form.save_m2m()
        self.report_words(request, obj, form)
        self.log_change(request, obj, self.construct_change_message(request, form, []))
        return self.response_change(request, obj)

    def save_revert(self, request, obj, form, *, version) -> None:
        obj._change_reason = revert_reason(version=version, user=request.user)
        super().save_model(request, obj, form, change=True)

    def save_model(self, request, obj, form, change):
        if change and not self.has_changes_to_save(request, obj, form):
            return
        super().save_model(request, obj, form, change)

    def report_words(self, request, obj, form) -> None:
        """What the admin tells staff about the words they saved (a mixin reports their reading level)."""

    def has_changes_to_save(self, request, obj, form) -> bool:
        return form.has_changed()


def _action_label(record) -> str:
    if is_revert(record):
        return "Reverted"
    return {"+": "Created", "~": "Changed", "-": "Deleted"}[record.history_type]
