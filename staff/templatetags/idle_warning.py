from django import template
from django.conf import settings

from staff import idle_sign_out

register = template.Library()


@register.inclusion_tag("staff/idle_warning.html", takes_context=True)
def idle_warning(context):
    """The warning before an idle staff session ends, shown by static/js/admin-idle-warning.js."""
    return {
        "csrf_token": context.get("csrf_token"),
        "idle_limit": idle_sign_out.idle_limit_text(),
        "idle_seconds": idle_sign_out.idle_limit_seconds(),
        "warning_seconds": settings.STAFF_IDLE_WARNING_SECONDS,
    }
