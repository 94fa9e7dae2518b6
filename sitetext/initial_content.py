"""A row for every declared page text, empty: an empty text shows the shipped words (SiteText). Never changes a row."""

from content.page_cache import clear_public_pages
from publishing.shipped import Loaded

from .models import SiteText
from .registry import all_texts


def load_initial_content() -> Loaded:
    existing = set(SiteText.objects.values_list("key", flat=True))
    missing = [SiteText(key=key) for key in all_texts() if key not in existing]
    if missing:
        SiteText.objects.bulk_create(missing, ignore_conflicts=True)
        clear_public_pages()  # bulk_create sends no save signal
    return Loaded(created=[*missing])
