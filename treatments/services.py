"""Rules for changing treatments without breaking what depends on them."""

from django.urls import reverse
from django.utils.text import capfirst

from content.links import content_linking_to
from intake.selectors import has_people_waiting

from .models import Treatment


def removal_problems(*, treatment: Treatment) -> list[str]:
    """Why `treatment` may not be unpublished or deleted now: what would be left pointing at nothing.

    Renaming and status changes are always safe (old addresses redirect, links follow the status), so
    only taking the page off the site is checked.
    """
    slugs = treatment.known_slugs()
    paths = [reverse("treatments:detail", args=[slug]) for slug in slugs]
    paths += [reverse("waitlist:join", args=[slug]) for slug in slugs]
    problems = [
        f"{capfirst(record._meta.verbose_name)} “{record}” links to its page or waitlist."
        for record in content_linking_to(paths=paths, exclude=treatment)
    ]
    if has_people_waiting(treatment=treatment):
        problems.append("People are on its waitlist, and the clinic has promised to contact them.")
    return problems
