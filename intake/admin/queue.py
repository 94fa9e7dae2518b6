"""The coordinators' queue: waitlist places and call-back requests together, their contact log, status
actions, CSV export, the access record of every look, and the requests nobody has acted on for long."""

import io
import re
from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from access_record import services as access_record
from content.forms import NormalisedTextForm
from content.history import staff_name
from content.history_admin import ReadableHistoryAdmin
from phones.numbers import format_national
from treatments.selectors import published_treatments

from .. import selectors, services
from ..models import ContactAttempt, IntakeRequest
from .erasure_views import ErasePersonView, FindPersonView, may_erase


class ListFilter(admin.SimpleListFilter):
    """Coordinators work the open list, so the changelist shows active entries unless asked otherwise."""

    title = "list"
    parameter_name = "list"

    def lookups(self, request, model_admin):
        return [("active", "Open"), ("closed", "Closed (withdrawn, declined or completed)"), ("all", "All")]

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
            return queryset.exclude(status__in=IntakeRequest.CLOSED_STATUSES)
        if self.value() == "closed":
            return queryset.filter(status__in=IntakeRequest.CLOSED_STATUSES)
        return queryset


def _status_action(status):
    label = IntakeRequest.Status(status).label.lower()

    def action(modeladmin, request, queryset):
        before = dict(queryset.values_list("pk", "status"))
        changed, skipped, withdrawn_by_patient = services.set_status(entries=queryset, status=status)
        for pk in (
            IntakeRequest.objects.filter(pk__in=before, status=status)
            .exclude(pk__in=[pk for pk, old in before.items() if old == status])
            .values_list("pk", flat=True)
        ):
            access_record.record_status_change(
                request=request, model=IntakeRequest, object_id=pk, old=before[pk], new=status
            )
        modeladmin.message_user(request, f"Marked {changed} requests as {label}.", messages.SUCCESS)
        if skipped:
            modeladmin.message_user(
                request,
                f"{skipped} requests were left as they were: that person already has an active entry.",
                messages.WARNING,
            )
        if withdrawn_by_patient:
            modeladmin.message_user(request, f"{withdrawn_by_patient} {PATIENT_WITHDREW}", messages.WARNING)

    action.__name__ = f"mark_{status}"
    action.short_description = f"Mark selected requests as {label}"
    action.allowed_permissions = ("change",)
    return action


# A request the patient withdrew with their own link (intake.models: the database refuses it too).
ASK_AGAIN = "If they want to hear from us again, they can ask again on the website."
PATIENT_WITHDREW = (
    "requests stay withdrawn: the patient took them off the list themselves, with the link in their email. " + ASK_AGAIN
)
PATIENT_WITHDREW_THIS = (
    "This request stays withdrawn: the patient took it off the list themselves, with the link in their email. "
    + ASK_AGAIN
)


class IntakeRequestAdminForm(NormalisedTextForm):
    def clean_status(self):
        status = self.cleaned_data["status"]
        if self.instance.withdrawn_by_patient and status != IntakeRequest.Status.WITHDRAWN:
            raise ValidationError(PATIENT_WITHDREW_THIS, code="withdrawn_by_patient")
        return status

    def _post_clean(self):
        super()._post_clean()
        # Treatment and consents are read-only here, so Django skips the constraints naming them;
        # check them in full so reopening an entry gives a clear error, not a database error.
        try:
            self.instance.validate_constraints(exclude=set(self.errors))
        except ValidationError as error:
            self._update_errors(error)


class PublishedTreatmentFilter(admin.RelatedFieldListFilter):
    """Only treatments the public can see: drafts never have requests worth filtering for."""

    def field_choices(self, field, request, model_admin):
        return [(treatment.pk, treatment.name) for treatment in published_treatments().order_by("name")]


class WaitingFilter(admin.SimpleListFilter):
    title = "waiting"
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("today", "Since today"), ("2d", "Over two working days"), ("week", "Over a week")]

    def queryset(self, request, queryset):
        now = timezone.localtime()
        if self.value() == "today":
            return selectors.received_today(requests=queryset, now=now)
        if self.value() == "2d":
            return queryset.filter(created_at__lt=selectors.working_days_ago(days=2, now=now))
        if self.value() == "week":
            return queryset.filter(created_at__lt=now - timedelta(days=7))
        return queryset


class NoContactFilter(admin.SimpleListFilter):
    """Open requests nobody has acted on for WAITLIST_STALE_DAYS: coordinators decide before retention deletes them."""

    title = "no contact"
    parameter_name = "no_contact"

    def lookups(self, request, model_admin):
        return [("yes", f"No contact for {selectors.stale_period()}")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return selectors.stale_requests(requests=queryset)
        return queryset


class CheckInFilter(admin.SimpleListFilter):
    """Waitlist check-ins: entries made inactive after two unanswered check-ins, and those with one unanswered."""

    title = "check-ins"
    parameter_name = "check_in"

    def lookups(self, request, model_admin):
        return [("inactive", "Inactive: no answer to two check-ins"), ("unanswered", "Check-in not answered yet")]

    def queryset(self, request, queryset):
        if self.value() == "inactive":
            return queryset.filter(inactive_since__isnull=False)
        if self.value() == "unanswered":
            return selectors.unanswered_check_ins(requests=queryset)
        return queryset


def _when(moment):
    """A time as the queue shows it: the date and the time each stay whole, but may sit on two lines."""
    local = timezone.localtime(moment)
    return format_html(
        '<time datetime="{}"><span>{}</span> <span>{}</span></time>',
        local.isoformat(),
        f"{local:%b %-d, %Y}",
        f"{local:%-I:%M %p}",
    )


class ContactAttemptInline(admin.TabularInline):
    """The request's contact log, newest first. Lines are added, never edited or deleted, so the log stays true.

    Its template labels every field of a new line and shows the note's help once, above the lines."""

    model = ContactAttempt
    template = "admin/waitlist/intakerequest/contact_log.html"
    fields = ["when", "by", "outcome", "note"]
    readonly_fields = ["when", "by"]
    extra = 1
    verbose_name = "contact attempt or note"
    verbose_name_plural = "contact log (newest first)"
    empty_value_display = ""  # a line without a note shows none, rather than a dash on a line of its own on a phone

    @admin.display(description="When")
    def when(self, attempt):
        return _when(attempt.made_at)

    @admin.display(description="By")
    def by(self, attempt):
        return staff_name(attempt.made_by) or "—"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "note":
            # The help the template shows once above the lines (a line "Add another" copies points to it too).
            field.widget.attrs.update({"rows": 3, "aria-describedby": "contact_attempts-note-help"})
        return field

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("waitlist.change_intakerequest")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("waitlist.view_intakerequest")


@admin.register(IntakeRequest)
class IntakeRequestAdmin(ReadableHistoryAdmin):
    """The coordinators' queue: waitlist places and call-back requests together, oldest waiting first."""

    form = IntakeRequestAdminForm
    inlines = [ContactAttemptInline]
    list_display = [
        "name", "phone_link", "email_link", "kind", "treatment", "language", "status", "waiting_since", "confirmation",
    ]  # fmt: skip
    list_display_links = ["name"]
    list_filter = [
        ListFilter, "kind", ("treatment", PublishedTreatmentFilter), "status", "language", WaitingFilter,
        NoContactFilter, CheckInFilter,
    ]  # fmt: skip
    search_fields = ["first_name", "last_name", "email", "phone"]  # matched on their keyed hashes: see below
    search_help_text = (
        "A phone number written any way, or its last 7 or 4 digits (555-0177, 0177); a whole email address; or a "
        "whole first or last name (José finds Jose too). Parts of names or addresses cannot be searched: they are "
        "stored encrypted."
    )
    ordering = ["created_at"]
    list_select_related = ["treatment", "confirmation_email"]
    actions = [*(_status_action(status) for status in services.STAFF_STATUSES), "export_csv"]
    readonly_fields = [
        "kind", "language", "treatment_page", "is_adult", "contact_consent", "sms_consent", "created_at", "updated_at",
        "withdrawn", "confirmation", "call_or_write", "last_confirmed", "check_ins",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["kind", "language", "treatment_page", "status", "withdrawn"]}),
        (
            "Contact",
            {
                "fields": [
                    "call_or_write",
                    "first_name",
                    "last_name",
                    "email",
                    "phone",
                    "preferred_contact",
                    "best_time",
                ]
            },
        ),
        ("Payment (waitlist only)", {"fields": ["insurance", "referral"]}),
        ("What the person confirmed", {"fields": ["is_adult", "contact_consent", "sms_consent"]}),
        ("Dates", {"fields": ["created_at", "updated_at"]}),
        ("Check-ins (waitlist only)", {"fields": ["last_confirmed", "check_ins"]}),
        ("Confirmation email", {"fields": ["confirmation"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.kind == IntakeRequest.Kind.CALL_BACK:
            waitlist_only = {"insurance", "check_ins"}
            return [fieldset for fieldset in fieldsets if not waitlist_only & set(fieldset[1]["fields"])]
        return fieldsets

    @admin.display(description="Call or write")
    def call_or_write(self, entry):
        if not entry.email:
            return self.phone_link(entry)
        return format_html("{} · {}", self.phone_link(entry), self.email_link(entry))

    # Encrypted values cannot be sorted in the database, so these columns have no sort order.
    @admin.display(description="Name")
    def name(self, entry):
        return f"{entry.first_name} {entry.last_name}"

    @admin.display(description="Phone")
    def phone_link(self, entry):
        """Click to call, and to text a person who agreed to text messages (the form's own consent box)."""
        number = format_national(entry.phone)
        call = format_html('<a href="tel:{}" class="call-link">{}</a>', entry.phone, number)
        if not entry.sms_consent:
            return call
        # Read as "Text Ana at (619) 555-0177", so each row's link says whom it texts; seen as "Text".
        text = format_html(
            '<a href="sms:{}" class="sms-link"><span class="visually-hidden">Text {} at {}</span>'
            '<span aria-hidden="true">Text</span></a>',
            entry.phone,
            entry.first_name,
            number,
        )
        return format_html("{} · {}", call, text)

    @admin.display(description="Email")
    def email_link(self, entry):
        if not entry.email:
            return "—"
        # A long address may wrap before the @ or after a dot rather than mid-word, so the queue fits at 1280 px.
        first, *rest = re.split(r"(?<=\.)|(?=@)", entry.email)
        breaks = format_html_join("", "<wbr>{}", ((part,) for part in rest))
        return format_html('<a href="mailto:{}">{}{}</a>', entry.email, first, breaks)

    @admin.display(description="Waiting since", ordering="created_at")
    def waiting_since(self, entry):
        """When the person joined (on two lines if need be, so the queue keeps its width at 1280 px), and under it
        when they last confirmed their waitlist place at a check-in, or that they are inactive."""
        joined = _when(entry.created_at)
        if entry.kind != IntakeRequest.Kind.WAITLIST or not (entry.last_confirmed_at or entry.inactive_since):
            return joined
        return format_html('{}<span class="intake-check-in">{}</span>', joined, self.last_confirmed(entry))

    @admin.display(description="Last confirmed", ordering="last_confirmed_at")
    def last_confirmed(self, entry):
        """When the person last said they still want their place (a waitlist check-in), or that nobody answered."""
        if entry.kind != IntakeRequest.Kind.WAITLIST:
            return "—"
        if entry.inactive_since is not None:
            since = _when(entry.inactive_since)
            return format_html("<strong>Inactive</strong>: no answer to two check-ins since {}", since)
        if entry.last_confirmed_at:
            return format_html("Last confirmed {}", _when(entry.last_confirmed_at))
        return "Not yet"

    @admin.display(description="Check-ins sent")
    def check_ins(self, entry):
        """Each "Do you still want your place?" email the worker sent, newest first, and the person's answer."""
        sent = list(entry.check_ins.all())
        if not sent:
            return "None yet"
        return format_html(
            '<ul class="mb-0">{}</ul>',
            format_html_join(
                "",
                "<li>Sent {}: {}</li>",
                (
                    (_when(check_in.sent_at), check_in.get_answer_display() if check_in.answer else "no answer yet")
                    for check_in in sent
                ),
            ),
        )

    @admin.display(description="Treatment")
    def treatment_page(self, entry):
        # The public page: coordinators cannot open the treatment in admin (that is content editors' work).
        return format_html('<a href="{}">{}</a>', entry.treatment.get_absolute_url(), entry.treatment.name)

    @admin.display(description="Withdrawn by the patient")
    def withdrawn(self, entry):
        if entry.withdrawn_at is None:
            return "No"
        when = f"{timezone.localtime(entry.withdrawn_at):%b %-d, %Y %-I:%M %p}"
        return f"Yes, with their own link on {when}. It stays withdrawn."

    def save_formset(self, request, form, formset, change):
        """New contact-log lines are signed with who added them."""
        for attempt in formset.save(commit=False):
            attempt.made_by = request.user
            attempt.save()
            access_record.record_contact_entry(
                request=request, model=IntakeRequest, object_id=attempt.request_id, line=attempt.pk
            )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = [field for field in form.changed_data if field != "status"]
        if change and "status" in form.changed_data:
            access_record.record_status_change(
                request=request, model=IntakeRequest, object_id=obj.pk, old=form.initial["status"], new=obj.status
            )
        if change and changed:
            access_record.record_change(
                request=request, model=IntakeRequest, object_id=obj.pk, detail="fields: " + ", ".join(changed)
            )

    def get_urls(self):
        find = FindPersonView.as_view(model_admin=self)
        erase = ErasePersonView.as_view(model_admin=self)
        return [
            path("erase/", self.admin_site.admin_view(find), name="waitlist_intakerequest_find_person"),
            path("<int:object_id>/erase/", self.admin_site.admin_view(erase), name="waitlist_intakerequest_erase"),
            *super().get_urls(),
        ]

    # The access record: every look at a person's record, every search and export (access_record app).
    def change_view(self, request, object_id, form_url="", extra_context=None):
        entry = self.get_object(request, object_id)
        context = {"may_erase": may_erase(request.user), **(extra_context or {})}
        if entry is not None and selectors.stale_requests().filter(pk=entry.pk).exists():
            context["no_contact"] = {
                "period": selectors.stale_period(),
                "removal": selectors.stale_removal_date(request=entry),
            }
        response = super().change_view(request, object_id, form_url, context)
        if request.method == "GET" and response.status_code == 200:
            access_record.record_view(request=request, model=IntakeRequest, object_id=object_id)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            access_record.record_history_view(request=request, model=IntakeRequest, object_id=object_id)
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "GET" and response.status_code == 200:
            access_record.record_history_view(
                request=request, model=IntakeRequest, object_id=object_id, version=version_id
            )
        elif request.method == "POST" and response.status_code == 302:
            access_record.record_change(
                request=request, model=IntakeRequest, object_id=object_id, detail=f"reverted to version {version_id}"
            )
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        words = request.GET.get(SEARCH_VAR, "").strip()
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if request.method == "GET" and words and changelist is not None:
            access_record.record_search(
                request=request, model=IntakeRequest, words=words, found=changelist.result_count
            )
        return response

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
        """Exact matches on the keyed hashes of the encrypted details (intake.selectors.search_requests): a phone
        number written any way people write it, e.g. (619) 555-0100 or 555-0100, or its last four digits."""
        return selectors.search_requests(requests=queryset, term=search_term), False

    @admin.action(description="Export selected requests as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        stream = io.StringIO()
        entries = list(queryset.select_related("treatment").prefetch_related("contact_attempts"))
        services.write_csv(entries=entries, stream=stream)
        access_record.record_export(request=request, model=IntakeRequest, object_ids=[entry.pk for entry in entries])
        response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
        filename = f"intake-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response

    def has_add_permission(self, request):
        # Entries come only from the public form, with the person's own confirmations.
        return False

    # Deleting by hand (superusers only): recorded, and leaving no history (intake.signals). Erasing a person
    # at their request is the "Erase this person" page instead.
    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        access_record.record_deletion(request=request, model=IntakeRequest, object_ids=[pk])

    def delete_queryset(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        access_record.record_deletion(request=request, model=IntakeRequest, object_ids=ids)
