"""Requests with known waits, for the tests of what the pages say about how long things usually take."""

import datetime

from django.utils import timezone

from intake.models import ContactAttempt, IntakeRequest
from tests.factories import CallBackRequestFactory, IntakeRequestFactory


def call_backs(*, count, treatment, made, contacted=None, outcome="spoke", **fields):
    """`count` call-back requests made at `made`, each with a first contact at `contacted` (if given)."""
    requests = CallBackRequestFactory.create_batch(count, treatment=treatment, **fields)
    IntakeRequest.objects.filter(pk__in=[request.pk for request in requests]).update(created_at=made)
    if contacted is not None:
        for request in requests:
            ContactAttempt.objects.create(request=request, outcome=outcome, made_at=contacted)
    return requests


def contacted_after(*, count, treatment, days, now=None):
    """`count` call-back requests contacted now, made `days` calendar days ago (a multiple of 7 is 5 working days
    a week, whatever the day)."""
    now = now or timezone.now()
    return call_backs(count=count, treatment=treatment, made=now - datetime.timedelta(days=days), contacted=now)


def people_waiting(*, count, treatment, since, status="new"):
    """`count` people on `treatment`'s waitlist, the first of them since `since`, the others since an hour ago."""
    people = IntakeRequestFactory.create_batch(count, treatment=treatment, status=status)
    IntakeRequest.objects.filter(pk__in=[person.pk for person in people]).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    IntakeRequest.objects.filter(pk=people[0].pk).update(created_at=since)
    return people
