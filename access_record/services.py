"""Writing the access record: one call for each thing staff do with patient data or staff accounts.

Each takes the request (for who and from which address) where there is one. Nothing here logs, and nothing
stored is patient data: records by model and id, search words only encrypted.
"""

import datetime
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from clinic_site.client_address import client_address

from . import crypto
from .models import AccessEntry

Action = AccessEntry.Action
RETENTION_YEARS = 6  # HIPAA keeps required documentation six years (45 CFR 164.316(b)(2)(i))
User = AbstractBaseUser | AnonymousUser


def record(
    *,
    request: HttpRequest | None,
    action: str,
    staff: User | None = None,
    model: type[models.Model] | None = None,
    object_ids: Iterable[object] = (),
    count: int | None = None,
    search_words: str = "",
    detail: str = "",
) -> list[AccessEntry]:
    """Add one entry, or one per object id when given; `staff` defaults to the request's user."""
    if staff is None and request is not None:
        staff = getattr(request, "user", None)
    signed_in = staff if staff is not None and staff.is_authenticated else None
    base = {
        "at": timezone.now(),
        "staff_id": signed_in.pk if signed_in is not None else None,
        "staff_username": signed_in.get_username() if signed_in is not None else "",
        "action": action,
        "model": model._meta.label_lower if model is not None else "",
        "count": count,
        "search_words": crypto.encrypt(text=search_words) if search_words else "",
        "detail": detail[:200],
        "address": _address(request),
    }
    ids = [str(object_id) for object_id in object_ids]
    entries = [AccessEntry(**base, object_id=object_id) for object_id in ids] or [AccessEntry(**base)]
    return AccessEntry.objects.bulk_create(entries)


def _address(request: HttpRequest | None) -> str | None:
    return (client_address(request) or None) if request is not None else None


def record_view(*, request: HttpRequest, model: type[models.Model], object_id: object) -> None:
    """A staff member opened the record's page (for an intake request that shows its contact log too)."""
    record(request=request, action=Action.VIEW, model=model, object_ids=[object_id])


def record_history_view(
    *, request: HttpRequest, model: type[models.Model], object_id: object, version: object | None = None
) -> None:
    detail = f"version {version}" if version is not None else ""
    record(request=request, action=Action.HISTORY_VIEW, model=model, object_ids=[object_id], detail=detail)


def record_search(*, request: HttpRequest, model: type[models.Model], words: str, found: int) -> None:
    """That a search happened and how many records it found; the words only encrypted."""
    record(request=request, action=Action.SEARCH, model=model, count=found, search_words=words)


def record_export(*, request: HttpRequest, model: type[models.Model], object_ids: Iterable[object]) -> None:
    """One entry per exported record, so each person's record shows that it was exported."""
    ids = list(object_ids)
    record(request=request, action=Action.EXPORT, model=model, object_ids=ids, detail=f"{len(ids)} in one export")


def record_status_change(
    *, request: HttpRequest, model: type[models.Model], object_id: object, old: str, new: str
) -> None:
    record(request=request, action=Action.STATUS_CHANGE, model=model, object_ids=[object_id], detail=f"{old} → {new}")


def record_change(*, request: HttpRequest, model: type[models.Model], object_id: object, detail: str) -> None:
    """A change other than the status; `detail` names what changed (field names), never values."""
    record(request=request, action=Action.CHANGE, model=model, object_ids=[object_id], detail=detail)


def record_contact_entry(*, request: HttpRequest, model: type[models.Model], object_id: object, line: object) -> None:
    """A line added to the contact log of a record (the entry names the record, so it shows under that person)."""
    record(request=request, action=Action.CONTACT_ENTRY, model=model, object_ids=[object_id], detail=f"line {line}")


def record_erasure_check(*, request: HttpRequest, model: type[models.Model], object_ids: Iterable[object]) -> None:
    """A staff member saw which of a person's records erasing them would remove (numbers, kinds and dates)."""
    record(request=request, action=Action.ERASURE_CHECK, model=model, object_ids=object_ids)


def record_erasure(
    *,
    request: HttpRequest | None,
    staff: User,
    model: type[models.Model],
    object_ids: Iterable[object],
    detail: str,
) -> None:
    """A person erased at their request: one entry per record that went, each with how many went together and
    `detail` (counts of what went with them), so each record's story ends with its erasure. Ids and counts only."""
    ids = list(object_ids)
    record(
        request=request, action=Action.ERASURE, staff=staff, model=model, object_ids=ids, count=len(ids), detail=detail
    )


def record_deletion(*, request: HttpRequest, model: type[models.Model], object_ids: Iterable[object]) -> None:
    """Records deleted by hand in admin (not by retention, not by an erasure)."""
    record(request=request, action=Action.DELETE, model=model, object_ids=object_ids)


def record_sign_in(*, request: HttpRequest | None, user: AbstractBaseUser) -> None:
    record(request=request, action=Action.SIGN_IN, staff=user)


def record_failed_sign_in(*, request: HttpRequest | None, username: str) -> None:
    """Names the account when `username` is one; a typed name that is no account is not kept (it may be anything)."""
    account = get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: username}).first()
    record(request=request, action=Action.SIGN_IN_FAILED, staff=account or AnonymousUser())


def record_second_factor(
    *, user: AbstractBaseUser, reset: bool, request: HttpRequest | None = None, detail: str = ""
) -> None:
    """A second factor set up or replaced for `user`, or (`reset`) removed by an administrator.

    From `enrol_staff_2fa` on the server there is no request and nobody signed in. A member who sets up their own
    second factor in the browser (the enrolment link, new recovery codes) did it themselves: the entry names
    them. A reset in the browser names the administrator who did it.
    """
    action = Action.SECOND_FACTOR_RESET if reset else Action.SECOND_FACTOR_SET_UP
    signed_in = getattr(request, "user", None) if request is not None else None
    staff = user if request is not None and not (signed_in and signed_in.is_authenticated) else None
    record(request=request, action=action, staff=staff, model=user._meta.model, object_ids=[user.pk], detail=detail)


def record_sign_out_everywhere(*, request: HttpRequest, users: Iterable[AbstractBaseUser]) -> None:
    users = list(users)
    model = type(users[0]) if users else None
    record(request=request, action=Action.SIGN_OUT_EVERYWHERE, model=model, object_ids=[user.pk for user in users])


def retention_cutoff(*, now: datetime.datetime) -> datetime.datetime:
    """Entries from before this moment are past retention. A day short of six calendar years, so the database
    trigger (which allows deleting what is older than `interval '6 years'`) never refuses what this selects."""
    try:
        six_years_ago = now.replace(year=now.year - RETENTION_YEARS)
    except ValueError:  # February 29th
        six_years_ago = now.replace(year=now.year - RETENTION_YEARS, day=28)
    return six_years_ago - datetime.timedelta(days=1)


def purge_expired_entries() -> str:
    """The routine retention job: delete entries past the six years, and only those."""
    deleted, _ = AccessEntry.objects.filter(at__lt=retention_cutoff(now=timezone.now())).delete()
    return f"Deleted {deleted} access record entries older than {RETENTION_YEARS} years"
