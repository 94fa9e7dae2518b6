from django.core.exceptions import ValidationError
from django.db import models

from content.history import ChangeHistory, normalise_line_endings
from content.models import ContentQuerySet, shipped_digest
from translation.catalogues import shipped_spanish
from translation.twins import ENGLISH, SPANISH, spanish_twin

from .registry import all_texts, models_showing, problems, text_spec


class SiteText(models.Model):
    """Staff's words for one fixed text on the site (a heading, a paragraph, an email), in each language.

    Empty means the shipped words: the English declared in the app's `texts.py` and the Spanish of its
    catalogue, read when the text is shown, so a reworded default reaches every site where staff have not
    changed the text. Stored words that break the declaration (a placeholder it no longer has) are never
    shown: the shipped words are, and the admin and `manage.py check` say so.
    """

    translated_fields = ("text",)

    key = models.CharField(max_length=80, unique=True, editable=False)
    text = models.TextField(blank=True)
    text_es = spanish_twin(text)
    # A digest of the shipped words (both languages) this row last showed: when a release rewords them,
    # `load_initial_content` moves `updated_at`, so no review line vouches for words no reviewer has seen.
    shipped_words = models.CharField(max_length=24, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = ChangeHistory()

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        verbose_name = "page text"
        verbose_name_plural = "page texts"

    def __str__(self):
        return self.spec.label if self.key else "New page text"

    def translation_context(self) -> str:
        """The shipped Spanish of a page text is found by its key: the same English can mean two things."""
        return self.key

    def shown_on(self) -> list[models.Model]:
        """The records whose pages show this text (publishing's review rule follows those pages)."""
        spec = all_texts().get(self.key)
        if spec is None:  # a text no page shows any more
            return []
        return [page for model in models_showing(spec) for page in model._default_manager.all()]

    @property
    def spec(self):
        return text_spec(self.key)

    # Why a clinical text always needs a reviewer, as the admin says it (publishing.selectors.review_reasons).
    always_reviewed_because = (
        "it carries safety information patients rely on (crisis help, “not for emergencies”, "
        "or the words of a treatment page)"
    )

    def declares_clinical_review(self) -> bool:
        """Whether the text carries safety (crisis help, "not for emergencies", a treatment page's words), so
        only a clinical reviewer publishes a change to it (publishing.selectors.needs_clinical_review)."""
        return self.spec.clinical

    def preview_response(self, request):
        """The text as patients will read it, where the registry says it shows (publishing.previews)."""
        from .previews import render_text_preview

        return render_text_preview(request=request, text=self)

    def shipped(self, language: str = ENGLISH) -> str:
        """The words the site ships for this text in `language`; "" for Spanish not translated yet."""
        default = self.spec.default
        return default if language == ENGLISH else (shipped_spanish(default, self.key) or "")

    def shipped_digest(self) -> str:
        """What `shipped_words` keeps of the shipped words in both languages: enough to know them again."""
        return shipped_digest(f"{self.shipped(ENGLISH)}\x00{self.shipped(SPANISH)}")

    def stored(self, language: str = ENGLISH) -> str:
        return self.text_es if language == SPANISH else self.text

    def problems(self, language: str = ENGLISH) -> list[str]:
        """What is wrong with staff's stored words in `language` under the text's declaration now."""
        stored = self.stored(language)
        return problems(self.spec, stored) if stored else []

    def clean(self):
        """Both languages follow the same rules. Words that are the shipped ones are stored as empty, so they
        follow the shipped words when those change."""
        errors = {}
        for language, field in ((ENGLISH, "text"), (SPANISH, "text_es")):
            words = normalise_line_endings(getattr(self, field)).strip()
            setattr(self, field, "" if words == self.shipped(language) else words)
            if self.problems(language):
                errors[field] = self.problems(language)
        if errors:
            raise ValidationError(errors)

    def spanish_is_shipped(self, field_name: str = "text") -> bool:
        """Whether the Spanish shown is the catalogue's translation of the English shown (translation.freshness)."""
        spanish = self.text_es or self.shipped(SPANISH)
        return bool(spanish) and shipped_spanish(self.text or self.shipped(ENGLISH), self.key) == spanish

    def missing_spanish(self) -> list[str]:
        return ["text"] if not self.text_es and not self.shipped(SPANISH) else []

    @classmethod
    def missing_spanish_condition(cls) -> models.Q:
        """A text is in English only when staff wrote no Spanish and none is shipped (translation.twins)."""
        untranslated = [key for key, spec in all_texts().items() if not shipped_spanish(spec.default, key)]
        return models.Q(text_es="", key__in=untranslated)
