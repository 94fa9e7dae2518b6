"""Uncached, in-process render time and query count of each public page (run by bench/run.py).

Every request starts with an empty cache, so each figure is a full render from the database. The
waitlist page is never cached whole (it carries a CSRF token); its blank form is drawn once for all
visitors and kept in the shared cache (`{% cache %}` in intake/form.html), so it is measured with that
fragment stored, as every request but the first after a deploy or an edit finds it. Two more rows,
shown but not judged against the target: that first draw, and the form shown again with errors.
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
    from django.core.cache.utils import make_template_fragment_key
    from django.db import connection
    from django.template import engines
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from bench.pages import PAGES, WAITLIST_FORMS, resolve
    from content.page_cache import content_version
    from financing.models import FinancingPlan
    from intake.forms import WaitlistForm

    blank_form = engines["django"].from_string("{% load crispy_forms_tags %}{% crispy form %}")

    def store_blank_form(language):
        # Keyed by the content version and language the page will read (the words of the form are site texts).
        key = make_template_fragment_key("intake-blank-form", ["waitlist", content_version(), language])
        with translation.override(language):
            cache.set(key, blank_form.render({"form": WaitlistForm()}))

    plan_id = FinancingPlan.objects.filter(months=12, kind="deferred_interest").values_list("pk", flat=True).first()
    client = Client(HTTP_HOST="127.0.0.1")

    waitlist = PAGES["waitlist form"]
    # (name, request, judged against the target, run before each request)
    urls = {name: resolve(path, plan_id=plan_id) for name, path in PAGES.items()}
    cases = [
        (
            name,
            lambda url=url: client.get(url),
            True,
            (lambda language=WAITLIST_FORMS[url]: store_blank_form(language)) if url in WAITLIST_FORMS else None,
        )
        for name, url in urls.items()
    ]
    cases += [
        ("  first draw", lambda: client.get(waitlist), False, None),
        ("  with errors", lambda: client.post(waitlist, {"first_name": "Alex"}), False, None),
    ]
    timings = {name: [] for name, *_ in cases}
    # Round-robin, so a slow spell of the VM falls on every page alike rather than on one.
    for _ in range(ROUNDS):
        for name, request, _, before_each in cases:
            cache.clear()
            if before_each:
                before_each()
            started = time.perf_counter()
            response = request()
            timings[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (name, response.status_code)
    for name, request, judged, _ in cases:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            request()
        print(f"{name}\t{statistics.median(timings[name]):.2f}\t{len(queries)}\t{'target' if judged else 'info'}")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings")
    main()
