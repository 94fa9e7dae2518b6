"""Reads: a page's waiting changes, its review rule, its latest clinical review, who may publish it, and the
scheduled changes the worker is late with."""

import datetime
import hashlib
import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import dateformat, timezone

from content.page_cache import frame_part
from content.search import Hit, Terms, Text, field_label, hit_if_found, matches_in, texts_with_a_term
from translation.twins import spanish_name

from .models import REVIEW_PERMISSION, ChangeStep, PageChange, ReviewRequirement

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
MARKED = "it is marked “Needs clinical review”"


@dataclass(frozen=True)
class Review:
    """A clinical review as the public page shows it: "Reviewed by <name> on <date>"."""

    name: str
    date: datetime.date
    current: bool = True  # False: a word on the page has changed since; the page must not state it


def is_live(*, page: models.Model) -> bool:
    """Whether patients can see the page now; a model without a published flag is always live."""
    return getattr(page, "is_published", True)


def can_go_offline(*, model: type[models.Model]) -> bool:
    """Only a page that can be unpublished can be set to go offline; required pages (legal) cannot."""
    return any(field.name == "is_published" for field in model._meta.concrete_fields)


def is_clinical_reviewer(*, user: User | None) -> bool:
    return user is not None and user.is_active and user.has_perm(REVIEW_PERMISSION)


def clinical_reviewers() -> QuerySet[User]:
    """The active staff who may publish a page that needs a clinical review (through their group or their own
    permission; superusers only when given it), whom a change waiting for review is announced to."""
    return User.objects.with_perm(REVIEW_PERMISSION, include_superusers=False, backend=MODEL_BACKEND).filter(
        is_staff=True
    )


def waiting_for_review() -> QuerySet[PageChange]:
    """The changes submitted for a clinical review that nobody has approved or sent back yet, oldest first."""
    return PageChange.objects.filter(
        kind=PageChange.Kind.EDIT, state__in=PageChange.OPEN_STATES, review=PageChange.Review.WAITING
    ).order_by("submitted_at", "pk")


def sent_back_to(*, user: User) -> QuerySet[PageChange]:
    """The waiting changes `user` prepared that a reviewer sent back to them."""
    return PageChange.objects.filter(
        kind=PageChange.Kind.EDIT,
        state__in=PageChange.OPEN_STATES,
        review=PageChange.Review.SENT_BACK,
        prepared_by=user,
    )


def steps_of(*, change: PageChange) -> QuerySet[ChangeStep]:
    return change.steps.select_related("by").order_by("at", "pk")


def last_sent_back(*, change: PageChange) -> ChangeStep | None:
    """The reviewer's comment the preparer must act on, while the change is sent back."""
    if change.review != PageChange.Review.SENT_BACK:
        return None
    return change.steps.filter(action=ChangeStep.Action.SENT_BACK).select_related("by").order_by("-at", "-pk").first()


def change_digest(*, change: PageChange) -> str:
    """A short fingerprint of a change's words: what a reviewer read, to know that nobody changed them since."""
    words = json.dumps(change.values, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(words.encode()).hexdigest()[:32]


def changes_of(*, page: models.Model) -> QuerySet[PageChange]:
    return PageChange.objects.filter(content_type=ContentType.objects.get_for_model(page), object_id=page.pk)


def open_change(*, page: models.Model, kind: str = PageChange.Kind.EDIT) -> PageChange | None:
    return changes_of(page=page).filter(kind=kind, state__in=PageChange.OPEN_STATES).first()


def open_change_state(*, model: type[models.Model]) -> Subquery:
    """For a change list: the state of each row's waiting change (draft or scheduled), or None."""
    waiting = PageChange.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=OuterRef("pk"),
        kind=PageChange.Kind.EDIT,
        state__in=PageChange.OPEN_STATES,
    )
    return Subquery(waiting.values("state")[:1])


def is_marked(*, page: models.Model) -> bool:
    """Whether a reviewer ticked *Needs clinical review* on this page itself."""
    return ReviewRequirement.objects.filter(
        content_type=ContentType.objects.get_for_model(page), object_id=page.pk
    ).exists()


def pages_showing(*, record: models.Model) -> list[models.Model]:
    """The other pages that show `record`, as it is in memory and as stored: a model declares them with
    `shown_on()` (an FAQ, its treatment's page). A record moved from one page to another counts for both."""
    if not hasattr(record, "shown_on"):
        return []
    versions = [record]
    if record.pk is not None:
        versions += list(type(record)._default_manager.filter(pk=record.pk))
    pages = {}
    for version in versions:
        for page in version.shown_on():
            pages[(type(page), page.pk)] = page
    return list(pages.values())


def review_reasons(*, record: models.Model, live: bool | None = None) -> list[str]:
    """Why saving `record` as it is in memory needs a clinical reviewer, in staff's words; empty if it does not.

    Putting its words live (`live`, by default its published flag) needs one when the record is marked, when
    its model says so (`declares_clinical_review()`), or when a marked page shows it. Taking it off the site
    changes only the pages that show it, so it needs one only if it is live on a marked page: a page itself
    may always go offline.
    """
    live = is_live(page=record) if live is None else live
    reasons = []
    if live and record.pk is not None and is_marked(page=record):
        reasons.append(MARKED)
    declares = getattr(record, "declares_clinical_review", None)
    if callable(declares) and declares():
        reasons.append(getattr(record, "always_reviewed_because", "its words always need a clinical review"))
    if not live:
        stored = type(record)._default_manager.filter(pk=record.pk).first() if record.pk is not None else None
        if stored is None or not is_live(page=stored):
            return reasons
    shown_on = [page for page in pages_showing(record=record) if is_marked(page=page)]
    reasons += [f"it is shown on the {page} page" for page in shown_on]
    return reasons


def needs_clinical_review(*, page: models.Model) -> bool:
    """Whether putting `page` live needs a clinical reviewer: marked, declared, or shown on a marked page."""
    return bool(review_reasons(record=page, live=True))


def may_publish(*, user: User | None, page: models.Model) -> bool:
    """Whether `user` may put `page` live (now, by schedule, or by a revert)."""
    return not needs_clinical_review(page=page) or is_clinical_reviewer(user=user)


def may_save_live(*, user: User | None, record: models.Model) -> bool:
    """Whether `user` may save `record` as it is in memory straight to the site (live or taken off it)."""
    return not review_reasons(record=record) or is_clinical_reviewer(user=user)


def latest_review(*, page: models.Model) -> Review | None:
    """The last clinical review of a published change to the page, if any."""
    change = (
        changes_of(page=page)
        .filter(state=PageChange.State.PUBLISHED, reviewed_at__isnull=False)
        .order_by("-published_at", "-pk")
        .first()
    )
    if change is None:
        return None
    return Review(name=change.reviewer_name, date=timezone.localdate(change.reviewed_at))


def due_changes(*, now: datetime.datetime) -> QuerySet[PageChange]:
    return PageChange.objects.filter(state=PageChange.State.SCHEDULED, publish_at__lte=now).order_by("publish_at", "pk")


class LatestReview(NamedTuple):
    """A record's latest reviewed publication: who reviewed it, when, and when it went live."""

    reviewer_name: str
    reviewed_at: datetime.datetime
    published_at: datetime.datetime


def current_review(*, page: models.Model, shown: Iterable[models.Model]) -> Review | None:
    """The clinical review `page` may state, given the records it `shown` with it (its FAQs, page texts, …).

    A record's words are reviewed when it has not changed (`updated_at`) since the later of the page's last
    reviewed publication, which covers everything on the page then, and its own. The review stated is the
    latest of them. None if the page was never reviewed, or any word on it is not the reviewed version.
    No query: the latest reviews are read with the page frame (`latest_reviews`).
    """
    return current_reviews(pages=[(page, shown)])[0]


def current_reviews(*, pages: Sequence[tuple[models.Model, Iterable[models.Model]]]) -> list[Review | None]:
    """`current_review` of each (page, what it shows) pair, for a page that shows parts of several reviewed pages
    (the questions page)."""
    records_of = [[page, *shown] for page, shown in pages]
    types = ContentType.objects.get_for_models(*{type(record) for records in records_of for record in records})
    reviews: dict[tuple[int, int], LatestReview] = frame_part(LATEST_REVIEWS)
    return [
        _review_of(records=records, keys=[(types[type(record)].pk, record.pk) for record in records], reviews=reviews)
        for records in records_of
    ]


def _review_of(
    *, records: list[models.Model], keys: list[tuple[int, int]], reviews: dict[tuple[int, int], LatestReview]
) -> Review | None:
    """The review the first of `records` (the page; the others are what it shows, each with its key in `reviews`)
    may state."""
    page_review = reviews.get(keys[0])
    if page_review is None:
        return None
    for record, key in zip(records, keys, strict=True):
        own = reviews.get(key)
        covered_until = max(page_review.published_at, own.published_at) if own else page_review.published_at
        updated_at = getattr(record, "updated_at", None)
        if updated_at is not None and updated_at > covered_until:
            return Review(
                name=page_review.reviewer_name, date=timezone.localdate(page_review.reviewed_at), current=False
            )
    latest = max((reviews[key] for key in keys if key in reviews), key=lambda review: review.published_at)
    return Review(name=latest.reviewer_name, date=timezone.localdate(latest.reviewed_at))


LATEST_REVIEWS = "latest-reviews"  # the page frame's part (PublishingConfig.page_frame)


def latest_reviews() -> dict[tuple[int, int], LatestReview]:
    """{(content type id, id): its latest reviewed publication} of every record ever reviewed, in one query: the
    reviewed publications newest first, the first of each kept. Part of the page frame, so a review line costs no
    query: a publication always saves its page (a new content version), and the frame is read again after it."""
    publications = (
        PageChange.objects.filter(state=PageChange.State.PUBLISHED, reviewed_at__isnull=False)
        .order_by("-published_at", "-pk")
        .values_list("content_type_id", "object_id", "reviewer_name", "reviewed_at", "published_at")
    )
    latest: dict[tuple[int, int], LatestReview] = {}
    for content_type_id, object_id, reviewer_name, reviewed_at, published_at in publications:
        if reviewed_at and published_at:  # a published change always has both: this tells the type checker
            latest.setdefault((content_type_id, object_id), LatestReview(reviewer_name, reviewed_at, published_at))
    return latest


# The worker publishes due changes every minute: a change still scheduled this long after its time
# means no worker is running.
OVERDUE_AFTER = datetime.timedelta(minutes=3)


def overdue_changes(*, now: datetime.datetime) -> QuerySet[PageChange]:
    """Scheduled changes (edits and going offline) still waiting more than OVERDUE_AFTER past their time."""
    return due_changes(now=now - OVERDUE_AFTER)


def is_overdue(*, change: PageChange | None, now: datetime.datetime) -> bool:
    return (
        change is not None
        and change.state == PageChange.State.SCHEDULED
        and change.publish_at is not None
        and change.publish_at <= now - OVERDUE_AFTER
    )


# --- the admin's content search (content.search; PublishingConfig.search_refinements) -----------------------


def with_waiting_changes(*, hits: list[Hit], terms: Terms, searchable: Collection[type[models.Model]]) -> list[Hit]:
    """Search results that say what waits to go live on each page found, with the words of waiting changes
    searched too: a page whose draft holds every term is found even when its live words do not. Only pages of
    the `searchable` models (those the staff member may open); a few rows, one per waiting change."""
    types = ContentType.objects.get_for_models(*searchable)
    model_of = {content_type.pk: model for model, content_type in types.items()}
    waiting = PageChange.objects.filter(content_type__in=list(types.values()), state__in=PageChange.OPEN_STATES)
    found = {hit.key: hit for hit in hits}
    added = []
    for change in waiting.order_by("pk"):
        model = model_of[change.content_type_id]
        hit = found.get((model, change.object_id))
        texts = _waiting_texts(model=model, values=change.values) if change.kind == PageChange.Kind.EDIT else []
        if hit is None and matches_in(texts, terms):
            page = model._default_manager.filter(pk=change.object_id).first()
            hit = hit_if_found(record=page, texts=texts, terms=terms) if page is not None else None
            if hit is None:
                continue
            found[hit.key] = hit
            added.append(hit)
        elif hit is not None:
            hit.matches += texts_with_a_term(texts, terms)  # its live words hold every term; these show the draft's
        if hit is not None:
            hit.notes.append(_waiting_note(change=change))
    return hits + added


def _waiting_texts(*, model: type[models.Model], values: dict[str, str | None]) -> list[Text]:
    """The words a waiting change gives the page's translated fields (English and Spanish)."""
    translated = getattr(model, "translated_fields", ())
    names = {name for field_name in translated for name in (field_name, spanish_name(field_name))}
    return [
        Text(*field_label(model, name), words=words, waiting=True)
        for name, words in values.items()
        if name in names and words
    ]


def _waiting_note(*, change: PageChange) -> str:
    when = dateformat.format(timezone.localtime(change.publish_at), "M j, Y, g:i A") if change.publish_at else ""
    if change.kind == PageChange.Kind.OFFLINE:
        return f"Goes offline on {when}" if when else "Set to go offline"
    if change.state == PageChange.State.SCHEDULED and when:
        return f"A change is scheduled to go live on {when}"
    return "A draft change is waiting"
