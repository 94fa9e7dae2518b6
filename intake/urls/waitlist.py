from django.urls import path

from .. import views

app_name = "waitlist"

urlpatterns = [
    path("leave/done/", views.left, name="left"),
    path("leave/<str:token>/", views.leave, name="leave"),
    # The patient's own page; its token is a credential, masked in logs (clinic_site/log_privacy.py).
    path("status/<str:token>/", views.status, name="status"),
    path("<slug:slug>/", views.join, name="join"),
    path("<slug:slug>/thanks/", views.thanks, name="thanks"),
]
