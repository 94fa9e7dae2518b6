from django.apps import AppConfig
from django.core.signals import setting_changed


class EncryptionConfig(AppConfig):
    name = "encryption"
    verbose_name = "Encryption at rest"

    def ready(self):
        from .keys import forget_keys

        setting_changed.connect(forget_keys, dispatch_uid="encryption.forget_keys")
