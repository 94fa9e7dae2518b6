from django import template
from django.utils import timezone

from publishing import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def overdue_change_count(context):
    """How many scheduled changes are overdue, for the admin home, or None for staff who cannot see changes."""
    if not context["request"].user.has_perm("publishing.view_pagechange"):
        return None
    return selectors.overdue_changes(now=timezone.now()).count()


@register.simple_tag(takes_context=True)
def review_counts(context):
    """For the admin home: how many changes wait for a clinical review (for reviewers) and how many of the staff
    member's own changes were sent back to them; None for staff who cannot see changes."""
    user = context["request"].user
    if not user.has_perm("publishing.view_pagechange"):
        return None
    return {
        "waiting": selectors.waiting_for_review().count() if selectors.is_clinical_reviewer(user=user) else 0,
        "sent_back": selectors.sent_back_to(user=user).count(),
    }
