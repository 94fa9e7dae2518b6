"""Reads about staff accounts: who has a second factor, and where each enrolment stands."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import EnrolmentLink
from .services import recovery_codes_left


def with_second_factor(queryset: QuerySet[User]) -> QuerySet[User]:
    """Users annotated `has_app` (a confirmed authenticator app) and `has_open_link` (an enrolment link that
    still works), in two subqueries rather than a query per row of the user list."""
    return queryset.annotate(
        has_app=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        has_open_link=Exists(
            EnrolmentLink.objects.filter(user=OuterRef("pk"), used_at__isnull=True, expires_at__gt=timezone.now())
        ),
    )


@dataclass(frozen=True)
class Enrolment:
    """Where a user's second factor stands, for their page in admin."""

    has_app: bool
    recovery_codes_left: int
    link_sent_at: datetime | None  # the latest enrolment link, if one was sent and not yet used
    link_expires_at: datetime | None

    @property
    def link_works(self) -> bool:
        return self.link_expires_at is not None and self.link_expires_at > timezone.now()


def enrolment_of(*, user: User) -> Enrolment:
    has_app = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    link = EnrolmentLink.objects.filter(user=user, used_at__isnull=True).order_by("-created_at").first()
    return Enrolment(
        has_app=has_app,
        recovery_codes_left=recovery_codes_left(user=user) if has_app else 0,
        link_sent_at=link.created_at if link and not has_app else None,
        link_expires_at=link.expires_at if link and not has_app else None,
    )
