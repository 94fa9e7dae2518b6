from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from content.page_cache import public_page
from financing.selectors import get_financing_teaser
from translation.twins import missing_spanish

from . import page_sections, selectors
from .structured_data import questions_json_ld, treatment_json_ld, treatment_seo


@require_safe
@public_page
def home(request):
    treatments = list(selectors.published_treatments())
    context = {
        "treatments": treatments,
        "waitlist_treatments": [treatment for treatment in treatments if treatment.has_waitlist],
        "financing_teaser": get_financing_teaser(),
    }
    return render(request, "treatments/home.html", context)


@require_safe
@public_page
def treatment_list(request):
    return render(request, "treatments/treatment_list.html", {"treatments": selectors.published_treatments()})


@require_safe
@public_page
def treatment_detail(request, slug):
    preview = selectors.can_preview_drafts(user=request.user)
    treatment, moved = selectors.treatment_at(slug=slug, include_drafts=preview)
    if treatment is None:
        raise Http404("No such treatment")
    if moved:
        return redirect(treatment, permanent=True)
    sections = page_sections.sections_of(treatment=treatment)  # parts other apps add (the providers who give it)
    shown_by_sections = [record for section in sections for record in section.shown]
    review = selectors.last_review(treatment=treatment, also_shown=shown_by_sections)
    url = request.build_absolute_uri(treatment.get_absolute_url())
    context = {
        "treatment": treatment,
        "page_sections": sections,
        "routes": selectors.routes_of(treatment=treatment),
        "review": review,
        "has_first_visit_page": selectors.has_first_visit_page(treatment=treatment),
        "is_draft_preview": not treatment.is_published,
        "seo": treatment_seo(treatment=treatment),
        "schema": treatment_json_ld(treatment=treatment, url=url, reviewed_on=review.date if review else None),
        "spanish_missing": bool(missing_spanish(treatment)),  # no Spanish twin offered to search engines yet
        "financing_teaser": get_financing_teaser(),  # with a financing program, a price opens its estimator
    }
    response = render(request, "treatments/treatment_detail.html", context)
    if preview:
        add_never_cache_headers(response)
    return response


@require_safe
@public_page
def first_visit(request, slug):
    """A treatment's first visit, topic by topic, made to be printed too; none for a treatment coming soon."""
    preview = selectors.can_preview_drafts(user=request.user)
    treatment, moved = selectors.first_visit_page_at(slug=slug, include_drafts=preview)
    if treatment is None:
        raise Http404("No first-visit page")
    if moved:
        return redirect(reverse("treatments:first_visit", kwargs={"slug": treatment.slug}), permanent=True)
    steps = selectors.first_visit_steps(treatment=treatment)
    context = {
        "treatment": treatment,
        "steps": steps,
        "review": selectors.first_visit_review(treatment=treatment, steps=steps),
        "is_draft_preview": not treatment.is_published,
        "spanish_missing": selectors.first_visit_spanish_missing(treatment=treatment),
    }
    response = render(request, "treatments/first_visit.html", context)
    if preview:
        add_never_cache_headers(response)
    return response


@require_safe
@public_page
def compare(request):
    return render(request, "treatments/compare.html", {"routes": selectors.comparison_routes()})


@require_safe
@public_page
def ketamine(request):
    context = {"sections": selectors.education_sections(), "faqs": selectors.general_faqs()}
    return render(request, "treatments/ketamine.html", context)


@require_safe
@public_page
def costs(request):
    """Costs and insurance: each published treatment's price line, then insurance and paying over time."""
    context = {"treatments": selectors.published_treatments(), "financing_teaser": get_financing_teaser()}
    return render(request, "treatments/costs.html", context)


@require_safe
@public_page(query_params=("topic",))
def questions(request):
    """Every question in one place, by topic; `?topic=` shows one topic (links, so it works without script)."""
    topics = selectors.faq_topics()
    chosen = request.GET.get("topic", "")
    shown = [topic for topic in topics if topic.key == chosen] if chosen else topics
    if not shown:  # an unknown or emptied topic (a renamed treatment): every question, at the page's own address
        return redirect(reverse("treatments:questions"))
    context = {
        "topics": topics,
        "shown": shown,
        "chosen": chosen,
        "schema": questions_json_ld(topics=shown, url=request.build_absolute_uri(reverse("treatments:questions"))),
    }
    return render(request, "treatments/questions.html", context)
