from core.content import ContentAppConfig


class TreatmentsConfig(ContentAppConfig):
    default = True  # the module also holds the imported base class
    name = "treatments"
    initial_content = "treatments.initial_content.load_initial_content"
    site_texts = "treatments.texts.TEXTS"
    site_text_previews = "treatments.texts.PREVIEWS"
