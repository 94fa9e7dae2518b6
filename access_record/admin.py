import csv
import io

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone

from staff.admin_site import ViewOnlyAdmin

from . import crypto
from .models import AccessEntry

INTAKE_REQUEST = "waitlist.intakerequest"


class IntakeRequestFilter(admin.SimpleListFilter):
    """Everything that happened to one person's record: ?intake_request=<id> (the id shown in the queue's CSV)."""

    title = "intake request"
    parameter_name = "intake_request"

    def lookups(self, request, model_admin):
        value = self.value()
        return [(value, f"Intake request {value}")] if value else []

    def has_output(self):
        return True  # applied whenever the parameter is given, even with no choices listed

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(model=INTAKE_REQUEST, object_id=self.value())
        return queryset


@admin.register(AccessEntry)
class AccessEntryAdmin(ViewOnlyAdmin):
    """Read-only for everyone, superusers too: entries are only ever added by the site itself."""

    list_display = ["at", "staff_member", "action", "model", "object_id", "count", "address"]
    list_filter = [IntakeRequestFilter, ("staff", admin.RelatedOnlyFieldListFilter), "action", "model"]
    search_fields = ["=object_id", "=staff_username"]
    date_hierarchy = "at"
    actions = ["export_csv"]
    readonly_fields = [
        "at", "staff", "staff_username", "action", "model", "object_id", "count", "searched_for", "detail", "address",
    ]  # fmt: skip
    fields = tuple(readonly_fields)
    list_per_page = 100

    @admin.display(description="Staff member", ordering="staff_username")
    def staff_member(self, entry):
        return entry.staff_username or "—"

    @admin.display(description="Searched for")
    def searched_for(self, entry):
        """Decrypted only here, on one entry's page, for the staff allowed to read the record."""
        if not entry.search_words:
            return "—"
        words = crypto.decrypt(token=entry.search_words)
        return words if words is not None else "(cannot be decrypted with the current keys)"

    @admin.action(description="Export selected entries as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        """Without the search words: a file leaves the site, and they are patient data."""
        stream = io.StringIO()
        writer = csv.writer(stream)
        writer.writerow(
            ["At", "Staff id", "Staff username", "Action", "Model", "Object id", "Count", "Detail", "Address"]
        )
        for entry in queryset.order_by("at", "id"):
            writer.writerow([
                entry.at.isoformat(), entry.staff_id or "", entry.staff_username, entry.action, entry.model,
                entry.object_id, "" if entry.count is None else entry.count, entry.detail, entry.address or "",
            ])  # fmt: skip
        response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="access-record-{timezone.localdate():%Y-%m-%d}.csv"'
        response["Cache-Control"] = "no-store"
        return response
