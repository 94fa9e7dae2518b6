from django.conf import settings
from django.db import models
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice


class EnrolmentLink(models.Model):
    """A one-time link with which a staff member chooses a password and sets up their second factor.

    The link is a credential: only a hash of its token is stored (the token itself is in the email and shown
    once to the administrator), it works until `expires_at`, and once the enrolment is done (`used_at`) never
    again. A user has at most one: a new link replaces the earlier one (staff.services.issue_enrolment_link).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_links")
    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the link's token, in hex.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    wrong_passwords = models.PositiveSmallIntegerField(
        default=0, help_text="Wrong passwords typed to continue an enrolment; the link ends after a few."
    )

    class Meta:
        verbose_name = "enrolment link"

    def __str__(self) -> str:
        return f"Enrolment link #{self.pk}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class UsedRecoveryCode(models.Model):
    """A recovery code that has been used (django-otp deletes it), kept as a keyed hash so a second use can be
    told apart from a code that never existed, where the person is already signed in (staff.services)."""

    device = models.ForeignKey(StaticDevice, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "used recovery code"
        indexes = [models.Index(fields=["device", "code_hash"], name="staff_used_recovery_code")]

    def __str__(self) -> str:
        return f"Used recovery code #{self.pk}"
