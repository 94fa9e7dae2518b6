"""A row for every declared page text, empty: an empty text shows the shipped words (SiteText). Never changes
staff's words. A text whose shipped words a release changed is stamped as changed (`updated_at`), so a review
line that vouched for the old words goes until a clinical reviewer publishes the page again."""

from content.page_cache import clear_public_pages
from publishing.shipped import Loaded

from .models import SiteText
from .registry import all_texts


def load_initial_content() -> Loaded:
    declared = all_texts()
    existing = {row.key: row for row in SiteText.objects.filter(key__in=declared)}
    missing = [SiteText(key=key) for key in declared if key not in existing]
    for row in missing:
        row.shipped_words = row.shipped_digest()
    if missing:
        SiteText.objects.bulk_create(missing, ignore_conflicts=True)
        clear_public_pages()  # bulk_create sends no save signal
    loaded = Loaded(created=[*missing])
    for row in existing.values():
        digest = row.shipped_digest()
        if row.shipped_words == digest:
            continue
        if not row.shipped_words:  # a row from before digests: what it showed before is not known
            SiteText.objects.filter(pk=row.pk).update(shipped_words=digest)
            continue
        row.shipped_words = digest
        row.save(update_fields=["shipped_words", "updated_at"])  # new words on its pages since their review
        loaded.updated += 1
    return loaded
