from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic details and legal pages"

    def ready(self):
        from . import signals  # noqa: F401

