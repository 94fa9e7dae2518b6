"""A page's staff-editable field values as text, to keep a proposed change apart from the live row."""

from django.db import models

from content.history import comparable


def editable_fields(model: type[models.Model]) -> list[models.Field]:
    return [field for field in model._meta.concrete_fields if field.editable and not field.primary_key]


def field_values(page: models.Model) -> dict[str, str | None]:
    """{field name: value as text} for every staff-editable field, the way Django's serializers write them."""
    return {
        field.name: None if field.value_from_object(page) is None else field.value_to_string(page)
        for field in editable_fields(type(page))
    }


def changed_values(*, live: models.Model, proposed: models.Model) -> dict[str, str | None]:
    """The fields whose value in `proposed` differs from `live` (texts compared as forms read them)."""
    before = {name: comparable(value) for name, value in field_values(live).items()}
    return {name: value for name, value in field_values(proposed).items() if before.get(name) != comparable(value)}


def apply_values(page: models.Model, values: dict[str, str | None]) -> models.Model:
    """Set `values` on `page` (in memory) and return it; a field the model no longer has is skipped."""
    fields = {field.name: field for field in editable_fields(type(page))}
    for name, value in values.items():
        if name in fields:
            field = fields[name]
            setattr(page, field.attname, None if value is None else field.to_python(value))
    return page
