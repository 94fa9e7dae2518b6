from django.urls import path

from treatments.views import home

app_name = "waitlist"

urlpatterns = [
    path("<slug:slug>/", home, name="join"),
]
