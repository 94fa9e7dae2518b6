"""Public pages use a small, fixed number of queries however much content there is."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from content.page_cache import forget_seen_version, page_frame
from tests.factories import (
    EducationSectionFactory,
    FaqFactory,
    FirstVisitSectionFactory,
    RouteFactory,
    TreatmentFactory,
)
from treatments.models import FirstVisitSection, Treatment

pytestmark = pytest.mark.django_db

# The frame every page shares is one cached value (content.page_cache.page_frame): from an empty cache, 11 queries
# (the clinic record with its opening hours and closed days, menu links, legal pages, page texts, open waitlists, the
# financing teaser, the comparison routes, which treatments have a first-visit page and the latest clinical
# reviews), read once for every page.
# A page the page cache does not hold then costs at most 4 queries of its own.
FRAME_QUERIES = 11
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


def queries(path):
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(path).status_code == 200, path
    return len(captured)


def queries_per_page():
    """Each page's queries when the page cache does not hold it, the frame read (as any page but the first after an
    edit finds it)."""
    counts = {}
    for path in PATHS:
        cache.clear()
        page_frame()
        counts[path] = queries(path)
    return counts


def test_query_counts_do_not_grow_with_content(db):
    make_content(treatments=3, faqs=4)
    queries_per_page()  # the first requests of a process fill its own caches (content types) once; then measure
    small = queries_per_page()
    # Any save empties the page cache, so the large run also renders every page from scratch.
    Treatment.objects.all().delete()
    make_content(treatments=50, faqs=300)
    large = queries_per_page()
    assert Treatment.objects.count() == 50
    assert small == large
    assert all(count <= 4 for count in large.values()), large


def test_the_frame_costs_a_cold_page_its_queries_once_from_an_empty_cache(db):
    make_content(treatments=50, faqs=300)
    own = queries_per_page()
    for path in PATHS:
        cache.clear()
        forget_seen_version()  # as a new server process finds it
        assert queries(path) == FRAME_QUERIES + own[path], path


def test_cached_pages_need_no_queries(db, django_assert_max_num_queries):
    make_content(treatments=50, faqs=300)
    for path in PATHS:
        Client().get(path)
    for path in PATHS:
        with django_assert_max_num_queries(0):
            assert Client().get(path).status_code == 200, path
