from django import template

from staff import unsaved_input

register = template.Library()


@register.inclusion_tag("staff/unsaved_input_offer.html", takes_context=True)
def unsaved_input_offer(context):
    """On a change form of public content only: the offer of input left unsaved in this browser tab (hidden until
    static/js/admin-unsaved-changes.js finds some), and the mark that lets the script keep it."""
    opts, request = context.get("opts"), context.get("request")
    if (
        "adminform" not in context
        or opts is None
        or request is None
        or not unsaved_input.may_keep_in_browser(opts.model)
    ):
        return {"offer": False}
    return {
        "offer": True,
        "form_id": f"{opts.model_name}_form",  # the id Django's admin/change_form.html gives the form
        "key_prefix": unsaved_input.storage_key_prefix(user_id=request.user.pk),
    }
