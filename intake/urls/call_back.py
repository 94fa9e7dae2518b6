from django.urls import path

from .. import views

app_name = "callback"

# Mounted at /treatments/<slug>/request-a-call/. The cancel link's token is a credential:
# clinic_site/log_privacy.py masks it in logs, so keep its shape in step with that pattern.
urlpatterns = [
    path("", views.request_call, name="request"),
    path("thanks/", views.call_back_thanks, name="thanks"),
    path("cancel/<str:token>/", views.cancel, name="cancel"),
    path("cancelled/", views.cancelled, name="cancelled"),
]
