from django.urls import path

from . import views

app_name = "treatments"

urlpatterns = [
    path("", views.home, name="home"),
    path("treatments/", views.home, name="list"),
    path("ketamine/", views.home, name="ketamine"),
]
