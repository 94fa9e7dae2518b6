from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from content.page_cache import public_page
from publishing.selectors import current_review
from sitetext.selectors import texts_on
from translation.twins import missing_spanish

from .models import LegalPage
from .selectors import page_frame, visit_hours
from .services import get_legal_page, get_visit_page


@require_safe
@public_page
def legal_page(request, kind):
    try:
        page = get_legal_page(kind=kind)
    except LegalPage.DoesNotExist:
        raise Http404("No such page") from None
    review = current_review(page=page, shown=texts_on(page))
    review = review if review is not None and review.current else None  # not while a word is unreviewed
    context = {"page": page, "review": review, "spanish_missing": bool(missing_spanish(page))}
    return render(request, "clinic/legal_page.html", context)


@require_safe
@public_page
def visit(request):
    """Where the clinic is, how to get there and in, and when it is open. The page is cached, so it carries no
    "open now" of its own: see clinic/templates/clinic/visit.html."""
    page = get_visit_page()
    clinic, _, _ = page_frame()
    review = current_review(page=page, shown=texts_on(page))
    context = {
        "page": page,
        "hours": visit_hours(clinic=clinic, now=timezone.now(), language=translation.get_language()),
        "review": review if review is not None and review.current else None,
        "spanish_missing": bool(missing_spanish(page)),
    }
    return render(request, "clinic/visit.html", context)
