"""Treatment content as the public may see it, and where a page address (old or new) leads."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Max, Model, Prefetch, QuerySet, prefetch_related_objects

from content.page_cache import cached_value, frame_part
from content.placeholders import is_placeholder
from content.search import Hit, Terms, records_matching
from financing.models import FinancingFaq
from financing.selectors import published_faqs as published_financing_faqs
from publishing.selectors import Review, current_review, current_reviews
from sitetext.selectors import texts_on
from staff.accounts import is_verified_staff
from translation.twins import ENGLISH, Localized, localized, missing_spanish

from .models import (
    FINANCING_FAQ_TOPIC,
    GENERAL_FAQ_TOPIC,
    EducationSection,
    Faq,
    FirstVisitSection,
    Route,
    Treatment,
    TreatmentSlugRedirect,
)

PREVIEW_PERMISSION = "treatments.view_treatment"
# Their names in the page frame (TreatmentsConfig.page_frame): several pages draw on them, read once for all.
COMPARISON_ROUTES = "comparison-routes"
FIRST_VISIT_PAGES = "first-visit-pages"


def published_treatments() -> QuerySet[Treatment]:
    return Treatment.objects.published()


def can_preview_drafts(*, user: User | AnonymousUser) -> bool:
    # Staff as the admin sees them: with a verified second factor where one is required.
    return is_verified_staff(user=user) and user.has_perm(PREVIEW_PERMISSION)


def treatment_at(
    *, slug: str, include_drafts: bool = False, with_page_content: bool = True
) -> tuple[Treatment | None, bool]:
    """The treatment whose page is at `slug`, now or before a rename, and whether it has moved.

    The one place that resolves a treatment address (its page's, its waitlist's and its call back's); for
    its page, its FAQs come loaded (its routes are `routes_of`).
    """
    treatments = Treatment.objects.all() if include_drafts else published_treatments()
    if with_page_content:
        treatments = treatments.prefetch_related(Prefetch("faqs", queryset=Faq.objects.published()))
    current = treatments.filter(slug=slug).first()
    if current is not None:
        return current, False
    moved_to = TreatmentSlugRedirect.objects.filter(old_slug=slug).values("treatment_id")
    return treatments.filter(pk__in=moved_to).first(), True


def treatment_for_address(*, slug: str) -> tuple[Treatment | None, bool]:
    """The published treatment whose waitlist or call-back address is or was `slug`, and whether it has moved.

    `treatment_at` without the page's content, cached until content changes. It may not offer that
    address now (check `has_waitlist`, `is_bookable`).
    """
    return cached_value(f"treatment-address:{slug}", lambda: treatment_at(slug=slug, with_page_content=False))


def last_review(*, treatment: Treatment, also_shown: Iterable[Model] = ()) -> Review | None:
    """The review the page states: its clinical review while every word on it is the reviewed version (the
    treatment, its published FAQs as `treatment_at` loads them, its routes and its page texts), or the review
    date staff entered if that is later. Nothing while a word is unreviewed: an older date would not say so.
    A page never clinically reviewed shows the date staff entered, if any. `also_shown`: what other apps' parts of
    the page show (treatments.page_sections)."""
    shown = [*treatment.faqs.all(), *routes_of(treatment=treatment), *texts_on(treatment), *also_shown]
    return _stated_review(treatment=treatment, clinical=current_review(page=treatment, shown=shown))


def _stated_review(*, treatment: Treatment, clinical: Review | None) -> Review | None:
    """The review line for what is shown of `treatment`, given the clinical review of what is shown (`last_review`)."""
    if clinical is not None and not clinical.current:
        return None
    if treatment.last_reviewed and (clinical is None or treatment.last_reviewed > clinical.date):
        return Review(name="", date=treatment.last_reviewed)
    return clinical


def comparison_routes() -> list[Route]:
    """Every published route, with its treatment: the comparison page's rows, and each treatment page's own."""
    routes: list[Route] = frame_part(COMPARISON_ROUTES)
    return routes


def load_comparison_routes() -> list[Route]:
    return list(Route.objects.published().select_related("treatment"))


def routes_of(*, treatment: Treatment) -> list[Route]:
    return [route for route in comparison_routes() if route.treatment_id == treatment.pk]


def education_sections() -> QuerySet[EducationSection]:
    return EducationSection.objects.published()


def general_faqs() -> QuerySet[Faq]:
    return Faq.objects.published().filter(treatment__isnull=True)


def latest_update(*, queryset: QuerySet[Model]) -> datetime | None:
    latest: datetime | None = queryset.aggregate(latest=Max("updated_at"))["latest"]
    return latest


# --- the questions page: every published FAQ, by topic ----------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Question:
    """One question on the questions page, with the #anchor that leads to it."""

    faq: Faq | FinancingFaq
    anchor: str


@dataclass(frozen=True, kw_only=True)
class FaqTopic:
    """A group of questions on the questions page: the general ones, a treatment's, or the financing ones.

    `key` is the topic filter's value (`?topic=`); `treatment` names a treatment's topic, `text_key` the page
    text that names any other; `review` is the review line the topic's questions may stand under.
    """

    key: str
    questions: list[Question]
    treatment: Treatment | None = None
    text_key: str = ""
    review: Review | None = None

    @property
    def anchor(self) -> str:
        return f"topic-{self.key}"


def faq_topics() -> list[FaqTopic]:
    """Every published question in one place, by topic: the general ones (the ketamine page's), each published
    treatment's in the treatments' order, then the financing ones. A topic with no question is left out.

    A treatment's questions carry the review line its page would state for them and its name (`last_review`), so
    a question changed since the last clinical review never stands under one. A fixed number of queries.
    """
    treatments = list(published_treatments())
    faqs_of: dict[int | None, list[Faq]] = {}
    for faq in Faq.objects.published():  # the general questions and every treatment's, in one query
        faqs_of.setdefault(faq.treatment_id, []).append(faq)
    reviews = current_reviews(pages=[(treatment, faqs_of.get(treatment.pk, [])) for treatment in treatments])
    topics = [
        FaqTopic(
            key=GENERAL_FAQ_TOPIC,
            text_key="questions.topic.general",
            questions=_questions(faqs_of.get(None, []), "faq"),
        ),
        *(
            FaqTopic(
                key=treatment.slug,
                treatment=treatment,
                questions=_questions(faqs_of.get(treatment.pk, []), "faq"),
                review=_stated_review(treatment=treatment, clinical=clinical),
            )
            for treatment, clinical in zip(treatments, reviews, strict=True)
        ),
        FaqTopic(
            key=FINANCING_FAQ_TOPIC,
            text_key="questions.topic.financing",
            questions=_questions(published_financing_faqs(), "financing-faq"),
        ),
    ]
    return [topic for topic in topics if topic.questions]


def _questions(faqs: Iterable[Faq] | Iterable[FinancingFaq], prefix: str) -> list[Question]:
    return [Question(faq=faq, anchor=f"{prefix}-{faq.pk}") for faq in faqs]


def latest_question_update() -> datetime | None:
    """When anything the questions page shows last changed: a question, or a treatment that names a topic."""
    found = [
        latest_update(queryset=Faq.objects.published()),
        latest_update(queryset=published_financing_faqs()),
        latest_update(queryset=published_treatments()),
    ]
    return max(filter(None, found), default=None)


# --- the admin's content search (content.search; declared in TreatmentsConfig.search_sources) ---------------


def treatments_matching(*, terms: Terms) -> list[Hit]:
    fields = ("name", "summary", "body", "what_to_expect", "seo_title", "seo_description", "drug_name")
    costs = ("price_note", "insurance")  # the price line (issue 23.4)
    return records_matching(
        records=Treatment.objects.all(), fields=(*fields, "drug_active_ingredient", *costs), terms=terms
    )


def routes_matching(*, terms: Terms) -> list[Hit]:
    return records_matching(records=Route.objects.all(), fields=Route.translated_fields, terms=terms)


def faqs_matching(*, terms: Terms) -> list[Hit]:
    return records_matching(
        records=Faq.objects.select_related("treatment"),
        fields=("question", "answer"),
        terms=terms,
        where=lambda faq: f"{faq.treatment} page" if faq.treatment else "Ketamine page (general question)",
    )


def education_sections_matching(*, terms: Terms) -> list[Hit]:
    return records_matching(records=EducationSection.objects.all(), fields=("heading", "body"), terms=terms)


# --- first visit (issue 23.3): a page of each treatment's, topic by topic ---------------------------------------


@dataclass(frozen=True, kw_only=True)
class FirstVisitStep:
    """One topic of a first-visit page as patients read it: the section, and its words in the page's language (the
    English, marked as such, while the Spanish is not written yet or is still a placeholder)."""

    section: FirstVisitSection
    body: Localized

    @property
    def heading_key(self) -> str:
        """The page text that names the topic: the same heading on every treatment's page."""
        return f"first_visit.topic.{self.section.topic}"

    @property
    def anchor(self) -> str:
        return f"first-visit-{self.section.topic.replace('_', '-')}"


def _published_first_visit_sections() -> Prefetch[str, QuerySet[FirstVisitSection], str]:
    return Prefetch("first_visit_sections", queryset=FirstVisitSection.objects.published())


def shown_first_visit_sections(*, treatment: Treatment) -> list[FirstVisitSection]:
    """The published sections patients may read, from those loaded with `treatment`: a placeholder is left out, and
    a treatment coming soon has none (its page must never look bookable)."""
    return [section for section in treatment.first_visit_sections.all() if _is_shown(section, treatment=treatment)]


def _is_shown(section: FirstVisitSection, *, treatment: Treatment) -> bool:
    return not treatment.is_coming_soon and not section.is_placeholder


def has_first_visit_page(*, treatment: Treatment) -> bool:
    """Whether `treatment` has a first-visit page to link to (its page's link; any treatment, draft or not)."""
    return treatment.pk in frame_part(FIRST_VISIT_PAGES)


def load_first_visit_pages() -> frozenset[int]:
    """The ids of the treatments with a first-visit page: with a section `shown_first_visit_sections` would show."""
    sections = FirstVisitSection.objects.published().select_related("treatment")
    return frozenset(section.treatment_id for section in sections if _is_shown(section, treatment=section.treatment))


def first_visit_page_at(*, slug: str, include_drafts: bool = False) -> tuple[Treatment | None, bool]:
    """The treatment whose first-visit page is at `slug` (now or before a rename, as `treatment_at`), with its
    published sections loaded, and whether it has moved; None while it has no such page: coming soon, or nothing
    but placeholders yet."""
    treatment, moved = treatment_at(slug=slug, include_drafts=include_drafts, with_page_content=False)
    if treatment is None:
        return None, False
    prefetch_related_objects([treatment], _published_first_visit_sections())
    return (treatment, moved) if shown_first_visit_sections(treatment=treatment) else (None, False)


def first_visit_steps(*, treatment: Treatment) -> list[FirstVisitStep]:
    """The page's topics in staff's order, each with its words in the active language."""
    return [
        FirstVisitStep(section=section, body=_first_visit_words(section))
        for section in shown_first_visit_sections(treatment=treatment)
    ]


def _first_visit_words(section: FirstVisitSection) -> Localized:
    words = localized(section, "body")
    if words.language != ENGLISH and is_placeholder(words):
        return Localized(section.body, ENGLISH)
    return words


def first_visit_review(*, treatment: Treatment, steps: Iterable[FirstVisitStep]) -> Review | None:
    """The review line of a first-visit page: as `last_review`, over what this page shows (the treatment, the
    sections shown and the treatment pages' texts). Nothing while a word on it is unreviewed."""
    shown = [*(step.section for step in steps), *texts_on(treatment)]
    return _stated_review(treatment=treatment, clinical=current_review(page=treatment, shown=shown))


def first_visit_spanish_missing(*, treatment: Treatment) -> bool:
    """Whether the Spanish first-visit page still shows English (the treatment's or a section's words): search
    engines are then offered the English page alone, as for the treatment's own page."""
    return bool(missing_spanish(treatment)) or any(
        not section.body_es.strip() or section.spanish_is_placeholder
        for section in shown_first_visit_sections(treatment=treatment)
    )


def first_visit_pages() -> list[Treatment]:
    """The published treatments that have a first-visit page, with their published sections (the sitemap)."""
    treatments = published_treatments().exclude(status=Treatment.Status.COMING_SOON)
    return [
        treatment
        for treatment in treatments.prefetch_related(_published_first_visit_sections())
        if shown_first_visit_sections(treatment=treatment)
    ]


def first_visit_sections_matching(*, terms: Terms) -> list[Hit]:
    """For the admin's content search (TreatmentsConfig.search_sources)."""
    return records_matching(
        records=FirstVisitSection.objects.select_related("treatment"),
        fields=("body",),
        terms=terms,
        where=lambda section: f"{section.treatment} first visit page",
    )


# --- end of first visit -----------------------------------------------------------------------------------------
