import copy

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from content.forms import NormalisedTextForm

from . import selectors
from .services import review_refusal

PUBLISH, DRAFT, PREVIEW, SCHEDULE, SUBMIT = "publish", "draft", "preview", "schedule", "submit"
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def publishing_fields(model) -> list[str]:
    """The publishing settings a page of `model` has, in the order the form shows them."""
    return ["publish_at", *(["offline_at"] if selectors.can_go_offline(model=model) else []), "needs_clinical_review"]


ALL_PUBLISHING_FIELDS = ["publish_at", "offline_at", "needs_clinical_review"]


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's own date and time picker; no script needed."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_LOCAL)


class FollowsReviewRule(NormalisedTextForm):
    """A model form whose save puts its words on the site: the clinical review rule is checked on the record
    as the form would save it (publishing.services.review_refusal), and a refusal is shown above the form.

    The admin sets `user`; in the change list's rows `row` is True, and a row that only reorders passes.
    """

    user = None
    row = False

    def review_check(self) -> dict | None:
        """How this submit is checked: review_refusal's `live` and `advice`; None when it saves nothing live."""
        return {"advice": "add" if self.instance.pk is None else "ask"}

    def _post_clean(self):
        super()._post_clean()  # self.instance now holds the values the form would save
        check = self.review_check()
        if check is None or self.user is None or (self.row and not set(self.changed_data) - {"ordering"}):
            return
        refusal = review_refusal(user=self.user, record=self.instance, **check)
        if refusal:
            self.add_error(None, ValidationError(refusal, code="needs_clinical_review"))


class LivePageForm(FollowsReviewRule):
    """The change form of a page patients read, with its publishing settings.

    The admin sets `user`; the change form of a page (publishing.admin.edit_views) turns on
    `publishing_controls` and sets `action`, the button pressed. Adding a page or reverting it publishes.
    """

    publish_at = forms.DateTimeField(
        required=False,
        label="Publish at",
        widget=DateTimeLocalInput,
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text="For “Schedule”: when your change goes live, in clinic time (San Diego).",
    )
    offline_at = forms.DateTimeField(
        required=False,
        label="Go offline at",
        widget=DateTimeLocalInput,
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text="The page is unpublished at this time, in clinic time (San Diego). Leave empty to keep it online.",
    )
    needs_clinical_review = forms.BooleanField(
        required=False,
        label="Needs clinical review",
        help_text=(
            "Only a clinical reviewer can publish this page, and the page shows who reviewed it and when. "
            "Only clinical reviewers can change this setting."
        ),
    )

    publishing_controls = False
    action = PUBLISH

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        shown = publishing_fields(type(page)) if self.publishing_controls and page.pk is not None else []
        for name in ALL_PUBLISHING_FIELDS:
            if name not in shown:
                self.fields.pop(name, None)
        if not shown:
            return
        change = selectors.open_change(page=page)
        if change is not None and change.state == change.State.SCHEDULED:
            self.fields["publish_at"].initial = timezone.localtime(change.publish_at)
        offline = selectors.open_change(page=page, kind="offline")
        if "offline_at" in self.fields and offline is not None:
            self.fields["offline_at"].initial = timezone.localtime(offline.publish_at)
        self.fields["needs_clinical_review"].initial = selectors.is_marked(page=page)
        if not selectors.is_clinical_reviewer(user=self.user):
            self.fields["needs_clinical_review"].disabled = True
        if getattr(page, "declares_clinical_review", lambda: False)():  # always, for this kind of record
            self.fields["needs_clinical_review"].disabled = True
            self.fields["needs_clinical_review"].help_text = "Always: only a clinical reviewer can publish this."

    def clean(self):
        cleaned = super().clean()
        if "publish_at" not in self.fields:
            return cleaned
        now = timezone.now()
        if self.action == SCHEDULE:
            when = cleaned.get("publish_at")
            if when is None and "publish_at" not in self.errors:
                self.add_error("publish_at", "Choose the date and time your change should go live.")
            elif when is not None and when <= now:
                self.add_error("publish_at", "Choose a time in the future.")
        elif "publish_at" in self.changed_data and cleaned.get("publish_at") is not None:
            self.add_error("publish_at", "To publish at this time, press “Schedule”. To publish now, leave this empty.")
        offline_at = cleaned.get("offline_at")
        if "offline_at" in self.changed_data and offline_at is not None and offline_at <= now:
            self.add_error("offline_at", "Choose a time in the future, or leave it empty.")
        if "offline_at" in self.changed_data and offline_at is not None:
            going = copy.copy(self.instance)
            going.is_published = False
            refusal = review_refusal(user=self.user, record=going, advice="ask")
            if refusal:
                self.add_error("offline_at", refusal)
        return cleaned

    def review_check(self) -> dict | None:
        """Scheduling puts the change live later; "Publish now" (or a row of the list) saves it as it is; a
        draft saves nothing live."""
        if self.action == SCHEDULE:
            return {"live": True}
        if self.action != PUBLISH:
            return None
        if self.instance.pk is None:
            return {"advice": "add"}
        if not self.has_changed() and selectors.open_change(page=self.instance) is None:
            return None  # a save that changes nothing publishes nothing
        return {"advice": "ask" if self.row else "draft"}
