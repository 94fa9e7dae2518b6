from django.shortcuts import render
from django.views.decorators.http import require_safe

from clinic.content_cache import public_page

from . import services
from .forms import EstimateForm


@require_safe
@public_page
def financing_page(request):
    program = services.active_program()
    plans = list(program.plans.all()) if program else []
    form = EstimateForm(request.GET or None, plans=plans)
    estimate = None
    if form.is_bound and form.is_valid():
        estimate = services.estimate_payment(plan=form.cleaned_data["plan"], amount=form.cleaned_data["amount"])
    context = {
        "program": program,
        "plans": plans,
        "faqs": services.published_faqs(),
        "form": form,
        "estimate": estimate,
    }
    return render(request, "financing/financing.html", context)
