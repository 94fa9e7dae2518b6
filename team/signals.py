"""Which treatments a profile is on is part of those pages: changing it clears the public page cache, as a save does
(it is written after the profile's own save, so that save's clearing may come before it)."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from content.page_cache import clear_public_pages

from .models import Provider


@receiver(m2m_changed, sender=Provider.treatments.through)
def treatments_changed(sender, action, using, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        clear_public_pages(using=using)
