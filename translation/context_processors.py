from django.utils.functional import SimpleLazyObject

from .twins import language_versions


def languages(request):
    """This page in every language, for the language switch and the hreflang links; computed only if shown."""
    return {"language_versions": SimpleLazyObject(lambda: language_versions(request.path))}
