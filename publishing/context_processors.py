from django.urls import reverse


def page_preview(request):
    """The waiting change a staff preview shows (publishing.previews), for the notice at the top of the page."""
    change = getattr(request, "page_preview", None)
    if change is None:
        return {}
    meta = change.content_type
    edit_url = reverse(f"admin:{meta.app_label}_{meta.model}_change", args=[change.object_id])
    return {"page_preview": change, "page_preview_edit_url": edit_url}
