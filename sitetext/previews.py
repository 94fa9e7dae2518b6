"""Where staff preview a draft of a page text: the registry's Preview for the text's page says how.

Called by publishing.previews inside its rolled-back transaction, so the draft's words are the ones in the
database and every page text reads them from there.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from publishing.previews import NothingToPreview, render_public_page

from .models import SiteText
from .registry import all_texts, previews
from .selectors import current_texts


def render_text_preview(*, request: HttpRequest, text: SiteText) -> HttpResponse:
    spec = text.spec
    preview = previews().get(spec.page)
    if preview is None:
        raise NothingToPreview(f"no page is declared to show the texts of “{spec.page}”.")
    if preview.email:
        return render(request, "sitetext/email_preview.html", {"email": _email(text.key)})
    template = preview.template(text.key) if preview.template else None
    if template is not None:
        return render(request, template)
    path = preview.path(text.key) if preview.path else None
    if path is None:
        raise NothingToPreview(
            "this text is shown only in a state a preview cannot open (a patient's own link, a mistake in a form), "
            "or no published page shows it now. Check the words in the form."
        )
    return render_public_page(request, path=path)


def _email(key: str) -> list[tuple[str, str]]:
    """[(label, words)] of the email the text belongs to: its subject and its text, in the active language."""
    stem = key.removesuffix("subject").removesuffix("body")
    texts, declared = current_texts(), all_texts()
    return [(declared[key].label, texts[key]) for key in (f"{stem}subject", f"{stem}body") if key in declared]
