"""Writes and rules for changes to live pages.

A live page changes only when someone publishes (now) or when the worker applies a scheduled change;
until then a draft change lives in PageChange. A page marked as needing a clinical review can be
published (now, by schedule, or by a revert) only by a clinical reviewer, and the review is recorded.
"""

import copy
import datetime
import logging
from collections.abc import Mapping

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from content.history import staff_name
from content.page_cache import clear_public_pages
from outbox.models import OutgoingEmail
from outbox.services import record_email, send_soon

from . import selectors
from .changes import page_label
from .models import ChangeStep, PageChange, ReviewRequirement
from .values import apply_values, changed_values, field_values

logger = logging.getLogger(__name__)

REVIEW_NEEDED_MESSAGE = (
    "This page needs a clinical review: only a member of the Clinical reviewers group can publish it. "
    "Save your edits as a draft change and ask a reviewer to publish it."
)
# Said of a page, an FAQ, a photo or a page text alike: the reasons say which page it is on.
REVIEW_NEEDED_BECAUSE = (
    "Changing this needs a clinical review because {reasons}: only a member of the Clinical reviewers group "
)
ADVICE = {
    "draft": "Save your edits as a draft change and ask a reviewer to publish it.",
    "add": "Untick “published” to add it as a draft, and ask a reviewer to publish it.",
    "ask": "Ask a reviewer to make this change.",
}
OFFLINE_VALUES: dict[str, str | None] = {"is_published": "False"}


def reviewer_display_name(*, user: User) -> str:
    """The name the public page shows for a review: the full name entered in admin, never the username."""
    return user.get_full_name().strip() or "the clinic's clinical team"


def save_draft(*, page: models.Model, user: User, reason: str = "") -> PageChange | None:
    """Keep `page`'s in-memory values as its waiting change, replacing an earlier one; the live row is untouched.

    A draft is unscheduled and unreviewed until someone schedules or publishes it; one waiting for a clinical
    review (or sent back) stays so. Its preparer stays who first wrote it: another's edits (a reviewer's
    corrections) are recorded as their own steps, and `prepared_at` is when the preparer last wrote it. `reason`
    names what the page's history will call its publication (a revert). When the values are those of the live
    page, any waiting change is removed and None returned.
    """
    live = _live_row(page)
    values = changed_values(live=live, proposed=page)
    change = _open_change_for_update(live, kind=PageChange.Kind.EDIT)
    if not values:
        if change is not None:
            change.delete()
        return None
    new = change is None
    change = change or _new_change(live, kind=PageChange.Kind.EDIT)
    edited = _fields_changed(before={} if new else change.values, after=values)
    own = change.prepared_by_id in (None, user.pk)
    change.values = values
    change.state = PageChange.State.DRAFT
    if own:
        change.prepared_by = user
    if own and (edited or change.prepared_at is None):
        change.prepared_at = timezone.now()
    if edited or reason:
        change.reason = reason
    change.publish_at = change.scheduled_by = None
    change.reviewed_by, change.reviewer_name, change.reviewed_at = None, "", None
    if change.review == PageChange.Review.APPROVED:
        change.review = PageChange.Review.NOT_ASKED
    change.save()
    if edited:
        action = ChangeStep.Action.REVERTED if reason else ChangeStep.Action.SAVED if own else ChangeStep.Action.EDITED
        _step(change, action=action, by=user, fields=edited)
    return change


def schedule(*, page: models.Model, user: User, publish_at: datetime.datetime) -> PageChange | None:
    """Save `page`'s in-memory values as a change the worker publishes at `publish_at`; None if nothing changed."""
    _require_may_publish(user=user, page=page)
    change = save_draft(page=page, user=user)
    if change is None:
        return None
    change.state = PageChange.State.SCHEDULED
    change.publish_at = publish_at
    change.scheduled_by = user
    if selectors.needs_clinical_review(page=page):
        _record_review(change, user=user)
    change.save()
    _step(change, action=ChangeStep.Action.SCHEDULED, by=user)
    return change


def publish_now(*, page: models.Model, user: User, reason: str | None = None) -> PageChange | None:
    """Save `page` (new or changed, its values in memory) straight to the site as `user`.

    Checks the review rule; closes the waiting change the change form showed (a revert, which gives its
    history `reason`, leaves it waiting); and where putting the page live needs a clinical review, records
    it, timed after the save so that it covers the words saved. A reviewer publishing a reviewed page
    unchanged records a review of it as it stands. Returns the published change, if one was recorded.
    """
    live = _live_row(page) if page.pk is not None else None
    values = changed_values(live=live, proposed=page) if live is not None else field_values(page)
    unchanged = live is not None and not values and selectors.open_change(page=live) is None
    if unchanged and not selectors.is_clinical_reviewer(user=user):
        return None  # a save that changes nothing publishes nothing, and records nothing
    _require_may_save_live(user=user, page=page)
    change = _open_change_for_update(live, kind=PageChange.Kind.EDIT) if live is not None and not reason else None
    reviewed = selectors.is_live(page=page) and selectors.needs_clinical_review(page=page)
    page._history_user = user  # type: ignore[attr-defined]  # simple-history reads these two on save
    if change is None and not reviewed:
        if values:
            page._change_reason = reason  # type: ignore[attr-defined]
            page.save()
        return None
    change = change or PageChange(kind=PageChange.Kind.EDIT, prepared_by=user, prepared_at=timezone.now())
    change.values = values
    change.state = PageChange.State.PUBLISHED
    change.published_by = user
    change.publish_at = change.scheduled_by = None
    if reviewed:
        _record_review(change, user=user)
    if values:
        page._change_reason = reason or publication_reason(change=change)  # type: ignore[attr-defined]
        page.save()
    else:
        clear_public_pages()  # a review of the page as it stands changes its review line
    change.content_type, change.object_id = ContentType.objects.get_for_model(page), page.pk
    change.published_at = timezone.now()
    change.save()
    _step(change, action=ChangeStep.Action.APPROVED if reviewed else ChangeStep.Action.PUBLISHED, by=user)
    return change


def propose(*, page: models.Model, values: Mapping[str, object]) -> PageChange:
    """Add `values` to `page`'s waiting change, or a new draft, for a clinical reviewer to publish: the words a
    release ships (publishing.shipped) for a page they may not reach unreviewed. The change's other fields stay
    as staff left them; a scheduled change goes back to draft, as it now holds words no reviewer has seen."""
    live = _live_row(page)
    change = _open_change_for_update(live, kind=PageChange.Kind.EDIT) or _new_change(live, kind=PageChange.Kind.EDIT)
    proposed = apply_values(copy.copy(live), change.values)
    for name, value in values.items():
        setattr(proposed, name, value)
    change.values = changed_values(live=live, proposed=proposed)
    change.state = PageChange.State.DRAFT
    change.publish_at = change.scheduled_by = None
    change.reviewed_by, change.reviewer_name, change.reviewed_at = None, "", None
    change.save()
    return change


def set_offline_at(*, page: models.Model, when: datetime.datetime | None, user: User) -> None:
    """Have the worker take `page` offline at `when`; None cancels it."""
    if not selectors.can_go_offline(model=type(page)):
        raise ValueError(f"{type(page).__name__} pages cannot go offline")
    change = _open_change_for_update(page, kind=PageChange.Kind.OFFLINE)
    if when is not None:
        _require_may_save_live(user=user, page=apply_values(copy.copy(page), OFFLINE_VALUES))
    if when is None:
        if change is not None:
            change.delete()
        return
    change = change or _new_change(page, kind=PageChange.Kind.OFFLINE, prepared_by=user)
    change.values = OFFLINE_VALUES
    change.state = PageChange.State.SCHEDULED
    change.publish_at, change.scheduled_by = when, user
    change.save()


def set_needs_clinical_review(*, page: models.Model, needed: bool, user: User) -> None:
    if not selectors.is_clinical_reviewer(user=user):
        raise PermissionDenied("Only a clinical reviewer can change whether a page needs a clinical review.")
    rules = ReviewRequirement.objects.filter(content_type=ContentType.objects.get_for_model(page), object_id=page.pk)
    if not needed:
        rules.delete()
    elif not rules.exists():
        ReviewRequirement.objects.create(
            content_type=ContentType.objects.get_for_model(page), object_id=page.pk, marked_by=user
        )


def forget_page(*, page: models.Model) -> None:
    """A deleted page's waiting changes and review rule go with it; published changes stay as the record."""
    selectors.changes_of(page=page).filter(state__in=PageChange.OPEN_STATES).delete()
    ReviewRequirement.objects.filter(content_type=ContentType.objects.get_for_model(page), object_id=page.pk).delete()


def apply_due_changes(*, now: datetime.datetime | None = None) -> str:
    """The worker's routine job: publish every scheduled change whose time has come, oldest first."""
    now = now or timezone.now()
    applied = unscheduled = 0
    for change_id in selectors.due_changes(now=now).values_list("pk", flat=True):
        outcome = _apply(change_id=change_id, now=now)
        applied += outcome == "applied"
        unscheduled += outcome == "unscheduled"
    return f"applied {applied}, sent back to draft {unscheduled}"


def publication_reason(*, change: PageChange) -> str:
    """What the page's history says about this publication: how, who prepared it, who reviewed it and when."""
    if change.kind == PageChange.Kind.OFFLINE:
        parts = ["Went offline as scheduled"]
    else:
        parts = [change.reason or ("Published as scheduled" if change.scheduled_by_id else "Published")]
    if change.prepared_by_id and change.prepared_by_id != change.published_by_id:
        parts.append(f"prepared by {staff_name(change.prepared_by)}")
    if change.reviewed_at:
        reviewed_on = date_format(timezone.localdate(change.reviewed_at), "DATE_FORMAT")
        parts.append(f"clinical review by {change.reviewer_name} on {reviewed_on}")
    return "; ".join(parts)[:100]


class Refused(Exception):
    """A review step that cannot be taken now, with what to do instead in staff's words."""


def submit_for_review(*, change: PageChange, user: User, base_url: str) -> list[OutgoingEmail]:
    """Ask the clinical reviewers to review a waiting change of a page that needs it: records who asked and when,
    and emails every active clinical reviewer (but the one asking) a link to the review page, through the outbox,
    in this transaction. A change already waiting is not announced again. Returns the emails owed."""
    if change.kind != PageChange.Kind.EDIT or not change.is_open:
        raise Refused("This change is no longer waiting: it was published or discarded.")
    page = change.page
    if page is None or not selectors.needs_clinical_review(page=page):
        raise Refused("This page does not need a clinical review: publish the change yourself when it is ready.")
    if change.review == PageChange.Review.WAITING:
        return []
    again = change.review == PageChange.Review.SENT_BACK
    change.review = PageChange.Review.WAITING
    change.submitted_by, change.submitted_at = user, timezone.now()
    change.save()
    _step(change, action=ChangeStep.Action.SUBMITTED, by=user)
    values = {
        "page": page_label(change),
        "preparer": staff_name(user),
        "again": " again, with the edits asked for" if again else "",
        "url": base_url.rstrip("/") + reverse("admin:publishing_pagechange_review", args=[change.pk]),
    }
    emails = [
        record_email(
            purpose="publishing.review_requested",
            recipient=reviewer.email,
            subject=REVIEW_REQUESTED_SUBJECT.format(**values),
            body=REVIEW_REQUESTED_BODY.format(name=reviewer.first_name or reviewer.get_username(), **values),
        )
        for reviewer in selectors.clinical_reviewers().exclude(pk=user.pk).exclude(email="")
    ]
    if emails:
        send_soon(emails=emails)
    return emails


def send_back(*, change: PageChange, user: User, comment: str, base_url: str) -> OutgoingEmail | None:
    """A clinical reviewer sends a waiting change back to its preparer with a comment (required): the change stays
    a draft, unscheduled, with the comment shown on it, and its preparer is emailed a link to it (the comment
    stays in the admin, behind the sign-in). Returns the email owed, if any."""
    if not selectors.is_clinical_reviewer(user=user):
        raise PermissionDenied("Only a clinical reviewer can send a change back.")
    comment = comment.strip()
    if not comment:
        raise Refused("Write what needs to change before you send it back.")
    change = _still_waiting(change)
    change.review = PageChange.Review.SENT_BACK
    change.state = PageChange.State.DRAFT
    change.publish_at = change.scheduled_by = None
    change.reviewed_by, change.reviewer_name, change.reviewed_at = None, "", None
    change.save()
    _step(change, action=ChangeStep.Action.SENT_BACK, by=user, comment=comment)
    meta = change.content_type
    url = base_url.rstrip("/") + reverse(f"admin:{meta.app_label}_{meta.model}_change", args=[change.object_id])
    return _tell_preparer(change=change, user=user, subject=SENT_BACK_SUBJECT, body=SENT_BACK_BODY, url=url)


def approve(*, change: PageChange, user: User, seen: str, base_url: str) -> PageChange:
    """A clinical reviewer approves a waiting change and publishes it at once, with their review recorded, as
    "Publish now" does. `seen` is the digest of the words the reviewer read (selectors.change_digest): a change
    edited since is refused, to be read again. Its preparer, if someone else, is emailed that it is live."""
    if not selectors.is_clinical_reviewer(user=user):
        raise PermissionDenied("Only a clinical reviewer can approve a change.")
    change = _still_waiting(change)
    if seen != selectors.change_digest(change=change):
        raise Refused("The change was edited while you were reading it. Read it again below, then decide.")
    model = change.content_type.model_class()
    page = model._default_manager.select_for_update().filter(pk=change.object_id).first() if model else None
    if page is None:
        raise Refused("The page of this change was deleted.")
    apply_values(page, change.values)
    try:
        page.full_clean()
    except ValidationError as error:
        mistakes = " ".join(message for message in error.messages)
        raise Refused(f"It cannot go live as it is: {mistakes} Open the page to correct it.") from error
    published = publish_now(page=page, user=user)
    if published is None:  # pragma: no cover - a waiting change always publishes something
        raise Refused("There was nothing to publish.")
    _tell_preparer(change=published, user=user, subject=APPROVED_SUBJECT, body=APPROVED_BODY, url=base_url)
    return published


def _still_waiting(change: PageChange) -> PageChange:
    """The change as stored now, locked until the transaction ends: a colleague may have published or discarded
    it while the reviewer read it."""
    current = (
        PageChange.objects.select_for_update()
        .filter(pk=change.pk, kind=PageChange.Kind.EDIT, state__in=PageChange.OPEN_STATES)
        .first()
    )
    if current is None:
        raise Refused("This change is no longer waiting: it was published or discarded.")
    return current


def _tell_preparer(*, change: PageChange, user: User, subject: str, body: str, url: str) -> OutgoingEmail | None:
    preparer = change.prepared_by
    if preparer is None or preparer.pk == user.pk or not preparer.is_active or not preparer.email:
        return None
    values = {"page": page_label(change), "reviewer": staff_name(user), "url": url}
    email = record_email(
        purpose=f"publishing.{'sent_back' if change.is_open else 'approved'}",
        recipient=preparer.email,
        subject=subject.format(**values),
        body=body.format(name=preparer.first_name or preparer.get_username(), **values),
    )
    send_soon(emails=[email])
    return email


REVIEW_REQUESTED_SUBJECT = "Please review a change before it goes live: {page}"
REVIEW_REQUESTED_BODY = """Hello {name},

{preparer} asks you{again} for a clinical review of a change to a page of the clinic's website:

{page}

Patients still see the page as it was. Nothing changes for them until a clinical reviewer approves the change.

Open the change here to read it, and to see it as patients would:

{url}

Then do one of two things:
- Approve and publish: the change goes live at once, and the page shows your name as its reviewer.
- Send back: write what needs to change. {preparer} sees your comment on the draft and gets an email.
"""
SENT_BACK_SUBJECT = "Your change was sent back: {page}"
SENT_BACK_BODY = """Hello {name},

{reviewer} read your change and sent it back with a comment. It is not live; patients still see the page as it was.

{page}

Open the page to read the comment and make the edits:

{url}

When the change is ready, press "Save and submit for review" again. The reviewers get an email then.
"""
APPROVED_SUBJECT = "Your change is live: {page}"
APPROVED_BODY = """Hello {name},

{reviewer} approved your change after a clinical review, and it is now live:

{page}

You do not need to do anything. The staff site has the page's history: {url}
"""


def _apply(*, change_id: int, now: datetime.datetime) -> str:
    with transaction.atomic():
        change = PageChange.objects.select_for_update().filter(pk=change_id, state=PageChange.State.SCHEDULED).first()
        if change is None:
            return "gone"  # published, edited or discarded meanwhile
        model = change.content_type.model_class()
        page = model._default_manager.select_for_update().filter(pk=change.object_id).first() if model else None
        if page is None:
            change.delete()
            return "gone"
        apply_values(page, change.values)
        refused: bool | list[str]
        if change.kind == PageChange.Kind.EDIT:
            refused = not change.reviewed_at and selectors.review_reasons(record=page)
        else:  # going offline changes the pages that show it: as their rule was when it was scheduled
            refused = not selectors.may_save_live(user=change.scheduled_by, record=page)
        if refused:
            change.state = PageChange.State.DRAFT  # needs a review since it was scheduled: a reviewer decides
            change.save(update_fields=["state"])
            return "unscheduled"
        try:
            page.full_clean()
            with transaction.atomic():
                change.state = PageChange.State.PUBLISHED
                change.published_at, change.published_by = now, change.scheduled_by
                page._history_user = change.scheduled_by  # type: ignore[attr-defined]
                page._change_reason = publication_reason(change=change)  # type: ignore[attr-defined]
                page.save()
                change.save()
                _step(change, action=ChangeStep.Action.PUBLISHED, by=change.scheduled_by, at=now)
        except (ValidationError, IntegrityError):
            logger.warning("Scheduled page change %s could not be applied; it is a draft again", change.pk)
            PageChange.objects.filter(pk=change.pk).update(state=PageChange.State.DRAFT)
            return "unscheduled"
    return "applied"


def review_refusal(*, user: User | None, record: models.Model, live: bool | None = None, advice: str = "draft") -> str:
    """Why `user` may not save `record` (its values in memory) to the site, in staff's words; "" if they may.
    `live` as in selectors.review_reasons; `advice` names what they can do instead (ADVICE)."""
    if selectors.is_clinical_reviewer(user=user):
        return ""
    reasons = selectors.review_reasons(record=record, live=live)
    if not reasons:
        return ""
    if reasons == [selectors.MARKED] and advice == "draft":
        return REVIEW_NEEDED_MESSAGE
    verb = "publish it" if live is not False and selectors.is_live(page=record) else "take it off the site"
    return REVIEW_NEEDED_BECAUSE.format(reasons=" and ".join(reasons)) + f"can {verb}. " + ADVICE[advice]


def _require_may_publish(*, user: User, page: models.Model) -> None:
    refusal = review_refusal(user=user, record=page, live=True)
    if refusal:
        raise PermissionDenied(refusal)


def _require_may_save_live(*, user: User, page: models.Model) -> None:
    refusal = review_refusal(user=user, record=page)
    if refusal:
        raise PermissionDenied(refusal)


def _open_change_for_update(page: models.Model, *, kind: str) -> PageChange | None:
    """The page's waiting change, locked until the transaction ends, so the worker cannot publish it meanwhile."""
    return (
        selectors.changes_of(page=page).select_for_update().filter(kind=kind, state__in=PageChange.OPEN_STATES).first()
    )


def _record_review(change: PageChange, *, user: User) -> None:
    change.review = PageChange.Review.APPROVED
    change.reviewed_by, change.reviewer_name, change.reviewed_at = (
        user,
        reviewer_display_name(user=user),
        timezone.now(),
    )


def _live_row(page: models.Model) -> models.Model:
    return type(page)._default_manager.get(pk=page.pk)


def _new_change(page: models.Model, *, kind: str, prepared_by: User | None = None) -> PageChange:
    return PageChange(
        content_type=ContentType.objects.get_for_model(page), object_id=page.pk, kind=kind, prepared_by=prepared_by
    )


def _step(
    change: PageChange,
    *,
    action: str,
    by: User | None,
    fields: list[str] | None = None,
    comment: str = "",
    at: datetime.datetime | None = None,
) -> ChangeStep:
    return ChangeStep.objects.create(
        change=change, action=action, by=by, fields=fields or [], comment=comment, at=at or timezone.now()
    )


def _fields_changed(*, before: Mapping[str, str | None], after: Mapping[str, str | None]) -> list[str]:
    """The fields a save of a draft changed, compared with the draft as it was."""
    return sorted(name for name in {*before, *after} if before.get(name) != after.get(name))
