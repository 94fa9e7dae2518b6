from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.content_cache import public_page
from core.translation import missing_spanish
from publishing.selectors import latest_review

from .models import LegalPage
from .services import get_legal_page


@require_safe
@public_page
def legal_page(request, kind):
    try:
        page = get_legal_page(kind=kind)
    except LegalPage.DoesNotExist:
        raise Http404("No such page") from None
    context = {"page": page, "review": latest_review(page), "spanish_missing": bool(missing_spanish(page))}
    return render(request, "clinic/legal_page.html", context)
