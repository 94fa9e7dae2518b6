"""Which content links to a page, so a page others link to is not taken off the site by mistake."""

import re
from collections.abc import Iterable

from django.db import models

from .registry import content_models

TEXT_FIELDS = (models.CharField, models.TextField)


def content_linking_to(*, paths: Iterable[str], exclude: models.Model | None = None) -> list[models.Model]:
    """Every content record (published or not) whose text links to one of `paths`, such as /treatments/spravato/.

    A link counts however it is written: relative or with the site's address, with or without the final slash.
    """
    stems = [path.rstrip("/") for path in paths if path.strip("/")]
    if not stems:
        return []
    # The address, ended: /treatments/spravato links there, /treatments/spravato-2 does not.
    pattern = re.compile("|".join(f"{re.escape(stem)}(?![\\w-])" for stem in stems))
    found = []
    for model in content_models():
        fields = [field.name for field in model._meta.concrete_fields if isinstance(field, TEXT_FIELDS)]
        query = models.Q()
        for field in fields:
            for stem in stems:
                query |= models.Q(**{f"{field}__contains": stem})
        candidates = model._default_manager.filter(query)
        if exclude is not None and isinstance(exclude, model):
            candidates = candidates.exclude(pk=exclude.pk)
        found += [
            record for record in candidates if any(pattern.search(getattr(record, field) or "") for field in fields)
        ]
    return found
