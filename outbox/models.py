from django.db import models

from encryption.fields import EncryptedEmailField, EncryptedTextField


class OutgoingEmail(models.Model):
    """An email the site owes someone, recorded in the same transaction as what it is about.

    The worker sends it (outbox.tasks), retrying until the mail server takes it. Once sent, the body is
    wiped: it can hold a personal link that works as a credential. Its Message-ID is fixed when it is
    recorded and sent with every try, so the rare second copy (outbox.services) is the same message to
    mail clients, which show it once.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"

    purpose = models.CharField(max_length=60, help_text="What the email is, e.g. waitlist.confirmation.")
    recipient = EncryptedEmailField(max_length=254)  # encrypted at rest, like the body
    subject = models.CharField(max_length=200)
    body = EncryptedTextField(blank=True)
    # One optional text attachment (a calendar invitation), encrypted and wiped once sent like the body.
    attachment_name = models.CharField(max_length=100, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    attachment = EncryptedTextField(blank=True)
    message_id = models.CharField(max_length=255, editable=False, help_text="The Message-ID header of every try.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=100, blank=True, help_text="The error's kind only, never its text.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "outgoing email"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Email #{self.pk} ({self.purpose})"
