from django.urls import path

from . import views

app_name = "booking"

# Mounted at /book/. Both tokens are credentials: clinic_site/log_privacy.py masks them in logs.
urlpatterns = [
    path("call/<str:token>/", views.call, name="call"),
    path("<str:token>/", views.choose, name="choose"),
]
