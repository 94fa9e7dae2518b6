"""Reads: a page's waiting changes, its review rule, its latest clinical review, who may publish it, and the
scheduled changes the worker is late with."""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from .models import REVIEW_PERMISSION, PageChange, ReviewRequirement


@dataclass(frozen=True)
class Review:
    """A clinical review as the public page shows it: "Reviewed by <name> on <date>"."""

    name: str
    date: datetime.date


def is_live(page: models.Model) -> bool:
    """Whether patients can see the page now; a model without a published flag is always live."""
    return getattr(page, "is_published", True)


def can_go_offline(model: type[models.Model]) -> bool:
    """Only a page that can be unpublished can be set to go offline; required pages (legal) cannot."""
    return any(field.name == "is_published" for field in model._meta.concrete_fields)


def is_clinical_reviewer(*, user) -> bool:
    return user.is_active and user.has_perm(REVIEW_PERMISSION)


def changes_of(page: models.Model) -> QuerySet[PageChange]:
    return PageChange.objects.filter(content_type=ContentType.objects.get_for_model(page), object_id=page.pk)


def open_change(page: models.Model, *, kind: str = PageChange.Kind.EDIT) -> PageChange | None:
    return changes_of(page).filter(kind=kind, state__in=PageChange.OPEN_STATES).first()


def needs_clinical_review(page: models.Model) -> bool:
    return ReviewRequirement.objects.filter(
        content_type=ContentType.objects.get_for_model(page), object_id=page.pk
    ).exists()


def may_publish(*, user, page: models.Model) -> bool:
    return not needs_clinical_review(page) or is_clinical_reviewer(user=user)


def latest_review(page: models.Model) -> Review | None:
    """The last clinical review of a published change to the page, if any."""
    change = (
        changes_of(page)
        .filter(state=PageChange.State.PUBLISHED, reviewed_at__isnull=False)
        .order_by("-published_at", "-pk")
        .first()
    )
    if change is None:
        return None
    return Review(name=change.reviewer_name, date=timezone.localdate(change.reviewed_at))


def due_changes(*, now: datetime.datetime) -> QuerySet[PageChange]:
    return PageChange.objects.filter(state=PageChange.State.SCHEDULED, publish_at__lte=now).order_by("publish_at", "pk")


# The worker publishes due changes every minute: a change still scheduled this long after its time
# means no worker is running.
OVERDUE_AFTER = datetime.timedelta(minutes=3)


def overdue_changes(*, now: datetime.datetime) -> QuerySet[PageChange]:
    """Scheduled changes (edits and going offline) still waiting more than OVERDUE_AFTER past their time."""
    return due_changes(now=now - OVERDUE_AFTER)


def is_overdue(change: PageChange | None, *, now: datetime.datetime) -> bool:
    return (
        change is not None
        and change.state == PageChange.State.SCHEDULED
        and change.publish_at is not None
        and change.publish_at <= now - OVERDUE_AFTER
    )
