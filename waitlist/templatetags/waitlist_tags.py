from functools import cache

from crispy_forms.utils import render_crispy_form
from django import template
from django.conf import settings

from waitlist.forms import WaitlistForm

register = template.Library()


@register.simple_tag
def waitlist_form(form):
    """The waitlist form's fields, drawn by crispy-forms.

    A blank form is the same markup for every visitor (the CSRF token sits outside it, in the
    page's <form> tag), so each process draws it once and reuses it, as Django reuses compiled
    templates. A form with the visitor's input or errors is always drawn afresh. Debug mode
    skips the reuse so template edits show at once.
    """
    if form.is_bound or form.initial or settings.DEBUG:
        return render_crispy_form(form)
    return blank_form_markup()


@cache
def blank_form_markup():
    return render_crispy_form(WaitlistForm())
