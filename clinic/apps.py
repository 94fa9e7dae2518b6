from core.content import ContentAppConfig


class ClinicConfig(ContentAppConfig):
    default = True  # the module also holds the imported base class
    name = "clinic"
    verbose_name = "Clinic details and legal pages"
    initial_content = "clinic.initial_content.load_initial_content"
    site_texts = "clinic.texts.TEXTS"
    site_text_previews = "clinic.texts.PREVIEWS"

    def ready(self):
        from . import checks  # noqa: F401 - registers the app's go-live checks
