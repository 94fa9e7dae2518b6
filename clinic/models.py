import phonenumbers
from django.db import models
from django.urls import reverse

from core.history import ChangeHistory
from core.models import ContentQuerySet

from .validators import validate_us_phone


class ClinicDetails(models.Model):
    """The one record of the clinic's contact details, used on every page."""

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    name = models.CharField(max_length=120)
    short_description = models.CharField(
        max_length=300, help_text="One or two sentences used in search results and the footer."
    )
    phone = models.CharField(max_length=30, validators=[validate_us_phone], help_text="For example (619) 555-0100.")
    email = models.EmailField()
    street_address = models.CharField(max_length=200)
    city = models.CharField(max_length=100, default="San Diego")
    region = models.CharField("State", max_length=2, default="CA")
    postal_code = models.CharField(max_length=10, blank=True)
    hours = models.TextField(help_text="One line per day or range, for example “Mon–Fri: 9 am – 5 pm”.")
    map_url = models.URLField("Map link", blank=True, help_text="A link to the clinic on a map site. Never embedded.")
    carecredit_url = models.URLField("CareCredit link", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = ChangeHistory()

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "clinic details"
        constraints = [
            models.CheckConstraint(condition=models.Q(singleton=True), name="clinic_details_single_row"),
        ]

    def __str__(self):
        return self.name

    @property
    def phone_e164(self):
        return phonenumbers.format_number(phonenumbers.parse(self.phone, "US"), phonenumbers.PhoneNumberFormat.E164)

    @property
    def hours_lines(self):
        return [line.strip() for line in self.hours.splitlines() if line.strip()]


class LegalPage(models.Model):
    class Kind(models.TextChoices):
        PRIVACY = "privacy", "Privacy notice"
        ACCESSIBILITY = "accessibility", "Accessibility statement"
        MEDICAL_DISCLAIMER = "medical-disclaimer", "Medical disclaimer"

    kind = models.CharField(max_length=30, choices=Kind.choices, unique=True)
    title = models.CharField(max_length=120)
    meta_description = models.CharField(max_length=160, blank=True)
    body = models.TextField(help_text="Markdown. HTML is removed for safety.")
    updated_at = models.DateTimeField(auto_now=True)
    history = ChangeHistory()

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["kind"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"clinic:{self.kind}")
