from django.urls import path

from . import views

app_name = "media_library"

urlpatterns = [
    path("<path:name>", views.stored_file, name="file"),
]
