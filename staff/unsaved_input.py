"""What the admin keeps of a form's unsaved input, and where (static/js/admin-unsaved-changes.js).

Every admin form asks before its changes are left unsaved. Only the change forms of public content (the models of
the content apps, content.registry) also keep their unsaved input in the browser tab, to offer it back when the
form opens again, after an idle sign-out say. What patients sent (the intake queue, its contact log) and staff
accounts never go into the browser's storage: their forms carry no offer, and the script keeps only a form that
carries one.
"""

from django.db import models

from content.registry import content_models

#: The prefix of every key the script writes into the tab's sessionStorage; signing out removes them all.
STORAGE_PREFIX = "clinic-unsaved-input:"


def may_keep_in_browser(model: type[models.Model]) -> bool:
    """Whether a change form of `model` may keep its unsaved input in the browser: public content only."""
    return model in set(content_models())


def storage_key_prefix(*, user_id: int) -> str:
    """The start of this staff member's keys (the form's path follows): another member signing in on the same
    browser tab is never offered their input."""
    return f"{STORAGE_PREFIX}{user_id}:"
