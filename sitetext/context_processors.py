from django.utils.functional import SimpleLazyObject

from .selectors import current_texts


def site_texts(request):
    """Every page's fixed texts, fetched once per request and only if the page shows one."""
    return {"site_texts": SimpleLazyObject(current_texts)}
