from django.utils.functional import SimpleLazyObject

from .twins import kept_query, language_versions


def languages(request):
    """This page in every language, for the language switch and the hreflang links; computed only if shown. A page
    shown away from its own address (a staff preview) brings its own, so its links stay where it is shown."""
    given = getattr(request, "language_versions", None)
    if given is not None:
        return {"language_versions": given}
    return {"language_versions": SimpleLazyObject(lambda: language_versions(request.path, query=kept_query(request)))}
