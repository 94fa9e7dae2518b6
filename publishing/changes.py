"""What a waiting change would do to its page, field by field, in the history's words."""

from content.history import FieldChange, field_change

from .models import PageChange
from .values import apply_values, editable_fields


def change_summary(change: PageChange) -> list[FieldChange]:
    model = change.content_type.model_class()
    if model is None:
        return []
    pages = model._default_manager.filter(pk=change.object_id)
    live = pages.first()
    if live is None:
        return []
    proposed = apply_values(pages.get(), change.values)
    return [
        field_change(field, getattr(live, field.name), getattr(proposed, field.name))
        for field in editable_fields(model)
        if field.name in change.values
    ]


def page_label(change: PageChange) -> str:
    """The page of a change as staff pages and emails name it: its kind and its title ("FAQ: Can I drive …")."""
    model = change.content_type.model_class()
    kind = str(model._meta.verbose_name) if model is not None else change.content_type.name
    return f"{kind[:1].upper()}{kind[1:]}: {change.page or 'a deleted page'}"
