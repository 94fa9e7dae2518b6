from django import template

from intake import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def intake_dashboard(context):
    """The coordinators' numbers for the admin index, or None for staff who cannot see requests."""
    if not context["request"].user.has_perm("waitlist.view_intakerequest"):
        return None
    return {**selectors.coordinator_dashboard(), "stale_period": selectors.stale_period()}
