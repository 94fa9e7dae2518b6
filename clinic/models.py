from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation

from content.history import ChangeHistory
from content.models import ContentQuerySet, PlainLanguageContent, PublishedContent, ShippedContent
from content.placeholders import is_placeholder
from phones.numbers import PhoneNumberField, format_e164, format_national
from translation.twins import Localized, localized, spanish_twin

from . import hours as week_hours


class ClinicDetails(ShippedContent):
    """The one record of the clinic's contact details, used on every page. It can be edited, never deleted."""

    translated_fields = ("short_description",)

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
    hours_are_real = models.BooleanField(
        "These are the clinic's real opening hours",
        default=False,
        help_text=(
            "The site ships with example hours. Until this is ticked, patients see no opening hours and no "
            "“open now”, and the go-live checklist reports it. Tick it once the hours and closed days below are right."
        ),
    )
    map_url = models.URLField(
        "Map link",
        blank=True,
        help_text="Leave empty to link to a map search of the address. A link only: a map is never embedded.",
    )
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
        return self._phone_formats[0]

    @property
    def phone_display(self):
        """The one way pages and emails show the number: (619) 555-0100."""
        return self._phone_formats[1]

    @property
    def _phone_formats(self) -> tuple[str, str]:
        """(E.164, national) of `phone`, worked out once per number: a page shows it half a dozen times (header,
        footer, crisis strip, call bar), and each reading of a number costs the phone library about 25 µs."""
        memo: tuple[str, tuple[str, str]] | None = self.__dict__.get("_phone_memo")
        if memo is None or memo[0] != self.phone:
            memo = (self.phone, (format_e164(self.phone), format_national(self.phone)))
            self.__dict__["_phone_memo"] = memo
        return memo[1]

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
    def map_search_url(self) -> str:
        """The map link staff entered, else a map search of the address (a plain link: nothing loads until it is
        followed); "" while the street address is a placeholder, which a map would send patients looking for."""
        if self.street_address_is_placeholder:
            return ""
        if self.map_url:
            return self.map_url
        address = f"{self.street_address}, {self.city}, {self.region} {self.postal_code}".strip()
        return "https://www.google.com/maps/search/?" + urlencode({"api": "1", "query": address})

    @cached_property
    def schedule(self) -> week_hours.Schedule:
        """The weekly hours and closed days; loaded with the record (services.load_clinic_details), so the cached
        record carries them."""
        if self.pk is None:
            return week_hours.Schedule(week=(), closures=())
        week = tuple(
            week_hours.DayHours(weekday=row.weekday, opens=row.opens, closes=row.closes)
            for row in self.opening_hours.all()
        )
        closures = tuple(
            week_hours.Closure(date=row.date, note=row.note, note_es=row.note_es) for row in self.closed_days.all()
        )
        return week_hours.Schedule(week=week, closures=closures)

    @property
    def public_schedule(self) -> week_hours.Schedule | None:
        """The schedule patients may see: None until staff confirm the hours are real (the shipped example
        hours would tell a patient the clinic is open when it may not be)."""
        return self.schedule if self.hours_are_real and self.schedule.week else None

    @property
    def hours_lines(self) -> list[Localized]:
        """The opening hours in the page's language, one line per run of days with the same hours ("Mon–Fri
        9 am – 5 pm", "lun.–vie. 9:00–17:00"); days not listed are closed. Empty until the hours are real."""
        schedule = self.public_schedule
        if schedule is None:
            return []
        language = translation.get_language() or settings.LANGUAGE_CODE
        lines = []
        for first, last, hours in week_hours.grouped_week(schedule):
            if hours is not None:
                days = week_hours.day_range(first, last, language=language)
                times = week_hours.format_range(hours.opens, hours.closes, language=language)
                lines.append(Localized(f"{days} {times}", language))
        return lines


class Weekday(models.IntegerChoices):
    """Days as Python numbers them (Monday 0): the clinic's opening hours, and booking's hours too."""

    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class OpeningHours(models.Model):
    """The hours the clinic is open on one day of the week. A day with no row is a closed day."""

    clinic = models.ForeignKey(ClinicDetails, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField("day", choices=Weekday.choices)
    opens = models.TimeField(help_text="San Diego time, for example 9:00.")
    closes = models.TimeField(help_text="San Diego time, for example 17:00.")

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["weekday"]
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours (a day not listed is a closed day)"
        constraints = [
            models.UniqueConstraint(fields=["clinic", "weekday"], name="clinic_opening_hours_one_per_day"),
            models.CheckConstraint(condition=models.Q(closes__gt=models.F("opens")), name="clinic_opens_before_closes"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class ClosedDay(models.Model):
    """A date the clinic is closed all day (a holiday), whatever its weekly hours say."""

    translated_fields = ("note",)

    clinic = models.ForeignKey(ClinicDetails, on_delete=models.CASCADE, related_name="closed_days")
    date = models.DateField()
    note = models.CharField(max_length=80, blank=True, help_text="Optional, for example “Thanksgiving”.")
    note_es = spanish_twin(note)

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = "closed day"
        constraints = [models.UniqueConstraint(fields=["clinic", "date"], name="clinic_closed_day_once")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.note}".strip()


class VisitPage(PlainLanguageContent, ShippedContent):
    """The words of the Visit us page (/visit/): how to get to the clinic and in. Its address and hours are the
    clinic details'. Each detail is a fact only staff know: a section still holding its shipped placeholder is
    left off the page (it would send a patient to the wrong place) and the go-live checklist reports it."""

    translated_fields = ("title", "meta_description", "intro", "parking", "transit", "entrance", "step_free_access")
    detail_fields = ("parking", "transit", "entrance", "step_free_access")

    required_record = True
    plain_language_fields = ("intro", *detail_fields)

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    title = models.CharField(max_length=120)
    title_es = spanish_twin(title)
    meta_description = models.CharField(max_length=160, blank=True)
    meta_description_es = spanish_twin(meta_description)
    intro = models.TextField(blank=True, help_text="Markdown. A sentence or two under the title.")
    intro_es = spanish_twin(intro)
    parking = models.TextField(blank=True, help_text="Markdown. Where to park and what it costs.")
    parking_es = spanish_twin(parking)
    transit = models.TextField(
        "Public transit", blank=True, help_text="Markdown. The nearest bus or trolley stops and lines."
    )
    transit_es = spanish_twin(transit)
    entrance = models.TextField(blank=True, help_text="Markdown. How to find the door, the floor and the suite.")
    entrance_es = spanish_twin(entrance)
    step_free_access = models.TextField(
        "Step-free access", blank=True, help_text="Markdown. Ramps, lifts, accessible parking and restrooms."
    )
    step_free_access_es = spanish_twin(step_free_access)
    updated_at = models.DateTimeField(auto_now=True)
    history = ChangeHistory()

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "visit us page"
        constraints = [models.CheckConstraint(condition=models.Q(singleton=True), name="visit_page_single_row")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("clinic:visit")

    @property
    def shown_details(self) -> dict[str, Localized]:
        """{detail field: its words in the page's language} for the details patients see: filled in and no longer a
        placeholder. Where the English is real and the Spanish still the shipped placeholder, the Spanish page
        shows the English (marked as English) rather than the placeholder."""
        shown = {}
        for name in self.detail_fields:
            english = getattr(self, name)
            if english.strip() and not is_placeholder(english):
                words = localized(self, name)
                shown[name] = Localized(english, "en") if is_placeholder(words) else words
        return shown


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
        COSTS = "treatments:costs", "Costs and insurance (/costs/; the footer links it too)"
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
