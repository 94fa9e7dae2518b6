from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Image
from .services import forget_image


@receiver(post_delete, sender=Image, dispatch_uid="media-library-forget-files")
def image_deleted(sender, instance, **kwargs):
    """However an image is deleted (admin, a queryset, a shell), its files go once the deletion commits."""
    forget_image(image=instance)
