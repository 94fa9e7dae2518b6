from django import template

from sitetext.selectors import current_texts

from ..services import format_dollars

register = template.Library()


@register.filter
def dollars(amount, style=""):
    """`{{ amount|dollars }}` → "$2,500.00"; `{{ amount|dollars:"short" }}` → "$2,500" when there are no cents."""
    return format_dollars(amount=amount, drop_zero_cents=style == "short")


@register.simple_tag(takes_context=True)
def months_list(context, months):
    """`{% months_list [6, 12, 18] as listed %}` → "6, 12 or 18", with the joining word staff keep as a page text."""
    last_word = (context.get("site_texts") or current_texts())["home.financing_teaser.or"]
    listed = [str(month) for month in months]
    return f"{', '.join(listed[:-1])} {last_word} {listed[-1]}" if len(listed) > 1 else "".join(listed)
