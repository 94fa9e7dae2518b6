"""Rules for changing treatments without breaking what depends on them."""

from django.urls import reverse
from django.utils.text import capfirst

from content.links import content_linking_to

from .dependents import addresses_of, dependents_of, treatment_addresses
from .models import Treatment


def removal_problems(*, treatment: Treatment) -> list[str]:
    """Why `treatment` may not be unpublished or deleted now: what would be left pointing at nothing.

    Renaming and status changes are always safe (old addresses redirect, links follow the status), so
    only taking the page off the site is checked.
    """
    problems = [
        f"{capfirst(record._meta.verbose_name)} “{record}” links to its page or waitlist."
        for record in content_linking_to(paths=addresses_of(treatment=treatment), exclude=treatment)
    ]
    return problems + dependents_of(treatment=treatment)


@treatment_addresses
def detail_page(*, slug: str) -> list[str]:
    return [reverse("treatments:detail", args=[slug])]


@treatment_addresses
def first_visit_page(*, slug: str) -> list[str]:
    return [reverse("treatments:first_visit", args=[slug])]
