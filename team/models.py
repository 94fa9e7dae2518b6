"""The clinic's providers (issue 23.1): a profile per person, shown on the team page and on the pages of the
treatments they provide.

A profile is public content like a treatment's words: staff write it in both languages, through drafts, previews
and clinical review. Its name, role or bio still saying PLACEHOLDER (the profile a fresh site ships with) keeps it
off every page, in both languages, and on the go-live checklist (team.checks) until staff write a real one.
"""

from django import forms
from django.db import models
from django.urls import reverse

from content.models import PlainLanguageContent, PublishedContent, ShippedContent
from content.placeholders import is_placeholder
from translation.twins import spanish_twin

MARKDOWN_HELP = "Markdown. HTML is removed for safety."


class Language(models.TextChoices):
    """The languages a provider can be said to speak; each name patients read is a page text (team.language.*)."""

    ENGLISH = "en", "English"
    SPANISH = "es", "Spanish"
    TAGALOG = "tl", "Tagalog"
    VIETNAMESE = "vi", "Vietnamese"
    CHINESE = "zh", "Chinese"
    ARABIC = "ar", "Arabic"
    PERSIAN = "fa", "Persian (Farsi)"
    KOREAN = "ko", "Korean"
    RUSSIAN = "ru", "Russian"
    FRENCH = "fr", "French"


class LanguagesFormField(forms.MultipleChoiceField):
    """Ticked boxes in the form, "en,es" in the database: a plain text value drafts and history keep as they are."""

    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        return split_codes(value) if isinstance(value, str) else value

    def clean(self, value):
        chosen = super().clean(value)
        return ",".join(code for code, _ in Language.choices if code in chosen)

    def has_changed(self, initial, data):
        return self.prepare_value(initial or "") != self.prepare_value(self.clean(data) if data else "")


class LanguagesField(models.CharField):
    """Language codes (Language), comma-separated, in the order of the choices."""

    def formfield(self, **kwargs):  # type: ignore[override]  # a list of boxes, stored as text
        return LanguagesFormField(
            choices=Language.choices, required=not self.blank, label=self.verbose_name, help_text=self.help_text
        )


def split_codes(value: str) -> list[str]:
    """The known codes in a stored value, in its order."""
    return [code for code in (value or "").split(",") if code in Language.values]


class Provider(PlainLanguageContent, PublishedContent, ShippedContent):
    """One person of the clinic's team as patients meet them: name, credentials, role, languages, a short bio and an
    optional photo from the image library, with the treatments they provide."""

    translated_fields = ("role", "bio")

    plain_language_fields = ("bio",)

    name = models.CharField(max_length=120, help_text="Their name as patients should read it, e.g. “Alex Rivera”.")
    credentials = models.CharField(
        max_length=60,
        blank=True,
        help_text="Letters after the name, e.g. “MD”, “NP” or “PMHNP-BC”. Shown as typed, in both languages.",
    )
    role = models.CharField(max_length=120, help_text="What they do at the clinic, e.g. “Medical director”.")
    role_es = spanish_twin(role)
    languages = LanguagesField(
        "languages spoken",
        max_length=60,
        blank=True,
        help_text="The languages they can care for patients in.",
    )
    bio = models.TextField(blank=True, help_text="A short introduction, two or three sentences. " + MARKDOWN_HELP)
    bio_es = spanish_twin(bio)
    photo = models.ForeignKey(
        "media_library.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Optional: a real photo of this person from Images. Without one, the page shows their initials.",
    )
    treatments = models.ManyToManyField(
        "treatments.Treatment",
        blank=True,
        related_name="providers",
        help_text="Their profile is shown on these treatments' pages. A change here goes live when you press "
        "“Publish now”: a draft keeps the words only.",
    )

    class Meta:
        ordering = ["ordering", "name"]
        verbose_name = "provider"

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def get_absolute_url(self):
        return reverse("team:index")

    @property
    def anchor(self) -> str:
        return f"provider-{self.pk}"

    @property
    def initials(self) -> str:
        """The calm stand-in for a photo: the first letters of the first and last words of the name."""
        words = [word for word in self.name.replace("-", " ").split() if word[:1].isalpha()]
        return "".join(word[0] for word in (words[:1] + words[1:][-1:])).upper()

    @property
    def language_codes(self) -> list[str]:
        return split_codes(self.languages)

    def shown_on(self) -> list[models.Model]:
        """The treatments whose pages show this profile: a clinical review of one of them covers it."""
        return list(self.treatments.all()) if self.pk is not None else []

    @property
    def is_placeholder(self) -> bool:
        """Still the shipped stand-in: on no page, in either language, until staff write a real profile."""
        return any(is_placeholder(value) for value in (self.name, self.credentials, self.role, self.bio))

    @property
    def spanish_is_placeholder(self) -> bool:
        return is_placeholder(self.role_es) or is_placeholder(self.bio_es)
