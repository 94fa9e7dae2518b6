from django.urls import path

from . import views

app_name = "treatments"

urlpatterns = [
    path("", views.home, name="home"),
    path("treatments/", views.treatment_list, name="list"),
    # Before the slug pattern, so "compare" is never read as a treatment.
    path("treatments/compare/", views.compare, name="compare"),
    path("treatments/<slug:slug>/", views.treatment_detail, name="detail"),
    path("treatments/<slug:slug>/first-visit/", views.first_visit, name="first_visit"),
    path("ketamine/", views.ketamine, name="ketamine"),
    path("questions/", views.questions, name="questions"),
    path("costs/", views.costs, name="costs"),
]
