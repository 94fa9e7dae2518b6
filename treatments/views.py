from django.shortcuts import render
from django.views.decorators.http import require_safe

from clinic.content_cache import public_page


@require_safe
@public_page
def home(request):
    return render(request, "treatments/home.html")
