from django.urls import path

from treatments.views import home

app_name = "financing"

urlpatterns = [
    path("", home, name="index"),
]
