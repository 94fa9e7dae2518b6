"""Public pages use a small, fixed number of queries however much content there is."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    EducationSectionFactory,
    FaqFactory,
    FirstVisitSectionFactory,
    RouteFactory,
    TreatmentFactory,
)
from treatments.models import FirstVisitSection, Treatment

pytestmark = pytest.mark.django_db

# A cold home page: 5 for the frame every page shares (clinic details, their opening hours and closed days, menu
# links, legal pages: read once into the cache), 4 for its own treatments, financing and page texts.
MAX_QUERIES = 9
PATHS = [
    "/",
    "/treatments/",
    "/treatments/compare/",
    "/ketamine/",
    "/treatments/big/",
    "/treatments/big/first-visit/",
    "/questions/",
]


def make_content(*, treatments, faqs):
    big = TreatmentFactory(slug="big", status=Treatment.Status.WAITLIST)
    others = [
        TreatmentFactory(status=status)
        for _, status in zip(range(treatments - 1), Treatment.Status.values * treatments, strict=False)
    ]
    for number in range(faqs):
        FaqFactory(treatment=big if number % 2 else None)
    for treatment in [big, *others]:
        RouteFactory(treatment=treatment)
        for topic in FirstVisitSection.Topic.values:
            FirstVisitSectionFactory(treatment=treatment, topic=topic)
    for _ in range(max(1, treatments // 5)):
        EducationSectionFactory()


def queries_per_page():
    counts = {}
    for path in PATHS:
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(path).status_code == 200, path
        counts[path] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_content(db):
    make_content(treatments=3, faqs=4)
    queries_per_page()  # the first requests of a process fill its own caches (content types) once; then measure
    cache.clear()
    small = queries_per_page()
    # Any save empties the page cache, so the large run also renders every page from scratch.
    Treatment.objects.all().delete()
    make_content(treatments=50, faqs=300)
    large = queries_per_page()
    assert Treatment.objects.count() == 50
    assert small == large
    assert max(large.values()) <= MAX_QUERIES, large


def test_cached_pages_need_no_queries(db, django_assert_max_num_queries):
    make_content(treatments=50, faqs=300)
    for path in PATHS:
        Client().get(path)
    for path in PATHS:
        with django_assert_max_num_queries(0):
            assert Client().get(path).status_code == 200, path
