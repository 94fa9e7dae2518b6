from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import staff_accounts
from .content_cache import bump_content_version

CONTENT_APPS = {"clinic", "treatments", "financing"}


@receiver(post_save, dispatch_uid="clinic.content_saved")
@receiver(post_delete, dispatch_uid="clinic.content_deleted")
def clear_public_pages(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS and not sender.__name__.startswith("Historical"):
        # Now, so no old page is served from here on; and again once the edit is committed,
        # because a visitor's request in between reads the old rows and caches them.
        bump_content_version()
        transaction.on_commit(bump_content_version)


@receiver(user_logged_in, dispatch_uid="clinic.staff_signed_in")
def start_session_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        staff_accounts.note_sign_in(session=request.session)
