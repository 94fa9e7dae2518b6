from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from clinic.content_cache import public_page
from financing.services import get_financing_teaser

from . import services
from .models import Treatment


@require_safe
@public_page
def home(request):
    treatments = list(services.published_treatments())
    context = {
        "treatments": treatments,
        "waitlist_treatments": [t for t in treatments if t.status == Treatment.Status.WAITLIST],
        "financing_teaser": get_financing_teaser(),
    }
    return render(request, "treatments/home.html", context)


@require_safe
@public_page
def treatment_list(request):
    return render(request, "treatments/treatment_list.html", {"treatments": services.published_treatments()})


@require_safe
@public_page
def treatment_detail(request, slug):
    preview = services.can_preview_drafts(user=request.user)
    treatment = services.find_treatment(slug=slug, include_drafts=preview)
    if treatment is None:
        moved = services.find_moved_treatment(old_slug=slug, include_drafts=preview)
        if moved is None:
            raise Http404("No such treatment")
        return redirect(moved, permanent=True)
    context = {
        "treatment": treatment,
        "is_draft_preview": not treatment.is_published,
        "seo": services.treatment_seo(treatment=treatment),
        "schema": services.treatment_json_ld(treatment=treatment, url=request.build_absolute_uri(treatment.get_absolute_url())),
    }
    response = render(request, "treatments/treatment_detail.html", context)
    if preview:
        add_never_cache_headers(response)
    return response


@require_safe
@public_page
def compare(request):
    return render(request, "treatments/compare.html", {"routes": services.comparison_routes()})


@require_safe
@public_page
def ketamine(request):
    context = {"sections": services.education_sections(), "faqs": services.general_faqs()}
    return render(request, "treatments/ketamine.html", context)
