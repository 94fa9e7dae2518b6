from django.urls import path

from .. import views

app_name = "waitlist"

urlpatterns = [
    path("leave/done/", views.left, name="left"),
    path("leave/<str:token>/", views.leave, name="leave"),
    path("<slug:slug>/", views.join, name="join"),
    path("<slug:slug>/thanks/", views.thanks, name="thanks"),
]
