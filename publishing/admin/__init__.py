"""Admin for pages patients read: edits to a live page wait as a draft change until they are published.

A content app's admin for a page-like model (one with a public address) subclasses LivePageAdmin. Its
change form shows the waiting change, if any, and offers "Save as a draft change", "Save draft and
preview", "Schedule" and "Publish now"; the page's publishing settings (publish at, go offline at,
needs clinical review) sit in their own fieldset.

Each step is a view of its own, with the state it works on passed to it, never kept on the request:
- content.py: ReviewedContentAdmin, for content saved straight to the site (rows of a list, deletes, reverts);
- live_page.py: LivePageAdmin, whose change form dispatches to edit_views.py (one view per button);
- live_preview.py: LivePreviewMixin, the live preview beside a change form (any admin of a page can have it);
- page_changes.py: the list of changes to live pages, with change_views.py (preview, discard).
"""

from .content import ReviewedContentAdmin
from .live_page import LivePageAdmin
from .live_preview import LivePreviewMixin
from .page_changes import OVERDUE_LABEL, PageChangeAdmin

__all__ = ["OVERDUE_LABEL", "LivePageAdmin", "LivePreviewMixin", "PageChangeAdmin", "ReviewedContentAdmin"]
