from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from content.page_cache import public_page
from sitetext.selectors import current_texts

from . import selectors, services
from .forms import EstimateForm

ESTIMATE_PARAMS = ("amount", "plan")


@require_safe
@public_page(query_params=ESTIMATE_PARAMS)
def financing_page(request):
    program = selectors.active_program()
    plans = list(program.plans.all()) if program else []
    estimable = [plan for plan in plans if plan.can_estimate]
    # The form always sends its plan: that asks for an estimate. A link from a price (?amount=450#estimate) opens
    # the estimator with the amount filled in and the plan left to choose; other query strings get the plain page.
    asked = "plan" in request.GET
    opened_with = None if asked else services.amount_to_open_with(text=request.GET.get("amount", ""))
    texts = current_texts()
    form = EstimateForm(
        request.GET if asked else None,
        initial={"amount": opened_with} if opened_with else None,
        plans=estimable,
        plans_left_out=len(estimable) < len(plans),
        texts=texts,
    )
    estimate = None
    if form.is_bound and form.is_valid():
        estimate = services.estimate_payment(plan=form.cleaned_data["plan"], amount=form.cleaned_data["amount"])
    context = {
        "program": program,
        "plan_groups": selectors.plans_by_kind(plans=plans),
        "faqs": selectors.published_faqs(),
        "form": form if estimable else None,
        "estimate": estimate,
        "estimate_plan_name": services.plan_name(plan=estimate.plan, texts=texts) if estimate else None,
    }
    response = render(request, "financing/financing.html", context)
    if form.is_bound and form.errors:
        add_never_cache_headers(response)  # a mistyped amount is one visitor's; keep it out of the page cache
    return response
