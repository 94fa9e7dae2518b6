from django import forms
from django.contrib import admin

from content.plain_language_admin import PlainLanguageAdminMixin
from publishing.admin import LivePageAdmin
from publishing.forms import PUBLISH, LivePageForm
from translation.admin import TranslatedAdminMixin

from . import services
from .models import Provider

LINKS_GO_LIVE_AT_ONCE = (
    "Which treatments they give changes only with “Publish now”: a draft or a schedule keeps the words alone. "
    "Publish this change by itself, or set the treatments back."
)


class ProviderAdminForm(LivePageForm):
    class Meta:
        model = Provider
        fields = "__all__"
        widgets = {"treatments": forms.CheckboxSelectMultiple}

    def clean(self):
        cleaned = super().clean()
        if "treatments" not in self.changed_data or "treatments" not in cleaned:
            return cleaned
        if self.action != PUBLISH and self.instance.pk is not None:
            self.add_error("treatments", LINKS_GO_LIVE_AT_ONCE)
            return cleaned
        refusal = services.treatments_change_refusal(
            user=self.user, provider=self.instance, treatments=list(cleaned["treatments"])
        )
        if refusal:
            self.add_error("treatments", refusal)
        return cleaned


@admin.register(Provider)
class ProviderAdmin(TranslatedAdminMixin, PlainLanguageAdminMixin, LivePageAdmin):
    form = ProviderAdminForm
    list_display = ["name", "credentials", "role", "is_written", "has_photo", "is_published", "ordering", "updated_at"]
    list_editable = ["ordering"]
    list_filter = ["is_published", "treatments"]
    search_fields = ["name", "credentials", "role", "role_es", "bio", "bio_es"]
    list_select_related = ["photo"]

    @admin.display(boolean=True, description="written (patients see it)")
    def is_written(self, provider):
        """False while it still says PLACEHOLDER: no page shows it and the go-live checklist lists it."""
        return not provider.is_placeholder

    @admin.display(boolean=True, description="photo")
    def has_photo(self, provider):
        return provider.photo_id is not None
