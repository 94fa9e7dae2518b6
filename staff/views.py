from django.contrib import admin
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import idle_sign_out


@never_cache
@require_http_methods(["GET", "POST"])
@idle_sign_out.not_activity
def session_time_left(request):
    """For the admin's idle warning: GET answers the seconds left without refreshing them; POST ("Stay signed
    in") counts as activity first. Anyone not signed in to the admin gets 403 and 0 seconds."""
    if not admin.site.has_permission(request):
        return JsonResponse({"seconds_left": 0}, status=403)
    if request.method == "POST":
        idle_sign_out.note_activity(session=request.session)
    return JsonResponse({"seconds_left": idle_sign_out.seconds_left(session=request.session)})
