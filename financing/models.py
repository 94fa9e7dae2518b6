from django.db import models
from django.urls import reverse

from content.history import ChangeHistory
from content.models import ContentQuerySet, PlainLanguageContent, PublishedContent, ShippedContent
from translation.twins import spanish_twin


class FinancingProgram(PlainLanguageContent, ShippedContent):
    """A financing partner such as CareCredit. Its terms are data because the partner changes them."""

    translated_fields = ("summary", "description", "how_to_apply", "disclosures")

    plain_language_fields = ("summary", "description", "how_to_apply", "disclosures")

    name = models.CharField(max_length=100)
    summary = models.CharField(max_length=300, help_text="One or two plain sentences for the home page teaser.")
    summary_es = spanish_twin(summary)
    description = models.TextField(help_text="What the program is and is not. Markdown.")
    description_es = spanish_twin(description)
    how_to_apply = models.TextField(help_text="A short numbered list of steps. Markdown.")
    how_to_apply_es = spanish_twin(how_to_apply)
    disclosures = models.TextField(
        help_text="Required terms and warnings, kept in line with the partner's wording. Markdown."
    )
    disclosures_es = spanish_twin(disclosures)
    prequalify_url = models.URLField("prequalify link", blank=True)
    apply_url = models.URLField("apply link", blank=True)
    is_active = models.BooleanField("shown on the site", default=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = ChangeHistory()

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("financing:index")


class FinancingPlanQuerySet(ContentQuerySet):
    """`estimable()` and `can_estimate` say the same thing, one for queries and one for loaded plans."""

    def estimable(self):
        return self.filter(self._has_estimate_figures())

    def missing_estimate_figures(self):
        return self.exclude(self._has_estimate_figures())

    @staticmethod
    def _has_estimate_figures():
        has_rate = models.Q(kind=FinancingPlan.Kind.DEFERRED_INTEREST) | models.Q(apr__isnull=False)
        return models.Q(minimum_purchase__isnull=False) & has_rate


class FinancingPlan(models.Model):
    class Kind(models.TextChoices):
        DEFERRED_INTEREST = "deferred_interest", "No interest if paid in full within the promotional period"
        FIXED_APR = "fixed_apr", "Reduced APR with fixed monthly payments"

    program = models.ForeignKey(FinancingProgram, on_delete=models.CASCADE, related_name="plans")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    months = models.PositiveSmallIntegerField()
    minimum_purchase = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The smallest purchase the plan is for. Leave blank until CareCredit confirms it.",
    )
    apr = models.DecimalField(
        "APR (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Annual percentage rate for fixed-payment plans. Leave blank until CareCredit confirms it.",
    )
    is_active = models.BooleanField("offered now", default=True)
    ordering = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    history = ChangeHistory()

    objects = FinancingPlanQuerySet.as_manager()

    class Meta:
        ordering = ["ordering", "kind", "months"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(months__gte=1, months__lte=120), name="financing_plan_months_range"
            ),
            models.CheckConstraint(
                condition=models.Q(minimum_purchase__gte=0), name="financing_plan_minimum_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(apr__isnull=True) | models.Q(apr__gte=0, apr__lt=100),
                name="financing_plan_apr_range",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def is_deferred_interest(self):
        return self.kind == self.Kind.DEFERRED_INTEREST

    @property
    def can_estimate(self) -> bool:
        """Whether the estimator has every figure it needs: the minimum purchase, and for a fixed-payment plan its APR.

        Plans without them are still listed, with "Ask us" in place of the missing figure.
        """
        return self.minimum_purchase is not None and (self.is_deferred_interest or self.apr is not None)

    @property
    def label_text_key(self) -> str:
        """The site text that names this plan on public pages (the `label` below is for staff in admin)."""
        return f"financing.plan.{self.kind}"

    @property
    def label(self):
        if self.is_deferred_interest:
            return f"{self.months} months, no interest if paid in full"
        return f"{self.months} months, fixed monthly payments"


class FinancingFaq(PlainLanguageContent, PublishedContent, ShippedContent):
    translated_fields = ("question", "answer")

    plain_language_fields = ("question", "answer")

    question = models.CharField(max_length=200)
    question_es = spanish_twin(question)
    answer = models.TextField(help_text="Markdown.")
    answer_es = spanish_twin(answer)

    class Meta:
        ordering = ["ordering", "question"]
        verbose_name = "financing FAQ"

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("financing:index")
