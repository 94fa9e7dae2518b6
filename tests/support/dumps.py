"""What a database dump holds: `pg_dump` of the test database, as any other connection sees it (committed rows)."""

import subprocess

from django.db import connection


def pg_dump() -> bytes:
    database = connection.settings_dict
    return subprocess.run(
        ["pg_dump", "--no-owner", "-h", database["HOST"], "-p", str(database["PORT"]), "-U", database["USER"],
         database["NAME"]],
        capture_output=True, check=True, timeout=120,
    ).stdout  # fmt: skip
