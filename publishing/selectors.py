"""Reads: a page's waiting changes, its review rule, its latest clinical review, and who may publish it."""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery
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


def open_change_state(model: type[models.Model]) -> Subquery:
    """For a change list: the state of each row's waiting change (draft or scheduled), or None."""
    waiting = PageChange.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=OuterRef("pk"),
        kind=PageChange.Kind.EDIT,
        state__in=PageChange.OPEN_STATES,
    )
    return Subquery(waiting.values("state")[:1])


def needs_clinical_review(page: models.Model) -> bool:
    declares = getattr(page, "declares_clinical_review", None)  # a record whose own kind always needs it
    if declares is not None and declares():
        return True
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
