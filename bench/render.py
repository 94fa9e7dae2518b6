"""Uncached, in-process render time and query count of each public page (run by bench/run.py).

Every request starts with an empty cache, so each figure is a full render from the database.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

ROUNDS = 30


def main():
    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.pages import PAGES, resolve
    from financing.models import FinancingPlan

    plan_id = FinancingPlan.objects.filter(months=12, kind="deferred_interest").values_list("pk", flat=True).first()
    client = Client(HTTP_HOST="127.0.0.1")
    for name, path in PAGES.items():
        url = resolve(path, plan_id=plan_id)
        timings = []
        for _ in range(ROUNDS):
            cache.clear()
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(f"{name}\t{statistics.median(timings):.2f}\t{len(queries)}")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings")
    main()
