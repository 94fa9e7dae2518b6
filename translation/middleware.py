from django.utils import translation

from .twins import language_of_address


class PathLanguageMiddleware:
    """Speak the language of the address: Spanish under /es/, English everywhere else.

    Django's LocaleMiddleware would also read the browser's Accept-Language and add it to `Vary`
    on every English page, which would keep English pages out of shared caches although they never
    change with it. Here the address alone decides, so a page is the same for every visitor. It sits
    above the page cache and the error handlers, so cached pages and error pages are in that language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of_address(request.path_info)
        request.LANGUAGE_CODE = language
        with translation.override(language):  # and back afterwards, so nothing else on this thread inherits it
            response = self.get_response(request)
        response.setdefault("Content-Language", language)
        return response
