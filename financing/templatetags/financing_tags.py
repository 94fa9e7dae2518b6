from django import template
from django.utils.text import get_text_list

from ..services import format_dollars

register = template.Library()


@register.filter
def dollars(amount, style=""):
    """`{{ amount|dollars }}` → "$2,500.00"; `{{ amount|dollars:"short" }}` → "$2,500" when there are no cents."""
    return format_dollars(amount=amount, drop_zero_cents=style == "short")


@register.filter
def or_list(items):
    """[6, 12, 18] → "6, 12 or 18", in the page's language."""
    return get_text_list([str(item) for item in items])
