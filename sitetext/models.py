from django.core.exceptions import ValidationError
from django.db import models

from content.history import ChangeHistory, normalise_line_endings
from content.models import ContentQuerySet
from translation.twins import spanish_twin

from .registry import all_texts, models_showing, problems, text_spec


class SiteText(models.Model):
    """The words of one fixed text on the site (a heading, a paragraph, an email), as staff last edited them."""

    translated_fields = ("text",)

    key = models.CharField(max_length=80, unique=True, editable=False)
    text = models.TextField()
    text_es = spanish_twin(text)
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

    def clean(self):
        """Both languages follow the same rules; the Spanish words are required once a text has any."""
        self.text = normalise_line_endings(self.text).strip()
        self.text_es = normalise_line_endings(self.text_es).strip()
        errors = {"text": problems(self.spec, self.text), "text_es": problems(self.spec, self.text_es)}
        errors = {field: found for field, found in errors.items() if found}
        if errors:
            raise ValidationError(errors)
