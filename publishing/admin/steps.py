"""A change's life in staff's words: who prepared it and when, each step since (a reviewer's edits as theirs),
where its clinical review stands, and when and by whom it went live."""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.formats import date_format

from content.history import WHEN_FORMAT, staff_name

from .. import selectors
from ..models import ChangeStep, PageChange

FORMER_STAFF = "a former staff member"


@dataclass(frozen=True)
class StepLine:
    who: str
    what: str
    when: str
    fields: str  # the fields the step changed, as the change form names them
    comment: str


def when(moment) -> str:
    return date_format(timezone.localtime(moment), WHEN_FORMAT) if moment else ""


def step_lines(change: PageChange) -> list[StepLine]:
    model = change.content_type.model_class()
    return [
        StepLine(
            who=_who(step),
            what=step.get_action_display(),
            when=when(step.at),
            fields=", ".join(_label(model, name) for name in step.fields),
            comment=step.comment,
        )
        for step in selectors.steps_of(change=change)
    ]


def _who(step: ChangeStep) -> str:
    if step.by is not None:
        return staff_name(step.by)
    return "The site, as scheduled" if step.action == ChangeStep.Action.PUBLISHED else FORMER_STAFF


def _label(model, name: str) -> str:
    try:
        label = str(model._meta.get_field(name).verbose_name) if model else name
    except FieldDoesNotExist:
        label = name
    return label[:1].upper() + label[1:]


def prepared(change: PageChange) -> str:
    """ "Sam Lee, Dec 7, 2026, 9:30 AM": who prepared it and when they last wrote it."""
    who = staff_name(change.prepared_by) or ("the site's shipped words" if not change.steps.exists() else FORMER_STAFF)
    return f"{who}, {when(change.prepared_at or change.updated_at)}"


def review_status(change: PageChange) -> str:
    """Where the change stands with the clinical reviewers, in one line."""
    if change.reviewed_at:
        return f"Approved by {change.reviewer_name}, {when(change.reviewed_at)}"
    if change.review == PageChange.Review.WAITING:
        by = staff_name(change.submitted_by) or FORMER_STAFF
        return f"Waiting for a clinical review since {when(change.submitted_at)} (submitted by {by})"
    sent_back = selectors.last_sent_back(change=change)
    if sent_back is not None:
        return f"Sent back by {staff_name(sent_back.by) or FORMER_STAFF}, {when(sent_back.at)}"
    return "Not asked" if change.is_open else "No clinical review"


def published(change: PageChange) -> str:
    if not change.published_at:
        return "Not yet"
    return f"{when(change.published_at)} by {staff_name(change.published_by) or 'the site, as scheduled'}"
