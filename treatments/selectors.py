"""Treatment content as the public may see it, and where a page address (old or new) leads."""

from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Max, Model, Prefetch, QuerySet

from content.page_cache import cached_value
from content.search import Hit, Terms, records_matching
from publishing.selectors import Review, current_review
from sitetext.selectors import texts_on
from staff.accounts import is_verified_staff

from .models import EducationSection, Faq, Route, Treatment, TreatmentSlugRedirect

PREVIEW_PERMISSION = "treatments.view_treatment"


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
    its page, its FAQs and routes come loaded.
    """
    treatments = Treatment.objects.all() if include_drafts else published_treatments()
    if with_page_content:
        treatments = treatments.prefetch_related(
            Prefetch("faqs", queryset=Faq.objects.published()),
            Prefetch("routes", queryset=Route.objects.published()),
        )
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


def last_review(*, treatment: Treatment) -> Review | None:
    """The review the page states: its clinical review while every word on it is the reviewed version (the
    treatment, its published FAQs and routes, as `treatment_at` loads them, and its page texts), or the review
    date staff entered if that is later. Nothing while a word is unreviewed: an older date would not say so.
    A page never clinically reviewed shows the date staff entered, if any."""
    shown = [*treatment.faqs.all(), *treatment.routes.all(), *texts_on(treatment)]
    clinical = current_review(page=treatment, shown=shown)
    if clinical is not None and not clinical.current:
        return None
    if treatment.last_reviewed and (clinical is None or treatment.last_reviewed > clinical.date):
        return Review(name="", date=treatment.last_reviewed)
    return clinical


def comparison_routes() -> QuerySet[Route]:
    return Route.objects.published().select_related("treatment")


def education_sections() -> QuerySet[EducationSection]:
    return EducationSection.objects.published()


def general_faqs() -> QuerySet[Faq]:
    return Faq.objects.published().filter(treatment__isnull=True)


def latest_update(*, queryset: QuerySet[Model]) -> datetime | None:
    latest: datetime | None = queryset.aggregate(latest=Max("updated_at"))["latest"]
    return latest


# --- the admin's content search (content.search; declared in TreatmentsConfig.search_sources) ---------------


def treatments_matching(*, terms: Terms) -> list[Hit]:
    fields = ("name", "summary", "body", "what_to_expect", "seo_title", "seo_description", "drug_name")
    return records_matching(records=Treatment.objects.all(), fields=(*fields, "drug_active_ingredient"), terms=terms)


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
