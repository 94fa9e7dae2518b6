"""Data steps for migrations that turn plain columns into encrypted ones (or back).

They work on the stored text with SQL, not through models: a migration's model already has the encrypted
field, which would try to decrypt the plain text still in the column. Each row may also get extra values
computed from its plain text (the keyed hashes stored beside it).
"""

from collections.abc import Callable

from .keys import decrypt, encrypt

Extra = Callable[[dict[str, str]], dict[str, str]]


def convert_columns(
    schema_editor, *, table: str, columns: list[str], encrypting: bool, extra: Extra | None = None, pk: str = "id"
) -> None:
    """Encrypt (or decrypt) every non-empty value of `columns`; `extra(plain values)` adds columns to set."""
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    convert = encrypt if encrypting else decrypt
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(pk)}, {', '.join(map(quote, columns))} FROM {quote(table)}")  # noqa: S608
        rows = cursor.fetchall()
    for row_pk, *stored in rows:
        values = {column: convert(value) if value else value for column, value in zip(columns, stored, strict=True)}
        plain = dict(zip(columns, stored, strict=True)) if encrypting else values
        if extra is not None:
            values |= extra(plain)
        assignments = ", ".join(f"{quote(column)} = %s" for column in values)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {quote(table)} SET {assignments} WHERE {quote(pk)} = %s",  # noqa: S608
                [*values.values(), row_pk],
            )
