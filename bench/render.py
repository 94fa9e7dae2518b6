"""Render time and query count of each public page when the page cache does not hold it (run by bench/run.py).

Every request starts with the page cache empty and the page frame (header, menu, footer, page texts: one cached
value, content.page_cache.page_frame) read, as every page but the first after a deploy or an edit finds it; so
each figure is the page's own render from the database. Two more rows, shown but not judged against the target:
the home page with the cache entirely empty (the frame read from the database too), and the waitlist form shown
again with errors.
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
    from content.page_cache import bump_content_version, forget_seen_version, page_frame
    from financing.models import FinancingPlan

    def after_an_edit():
        bump_content_version()
        page_frame()

    def figures_worked_out_too():
        cache.clear()
        page_frame()

    def cold_start():  # a new server process on an empty cache
        cache.clear()
        forget_seen_version()

    plan_id = FinancingPlan.objects.filter(months=12, kind="deferred_interest").values_list("pk", flat=True).first()
    client = Client(HTTP_HOST="127.0.0.1")

    # (name, request, judged against the target, run before each request)
    urls = {name: resolve(path, plan_id=plan_id) for name, path in PAGES.items()}
    cases = [(name, lambda url=url: client.get(url), True, after_an_edit) for name, url in urls.items()]
    cases += [
        ("  empty cache", lambda: client.get(urls["home"]), False, cold_start),
        ("  usual time too", lambda: client.get(urls["call back form"]), False, figures_worked_out_too),
        ("  with errors", lambda: client.post(urls["waitlist form"], {"first_name": "Alex"}), False, after_an_edit),
    ]
    timings = {name: [] for name, *_ in cases}
    # Round-robin, so a slow spell of the VM falls on every page alike rather than on one.
    for _ in range(ROUNDS):
        for name, request, _, before_each in cases:
            before_each()
            started = time.perf_counter()
            response = request()
            timings[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (name, response.status_code)
    for name, request, judged, before_each in cases:
        before_each()
        with CaptureQueriesContext(connection) as queries:
            request()
        print(f"{name}\t{statistics.median(timings[name]):.2f}\t{len(queries)}\t{'target' if judged else 'info'}")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings")
    main()
