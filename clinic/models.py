from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation

from content.history import ChangeHistory
from content.models import ContentQuerySet, PlainLanguageContent, PublishedContent, ShippedContent
from content.placeholders import is_placeholder
from phones.numbers import PhoneNumberField, format_e164, format_national
from translation.twins import Localized, localized, spanish_twin


class ClinicDetails(ShippedContent):
    """The one record of the clinic's contact details, used on every page. It can be edited, never deleted."""

    translated_fields = ("short_description", "hours")

    required_record = True

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    name = models.CharField(max_length=120)
    short_description = models.CharField(
        max_length=300, help_text="One or two sentences used in search results and the footer."
    )
    short_description_es = spanish_twin(short_description)
    phone = PhoneNumberField(
        max_length=30, help_text="With area code, for example (619) 555-0100. Every page shows it this way."
    )
    text_phone = PhoneNumberField(
        "Text message number",
        max_length=30,
        blank=True,
        help_text=(
            "A number that can receive text messages, if the clinic has one (it may be the phone number above). "
            "Every page then offers a Text button beside Call. Leave empty if nobody reads texts."
        ),
    )
    email = models.EmailField()
    street_address = models.CharField(max_length=200)
    city = models.CharField(max_length=100, default="San Diego")
    region = models.CharField("State", max_length=2, default="CA")
    postal_code = models.CharField(max_length=10, blank=True)
    hours = models.TextField(help_text="One line per day or range, for example “Mon–Fri: 9 am – 5 pm”.")
    hours_es = spanish_twin(hours)
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
        """For `tel:` links."""
        return format_e164(self.phone)

    @property
    def phone_display(self):
        """The one way pages and emails show the number: (619) 555-0100."""
        return format_national(self.phone)

    @property
    def street_address_is_placeholder(self) -> bool:
        """Still the address the site shipped with: pages show the placeholder in their own language."""
        return is_placeholder(self.street_address)

    @property
    def text_phone_e164(self):
        """For `sms:` links; "" when the clinic takes no texts."""
        return format_e164(self.text_phone) if self.text_phone else ""

    @property
    def text_phone_display(self):
        return format_national(self.text_phone) if self.text_phone else ""

    @property
    def hours_lines(self) -> list[Localized]:
        """The opening hours in the page's language, one line per day or range."""
        hours = localized(self, "hours")
        return [Localized(line.strip(), hours.language) for line in hours.splitlines() if line.strip()]


class LegalPage(PlainLanguageContent, ShippedContent):
    """One of the legal pages every footer links to: edited, never deleted."""

    translated_fields = ("title", "meta_description", "body")

    required_record = True
    plain_language_fields = ("body",)

    class Kind(models.TextChoices):
        PRIVACY = "privacy", "Privacy notice"
        ACCESSIBILITY = "accessibility", "Accessibility statement"
        MEDICAL_DISCLAIMER = "medical-disclaimer", "Medical disclaimer"
        LANGUAGE_ASSISTANCE = "language-assistance", "Language assistance notice"

    kind = models.CharField(max_length=30, choices=Kind.choices, unique=True)
    title = models.CharField(max_length=120)
    title_es = spanish_twin(title)
    meta_description = models.CharField(max_length=160, blank=True)
    meta_description_es = spanish_twin(meta_description)
    body = models.TextField(help_text="Markdown. HTML is removed for safety.")
    body_es = spanish_twin(body)
    updated_at = models.DateTimeField(auto_now=True)
    history = ChangeHistory()

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["kind"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"clinic:{self.kind}")

    def in_other_languages(self, field_name: str) -> list[Localized]:
        """The notice of free language help also speaks every other language it is translated into, so a
        reader finds it in theirs. Other legal pages speak only the page's language."""
        if self.kind != self.Kind.LANGUAGE_ASSISTANCE:
            return []
        current = translation.get_language()
        found = [localized(self, field_name, code) for code, _ in settings.LANGUAGES if code != current]
        return [words for words in found if words.language != current and words]

    @property
    def titles_in_other_languages(self) -> list[Localized]:
        return self.in_other_languages("title")

    @property
    def bodies_in_other_languages(self) -> list[tuple[Localized, Localized]]:
        """(title, body) in each other language."""
        return list(zip(self.in_other_languages("title"), self.in_other_languages("body"), strict=True))


class MenuLink(PublishedContent, ShippedContent):
    """A link in the site's main menu. After these, the menu links each open waitlist by itself."""

    translated_fields = ("label",)

    class Page(models.TextChoices):
        TREATMENTS = "treatments:list", "All treatments (/treatments/)"
        COMPARE = "treatments:compare", "Ways of giving ketamine compared (/treatments/compare/)"
        KETAMINE = "treatments:ketamine", "About ketamine (/ketamine/)"
        FINANCING = "financing:index", "Financing (/financing/)"
        QUESTIONS = "treatments:questions", "Questions and answers (/questions/)"
        TEAM = "team:index", "Our team (/team/)"

    label = models.CharField(max_length=40, help_text="The words in the menu. Short and plain, like “Financing”.")
    label_es = spanish_twin(label)
    page = models.CharField(max_length=40, choices=Page.choices, unique=True)

    class Meta:
        ordering = ["ordering", "label"]
        verbose_name = "menu link"

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse(self.page)
