"""Waitlist entries in a known order of joining, for the invitation tests."""

from datetime import timedelta

from django.utils import timezone

from intake.models import IntakeRequest
from tests.factories import IntakeRequestFactory


def in_line(treatment, count, *, start=None, **fields):
    """`count` waitlist entries of `treatment` that joined a day apart (from `start`, 400 days ago unless given),
    oldest first."""
    start = start or timezone.now() - timedelta(days=400)
    entries = []
    for index in range(count):
        entry = IntakeRequestFactory(treatment=treatment, **fields)
        IntakeRequest.objects.filter(pk=entry.pk).update(created_at=start + timedelta(days=index))
        entries.append(entry)
    return entries
