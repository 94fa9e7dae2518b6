from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from clinic.selectors import page_frame
from content.page_cache import public_page

from . import selectors
from .structured_data import team_json_ld


@require_safe
@public_page
def team(request):
    """Our team: every profile ready for patients, in staff's order; a few plain words while there is none."""
    profiles = selectors.team()
    context = {
        "profiles": profiles,
        "schema": team_json_ld(
            profiles=profiles,
            url=request.build_absolute_uri(reverse("team:index")),
            clinic_name=page_frame()[0].name,
            absolute=request.build_absolute_uri,
        ),
        "spanish_missing": selectors.team_spanish_missing(profiles=profiles),
    }
    return render(request, "team/team.html", context)
