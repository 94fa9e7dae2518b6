"""A request deleted by any path (the retention purge, an erasure, the admin, a queryset) leaves none of its data.

Its history rows and those of its contact log go with it (`cascade_delete_history` on both models); the email
that confirmed it, owed or sent, goes here, and so does each check-in's email (its check-ins go by cascade).
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from outbox.models import OutgoingEmail

from .models import CheckIn, IntakeRequest


@receiver(post_delete, sender=IntakeRequest, dispatch_uid="intake.delete_confirmation_email")
def delete_confirmation_email(sender, instance, using, **kwargs):
    if instance.confirmation_email_id is not None:
        OutgoingEmail.objects.using(using).filter(pk=instance.confirmation_email_id).delete()


@receiver(post_delete, sender=CheckIn, dispatch_uid="intake.delete_check_in_email")
def delete_check_in_email(sender, instance, using, **kwargs):
    if instance.email_id is not None:
        OutgoingEmail.objects.using(using).filter(pk=instance.email_id).delete()
