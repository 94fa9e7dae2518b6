from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from content.page_cache import public_page
from publishing.selectors import current_review
from sitetext.selectors import texts_on
from translation.twins import missing_spanish

from .models import LegalPage
from .services import get_legal_page


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
