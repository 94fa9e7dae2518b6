"""A row for every declared site text, in its default words and their shipped Spanish. Never overwrites staff edits."""

from content.page_cache import clear_public_pages
from translation.catalogues import shipped_spanish

from .models import SiteText
from .registry import all_texts


def load_initial_content() -> int:
    existing = set(SiteText.objects.values_list("key", flat=True))
    missing = [
        SiteText(key=key, text=spec.default, text_es=shipped_spanish(spec.default, key) or "")
        for key, spec in all_texts().items()
        if key not in existing
    ]
    if missing:
        SiteText.objects.bulk_create(missing, ignore_conflicts=True)
        clear_public_pages()  # bulk_create sends no save signal
    return len(missing)
