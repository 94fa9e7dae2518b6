"""The team's rules: who may change which treatment pages show a profile."""

from django.contrib.auth.models import AnonymousUser, User

from publishing.selectors import is_clinical_reviewer, is_marked
from treatments.models import Treatment

from .models import Provider


def treatments_change_refusal(
    *, user: User | AnonymousUser | None, provider: Provider, treatments: list[Treatment]
) -> str | None:
    """Why `user` may not make a published profile show on `treatments` (or stop showing on the others), or None.

    A profile on a treatment page is part of that page: adding it to, or taking it off, a page marked *Needs clinical
    review* changes that page, so only a clinical reviewer may do it (publishing's rule, for the links it cannot see:
    its drafts keep a record's own fields).
    """
    if not provider.is_published or isinstance(user, AnonymousUser) or is_clinical_reviewer(user=user):
        return None
    before = set(provider.treatments.all()) if provider.pk is not None else set()
    changed = sorted(before.symmetric_difference(treatments), key=lambda treatment: treatment.name)
    marked = [treatment for treatment in changed if is_marked(page=treatment)]
    if not marked:
        return None
    pages = ", ".join(f"the {treatment} page" for treatment in marked)
    return f"This change needs a clinical review because it changes {pages}. Please ask a clinical reviewer."
