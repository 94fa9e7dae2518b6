"""Key rotation: re-encrypt every stored value under the first key of DJANGO_FIELD_ENCRYPTION_KEYS."""

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction

from .fields import encrypted_fields
from .keys import is_under_first_key, rotate

BATCH_SIZE = 500


@dataclass(frozen=True, kw_only=True)
class Rotated:
    model: str
    values: int  # re-encrypted now
    current: int  # already under the first key


def rotate_field_encryption(*, batch_size: int = BATCH_SIZE) -> list[Rotated]:
    """Re-encrypt, table by table, every encrypted value not yet under the first key.

    Works on the stored text directly: no save(), so no `updated_at` changes (retention counts from it)
    and no history row is written. Each value is written back only if it is still the one read, so a
    value the site changed meanwhile (already under the first key) is never overwritten with an old one.
    Safe to run again after an interruption, and while the site runs.
    """
    return [
        _rotate_model(model=model, fields=fields, batch_size=batch_size)
        for model in apps.get_models(include_auto_created=True)
        if (fields := encrypted_fields(model))
    ]


def _rotate_model(*, model: type[models.Model], fields: list[models.Field[Any, Any]], batch_size: int) -> Rotated:
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    rotated = current = 0
    last_pk: object = None
    for field in fields:
        column = quote(field.column)
        last_pk = None
        while True:
            after = "" if last_pk is None else f"AND {pk} > %s "
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {pk}, {column} FROM {table} WHERE {column} <> '' {after}ORDER BY {pk} LIMIT %s",  # noqa: S608
                    ([] if last_pk is None else [last_pk]) + [batch_size],
                )
                rows = cursor.fetchall()
            if not rows:
                break
            with transaction.atomic():
                for row_pk, token in rows:
                    if is_under_first_key(token):
                        current += 1
                        continue
                    with connection.cursor() as cursor:
                        cursor.execute(
                            f"UPDATE {table} SET {column} = %s WHERE {pk} = %s AND {column} = %s",  # noqa: S608
                            [rotate(token), row_pk, token],
                        )
                    rotated += 1
            last_pk = rows[-1][0]
    return Rotated(model=model._meta.label, values=rotated, current=current)
