import io

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone

from core.forms import NormalisedTextForm
from core.history_admin import ReadableHistoryAdmin
from core.phones import parse_phone, to_e164

from . import services
from .models import WaitlistEntry


class ListFilter(admin.SimpleListFilter):
    """Coordinators work the open list, so the changelist shows active entries unless asked otherwise."""

    title = "list"
    parameter_name = "list"

    def lookups(self, request, model_admin):
        return [("active", "Active"), ("closed", "Withdrawn or declined"), ("all", "All")]

    def value(self):
        return super().value() or "active"

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.exclude(status__in=WaitlistEntry.CLOSED_STATUSES)
        if self.value() == "closed":
            return queryset.filter(status__in=WaitlistEntry.CLOSED_STATUSES)
        return queryset


def _status_action(status):
    label = WaitlistEntry.Status(status).label.lower()

    def action(modeladmin, request, queryset):
        changed, skipped = services.set_status(entries=queryset, status=status)
        modeladmin.message_user(request, f"Marked {changed} entries as {label}.", messages.SUCCESS)
        if skipped:
            modeladmin.message_user(
                request,
                f"{skipped} entries were left as they were: that person already has an active entry.",
                messages.WARNING,
            )

    action.__name__ = f"mark_{status}"
    action.short_description = f"Mark selected entries as {label}"
    action.allowed_permissions = ("change",)
    return action


class WaitlistEntryAdminForm(NormalisedTextForm):
    def _post_clean(self):
        super()._post_clean()
        # Treatment and consents are read-only here, so Django skips the constraints naming them;
        # check them in full so reopening an entry gives a clear error, not a database error.
        try:
            self.instance.validate_constraints(exclude=set(self.errors))
        except ValidationError as error:
            self._update_errors(error)


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(ReadableHistoryAdmin):
    form = WaitlistEntryAdminForm
    list_display = [
        "id", "first_name", "last_name", "treatment", "status", "preferred_contact", "best_time", "created_at",
        "confirmation",
    ]  # fmt: skip
    list_display_links = ["id", "first_name", "last_name"]
    list_filter = [ListFilter, "status", "treatment"]
    search_fields = ["first_name", "last_name", "email", "phone"]
    date_hierarchy = "created_at"
    list_select_related = ["treatment", "confirmation_email"]
    actions = [*(_status_action(status) for status in services.STAFF_STATUSES), "export_csv"]
    readonly_fields = [
        "treatment_name", "is_adult", "contact_consent", "sms_consent", "created_at", "updated_at", "withdrawn_at",
        "confirmation",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["treatment_name", "status", "staff_notes"]}),
        ("Contact", {"fields": ["first_name", "last_name", "email", "phone", "preferred_contact", "best_time"]}),
        ("Payment", {"fields": ["insurance", "referral"]}),
        ("What the person confirmed", {"fields": ["is_adult", "contact_consent", "sms_consent"]}),
        ("Dates", {"fields": ["created_at", "updated_at", "withdrawn_at"]}),
        ("Confirmation email", {"fields": ["confirmation"]}),
    ]

    @admin.display(description="treatment")
    def treatment_name(self, entry):
        # Plain text: admin would link the treatment's edit page, which coordinators may not open.
        return entry.treatment.name

    @admin.display(description="Confirmation email")
    def confirmation(self, entry):
        """Whether the patient's confirmation went out; the worker retries until the mail server takes it."""
        email = entry.confirmation_email
        if email is None:
            return "—"
        if email.status == email.Status.SENT:
            return f"Sent {timezone.localtime(email.sent_at):%b %-d, %-I:%M %p}"
        if email.status == email.Status.FAILED:
            return "Could not be sent: please contact the patient another way"
        tried = {0: "", 1: " (tried once)"}.get(email.attempts, f" (tried {email.attempts} times)")
        return f"Waiting to send{tried}"

    def get_search_results(self, request, queryset, search_term):
        """Also find a phone number typed the way people write it, e.g. (619) 555-0100."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        try:
            number = parse_phone(search_term)
        except ValidationError:
            return results, may_have_duplicates
        return results | queryset.filter(phone=to_e164(number)), may_have_duplicates

    @admin.action(description="Export selected entries as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        stream = io.StringIO()
        services.write_csv(entries=queryset.select_related("treatment"), stream=stream)
        response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
        filename = f"waitlist-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response

    def has_add_permission(self, request):
        # Entries come only from the public form, with the person's own confirmations.
        return False
