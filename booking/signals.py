"""A booking deleted by any path (with its intake request: the retention purge, an erasure) takes its emails with it,
owed or sent: they hold the call's time and, until sent, the person's links."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from outbox.models import OutgoingEmail

from .models import Booking

EMAIL_FIELDS = ("confirmation_email_id", "reminder_email_id", "cancellation_email_id")


@receiver(post_delete, sender=Booking, dispatch_uid="booking.delete_emails")
def delete_booking_emails(sender, instance, using, **kwargs):
    ids = [getattr(instance, field) for field in EMAIL_FIELDS if getattr(instance, field) is not None]
    if ids:
        OutgoingEmail.objects.using(using).filter(pk__in=ids).delete()
