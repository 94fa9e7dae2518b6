"""The coordinators' side: the booking hours (team-wide or per coordinator) and the day agenda of booked calls."""

from django.contrib import admin

from .agenda import BookingAdmin
from .models import AvailabilityRule, Booking, Break, Closure, WeeklyHours


class WeeklyHoursInline(admin.TabularInline):
    model = WeeklyHours
    extra = 0


class BreakInline(admin.TabularInline):
    model = Break
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0


@admin.register(AvailabilityRule)
class AvailabilityRuleAdmin(admin.ModelAdmin):
    """When patients can book a phone consultation. All times are San Diego time, daylight saving included."""

    list_display = ["__str__", "is_active", "slot_minutes", "min_notice_hours", "days_ahead"]
    inlines = [WeeklyHoursInline, BreakInline, ClosureInline]
    fields = ["coordinator", "is_active", "slot_minutes", "min_notice_hours", "days_ahead"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "coordinator":
            from staff.roles import INTAKE_COORDINATORS

            kwargs["queryset"] = db_field.related_model.objects.filter(groups__name=INTAKE_COORDINATORS, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


admin.site.register(Booking, BookingAdmin)
