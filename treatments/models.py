from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse

from content.models import PlainLanguageContent, PublishedContent, ShippedContent
from content.placeholders import is_placeholder
from financing.services import MAXIMUM_AMOUNT
from translation.twins import spanish_twin

MARKDOWN_HELP = "Markdown. HTML is removed for safety."
# The questions page's topics that are no treatment (a treatment's topic is its slug: /questions/?topic=spravato).
GENERAL_FAQ_TOPIC = "about-ketamine"
FINANCING_FAQ_TOPIC = "paying-for-care"
# Addresses other pages use: /treatments/compare/, the waitlist's /waitlist/leave/…, and those topics.
RESERVED_SLUGS = {"compare", "leave", GENERAL_FAQ_TOPIC, FINANCING_FAQ_TOPIC}


# --- costs and insurance (issue 23.4) ----------------------------------------------------------------------
COST_TRANSLATED_FIELDS = ("price_note", "insurance")
COST_PLAIN_LANGUAGE_FIELDS = ("insurance",)
MAXIMUM_PRICE = int(MAXIMUM_AMOUNT)  # whole dollars: the payment estimator takes any price a page shows


class Pricing(models.TextChoices):
    """What a treatment's price line says. "Not decided yet" reads as "ask us" and is on the go-live checklist."""

    NOT_DECIDED = "not_decided", "Not decided yet (patients see “ask us”)"
    ASK_US = "ask_us", "Ask us (no figure)"
    EXACT = "exact", "Price"
    FROM = "from", "“From” price"


PRICES_WITHOUT_FIGURE = (Pricing.NOT_DECIDED, Pricing.ASK_US)
# --- end of costs and insurance --------------------------------------------------------------------------


def validate_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(f"“{value}” is used by another page. Please choose a different address.")


class Treatment(PlainLanguageContent, PublishedContent, ShippedContent):
    translated_fields = (
        "name",
        "summary",
        "body",
        "what_to_expect",
        "seo_title",
        "seo_description",
        *COST_TRANSLATED_FIELDS,
    )

    plain_language_fields = ("summary", "body", "what_to_expect", *COST_PLAIN_LANGUAGE_FIELDS)

    class Status(models.TextChoices):
        AVAILABLE = "available", "Available"
        WAITLIST = "waitlist", "Waitlist"
        COMING_SOON = "coming_soon", "Coming soon"

    name = models.CharField(max_length=120)
    name_es = spanish_twin(name)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        validators=[validate_not_reserved],
        help_text="The page address, and its waitlist's. If you change it, the old addresses keep working.",
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.AVAILABLE,
        help_text="Every link follows the status: only a treatment with a waitlist shows the waitlist form "
        "and a menu link to it; its waitlist address leads to the treatment page otherwise.",
    )
    summary = models.CharField(max_length=300, help_text="One or two plain sentences for cards and lists.")
    summary_es = spanish_twin(summary)
    body = models.TextField(blank=True, help_text=MARKDOWN_HELP)
    body_es = spanish_twin(body)
    what_to_expect = models.TextField(blank=True, help_text=MARKDOWN_HELP)
    what_to_expect_es = spanish_twin(what_to_expect)
    drug_name = models.CharField(
        max_length=80,
        blank=True,
        help_text="Only for a branded medicine, e.g. Spravato. Tells search engines about the drug.",
    )
    drug_active_ingredient = models.CharField(max_length=80, blank=True, help_text="e.g. esketamine")
    is_published = models.BooleanField("published", default=False)  # a new treatment starts as a draft
    seo_title = models.CharField("SEO title", max_length=70, blank=True)
    seo_title_es = spanish_twin(seo_title)
    seo_description = models.CharField("SEO description", max_length=160, blank=True)
    seo_description_es = spanish_twin(seo_description)
    last_reviewed = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # --- costs and insurance (issue 23.4): the price line on the treatment page and on /costs/ ----------------
    Pricing = Pricing
    pricing = models.CharField(
        "price shown",
        max_length=12,
        choices=Pricing.choices,
        default=Pricing.NOT_DECIDED,
        help_text="A price, a “from” price, or “ask us” (no figure). A price or a “from” price also opens the "
        "payment estimator on the financing page with that amount.",
    )
    price = models.PositiveIntegerField(
        "price (US dollars)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAXIMUM_PRICE)],
        help_text="Whole dollars, for example 450. Needed for a price or a “from” price; not shown with “ask us”.",
    )
    price_note = models.CharField(
        "what the price is for",
        max_length=80,
        blank=True,
        help_text="Short, shown after the price, e.g. “for one treatment”. Leave empty if the price says it all.",
    )
    price_note_es = spanish_twin(price_note)
    insurance = models.TextField(
        "what insurance may cover",
        blank=True,
        help_text="A sentence or two, only what is true for most plans. Leave empty to invite patients to ask "
        "about their insurance. " + MARKDOWN_HELP,
    )
    insurance_es = spanish_twin(insurance)
    # --- end of costs and insurance ----------------------------------------------------------------------------

    class Meta:
        ordering = ["ordering", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pricing__in=PRICES_WITHOUT_FIGURE)
                | models.Q(price__isnull=False, price__gte=1, price__lte=MAXIMUM_PRICE),
                name="treatment_price_with_figure_has_amount",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("treatments:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.pricing not in PRICES_WITHOUT_FIGURE and not self.price:
            raise ValidationError({"price": "Enter the price in whole dollars, or choose “ask us”."})
        taken = TreatmentSlugRedirect.objects.filter(old_slug=self.slug).exclude(treatment_id=self.pk)
        if self.slug and taken.exists():
            other = taken.select_related("treatment").get().treatment
            raise ValidationError(
                {
                    "slug": f"“{self.slug}” is an old address of “{other}” and still leads there. "
                    "Please choose a different address."
                }
            )

    def save(self, *args, **kwargs):
        """A renamed page keeps answering at its old address, however it was renamed."""
        previous_slug = Treatment.objects.filter(pk=self.pk).values_list("slug", flat=True).first() if self.pk else None
        super().save(*args, **kwargs)
        TreatmentSlugRedirect.objects.filter(old_slug=self.slug).delete()
        if previous_slug and previous_slug != self.slug:
            TreatmentSlugRedirect.objects.update_or_create(old_slug=previous_slug, defaults={"treatment": self})

    @property
    def is_bookable(self):
        """Patients can start now: the page offers a call."""
        return self.status == self.Status.AVAILABLE

    @property
    def has_waitlist(self):
        """New patients join the waitlist; nothing else is offered."""
        return self.status == self.Status.WAITLIST

    @property
    def is_coming_soon(self):
        """Not offered yet: the page must never look bookable."""
        return self.status == self.Status.COMING_SOON

    @property
    def shows_price(self) -> bool:
        """The page shows a figure (a price or a "from" price), and can open the estimator with it."""
        return self.pricing not in PRICES_WITHOUT_FIGURE and bool(self.price)

    @property
    def price_amount(self) -> Decimal | None:
        """The price as the financing app's amounts are (`|dollars`, the estimator), or None without a figure."""
        return Decimal(self.price) if self.shows_price and self.price else None

    def known_slugs(self) -> list[str]:
        """Every slug this treatment answers at: the current one, then its old ones."""
        return [self.slug, *self.slug_redirects.values_list("old_slug", flat=True)] if self.pk else [self.slug]


class TreatmentSlugRedirect(models.Model):
    """A former page address of a treatment, answered with a permanent redirect."""

    old_slug = models.SlugField(max_length=80, unique=True)
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="slug_redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]
        verbose_name = "old page address"
        verbose_name_plural = "old page addresses"

    def __str__(self):
        return f"/treatments/{self.old_slug}/"


class Route(PublishedContent, ShippedContent):
    """One way of giving ketamine, as a row of the comparison table."""

    translated_fields = ("name", "effectiveness", "onset", "recovery", "adjustable", "needle_sticks", "notes")

    name = models.CharField(max_length=80)
    name_es = spanish_twin(name)
    effectiveness = models.CharField(max_length=200)
    effectiveness_es = spanish_twin(effectiveness)
    onset = models.CharField("how fast it starts", max_length=200)
    onset_es = spanish_twin(onset)
    recovery = models.CharField(max_length=200, blank=True)
    recovery_es = spanish_twin(recovery)
    adjustable = models.CharField("can be adjusted or stopped mid-session", max_length=200)
    adjustable_es = spanish_twin(adjustable)
    needle_sticks = models.CharField(max_length=120)
    needle_sticks_es = spanish_twin(needle_sticks)
    notes = models.TextField(blank=True, help_text=MARKDOWN_HELP)
    notes_es = spanish_twin(notes)
    treatment = models.ForeignKey(
        Treatment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="routes",
        help_text="The clinic's treatment that uses this route, if there is one.",
    )

    class Meta:
        ordering = ["ordering", "name"]
        verbose_name = "way of giving ketamine"
        verbose_name_plural = "ways of giving ketamine"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("treatments:compare")

    def shown_on(self) -> list[Treatment]:
        """The pages besides the comparison that show this route: its treatment's (publishing's review rule)."""
        return [self.treatment] if self.treatment is not None else []


class Faq(PlainLanguageContent, PublishedContent, ShippedContent):
    translated_fields = ("question", "answer")

    plain_language_fields = ("question", "answer")

    question = models.CharField(max_length=200)
    question_es = spanish_twin(question)
    answer = models.TextField(help_text=MARKDOWN_HELP)
    answer_es = spanish_twin(answer)
    treatment = models.ForeignKey(
        Treatment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="faqs",
        help_text="Leave empty for a general question; it then shows on the ketamine page.",
    )

    class Meta:
        ordering = ["ordering", "question"]
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        if self.treatment_id:
            return self.treatment.get_absolute_url()
        return reverse("treatments:ketamine")

    def shown_on(self) -> list[Treatment]:
        """The page that shows this question: its treatment's (publishing's review rule follows that page)."""
        return [self.treatment] if self.treatment is not None else []


class EducationSection(PlainLanguageContent, PublishedContent, ShippedContent):
    """A section of the /ketamine/ page."""

    translated_fields = ("heading", "body")

    plain_language_fields = ("heading", "body")

    heading = models.CharField(max_length=120)
    heading_es = spanish_twin(heading)
    slug = models.SlugField(max_length=80, unique=True, help_text="The #anchor of this section on the page.")
    body = models.TextField(help_text=MARKDOWN_HELP)
    body_es = spanish_twin(body)

    class Meta:
        ordering = ["ordering", "heading"]
        verbose_name = "ketamine page section"

    def __str__(self):
        return self.heading

    def get_absolute_url(self):
        return f"{reverse('treatments:ketamine')}#{self.slug}"


# --- first visit (issue 23.3): what a first visit is like, topic by topic, on a page of each treatment's ----------
FIRST_VISIT_BODY_HELP = (
    "Markdown. HTML is removed for safety. Say only what is true for this treatment. Words that start with "
    "PLACEHOLDER are never shown to patients, and the go-live checklist lists them until you write the real ones."
)


class FirstVisitSection(PlainLanguageContent, PublishedContent, ShippedContent):
    """One topic of a treatment's "Your first visit" page (/treatments/<slug>/first-visit/): what to bring, how long
    it takes, what happens, how you are monitored, getting home, what comes after.

    Its heading is a page text per topic (`first_visit.topic.<topic>`), its words are staff's. A section whose
    English still says PLACEHOLDER is left off the page (treatments.selectors.first_visit_steps) and reported by
    the go-live checklist (treatments.checks). It is shown on its treatment's pages, so the clinical review of a
    treatment covers it (`shown_on`).
    """

    translated_fields = ("body",)

    plain_language_fields = ("body",)

    class Topic(models.TextChoices):
        WHAT_TO_BRING = "what_to_bring", "What to bring"
        HOW_LONG = "how_long", "How long it takes"
        WHAT_HAPPENS = "what_happens", "What happens"
        MONITORING = "monitoring", "How you are monitored"
        GETTING_HOME = "getting_home", "Getting home"
        AFTERWARDS = "afterwards", "What comes after"

    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="first_visit_sections")
    topic = models.CharField(
        max_length=20,
        choices=Topic.choices,
        help_text="One section per topic for each treatment. The heading patients see is a page text "
        "(First visit pages), the same for every treatment.",
    )
    body = models.TextField(help_text=FIRST_VISIT_BODY_HELP)
    body_es = spanish_twin(body)

    class Meta:
        ordering = ["ordering", "pk"]
        verbose_name = "first visit section"
        constraints = [
            models.UniqueConstraint(fields=["treatment", "topic"], name="treatments_one_first_visit_section_per_topic")
        ]

    def __str__(self):
        return f"{self.treatment}: {self.get_topic_display()}"

    def get_absolute_url(self):
        return reverse("treatments:first_visit", kwargs={"slug": self.treatment.slug})

    def shown_on(self) -> list[Treatment]:
        """Its treatment's first-visit page is one of that treatment's pages: publishing's review rule follows it."""
        return [self.treatment]

    @property
    def is_placeholder(self) -> bool:
        """Still the shipped stand-in: not shown to patients (in either language) until staff write the words."""
        return is_placeholder(self.body)

    @property
    def spanish_is_placeholder(self) -> bool:
        return is_placeholder(self.body_es)


# --- end of first visit -------------------------------------------------------------------------------------------
