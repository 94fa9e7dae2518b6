"""Run against a restored database (DATABASE_URL) in its own process: prints, as JSON, the row count of every
table, then what a waitlist sign-up and a superuser's admin pages answer on it.

`python -m tests.backups.restored_site EMAIL` from the project folder, with DJANGO_ADMIN_REQUIRE_2FA=false.
"""

import json
import os
import sys

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from intake.models import IntakeRequest  # noqa: E402
from tests.factories import waitlist_form_data  # noqa: E402


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


setup_test_environment()
tables = row_counts()
requests_before = IntakeRequest.objects.count()
signup = Client().post("/waitlist/spravato/", waitlist_form_data(email=sys.argv[1]))
staff = Client()
staff.force_login(User.objects.get(is_superuser=True))
print(
    json.dumps(
        {
            "tables": tables,
            "signup_status": signup.status_code,
            "signup_redirect": signup.get("Location", ""),
            "new_requests": IntakeRequest.objects.count() - requests_before,
            "admin_home": staff.get("/admin/").status_code,
            "admin_queue": staff.get("/admin/waitlist/intakerequest/").status_code,
            "admin_queue_matches": staff.get("/admin/waitlist/intakerequest/", {"q": sys.argv[1]})
            .context["cl"]
            .result_count,
        }
    )
)
