"""Financing content as the pages show it."""

from typing import Any

from django.db.models import Prefetch, QuerySet, Subquery

from content.page_cache import frame_part
from content.search import Hit, Terms, records_matching

from .models import FinancingFaq, FinancingPlan, FinancingProgram


def active_programs() -> QuerySet[FinancingProgram]:
    """Programs shown on the site, the first being the one shown; the one place that says which."""
    return FinancingProgram.objects.filter(is_active=True)


def active_program() -> FinancingProgram | None:
    """The program shown on the site with its active plans, or None."""
    plans = Prefetch("plans", queryset=FinancingPlan.objects.filter(is_active=True))
    return active_programs().prefetch_related(plans).first()


def plans_by_kind(*, plans: list[FinancingPlan]) -> list[tuple[str, list[FinancingPlan]]]:
    """Loaded plans as the page lists them: one group per kind that has any, in the order the kinds are declared."""
    groups = [(kind, [plan for plan in plans if plan.kind == kind]) for kind in FinancingPlan.Kind.values]
    return [(kind, members) for kind, members in groups if members]


def published_faqs() -> QuerySet[FinancingFaq]:
    return FinancingFaq.objects.published()


FINANCING_TEASER = "financing-teaser"  # its name in the page frame (FinancingConfig.page_frame)


def get_financing_teaser() -> dict[str, Any] | None:
    """The short financing section of the home, treatment and costs pages, from the same data as /financing/."""
    teaser: dict[str, Any] | None = frame_part(FINANCING_TEASER)
    return teaser


def build_financing_teaser() -> dict[str, Any] | None:
    # One query: the active program's active plans, each carrying the program.
    first_active_program = active_programs().values("pk")[:1]
    plans = list(
        FinancingPlan.objects.filter(is_active=True, program=Subquery(first_active_program)).select_related("program")
    )
    program = plans[0].program if plans else active_program()
    if program is None:
        return None
    promotional = [plan for plan in plans if plan.is_deferred_interest]
    return {
        "name": program.name,
        "program": program,  # its summary is shown in the page's language
        "promotional_months": sorted({plan.months for plan in promotional}),
        "lowest_minimum": min(
            (plan.minimum_purchase for plan in promotional if plan.minimum_purchase is not None), default=None
        ),
    }


# --- the admin's content search (content.search; declared in FinancingConfig.search_sources) ---------------


def programs_matching(*, terms: Terms) -> list[Hit]:
    fields = ("name", "summary", "description", "how_to_apply", "disclosures")
    hits = records_matching(records=FinancingProgram.objects.all(), fields=fields, terms=terms)
    for hit in hits:
        if not getattr(hit.record, "is_active", True):
            hit.notes.append("Not shown on the site")
    return hits


def financing_faqs_matching(*, terms: Terms) -> list[Hit]:
    return records_matching(records=FinancingFaq.objects.all(), fields=("question", "answer"), terms=terms)
