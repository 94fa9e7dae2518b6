from django.apps import AppConfig


class CallbackConfig(AppConfig):
    """The public call-back request flow. Requests are stored and worked as intake requests (waitlist app)."""

    name = "callback"
    verbose_name = "Call-back requests"
    site_texts = "callback.texts.TEXTS"
    site_text_previews = "callback.texts.PREVIEWS"
