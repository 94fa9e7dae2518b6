from django.shortcuts import render
from django.views.decorators.http import require_safe

from clinic.content_cache import public_page

from . import services
from .forms import EstimateForm


@require_safe
@public_page
def financing_page(request):
    form = EstimateForm(request.GET if request.GET else None)
    estimate = None
    if form.is_bound and form.is_valid():
        estimate = services.estimate_payment(plan=form.cleaned_data["plan"], amount=form.cleaned_data["amount"])
    context = {
        "program": services.active_program(),
        "faqs": services.published_faqs(),
        "form": form,
        "estimate": estimate,
    }
    return render(request, "financing/financing.html", context)
