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
