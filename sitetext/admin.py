from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from publishing.admin import LivePageAdmin
from publishing.forms import LivePageForm
from publishing.models import PageChange
from publishing.selectors import open_change_state
from translation.admin import MISSING_SPANISH, OUTDATED, SIDE_BY_SIDE, MissingSpanishFilter, SpanishFreshnessAdminMixin
from translation.twins import ENGLISH, SPANISH

from .models import SiteText
from .registry import all_texts, pages
from .selectors import broken_texts

SHIPPED_HELP = "Empty: the shipped words (shown in the field until you type) are used. Empty it to go back to them."
BROKEN = "Not shown: breaks its rules now, so patients see the shipped words"


class PageFilter(admin.SimpleListFilter):
    title = "page"
    parameter_name = "page"

    def lookups(self, request, model_admin):
        return [(page, page) for page in pages()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(key__in=[key for key, spec in all_texts().items() if spec.page == self.value()])
        return queryset


class WaitingChangeFilter(admin.SimpleListFilter):
    title = "waiting change"
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("yes", "Has a waiting change"), ("no", "No waiting change")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(waiting_change_state__isnull=self.value() == "no")
        return queryset


class ClinicalReviewFilter(admin.SimpleListFilter):
    title = "clinical review"
    parameter_name = "clinical"

    def lookups(self, request, model_admin):
        return [("yes", "Needs a clinical review"), ("no", "No clinical review")]

    def queryset(self, request, queryset):
        if self.value():
            clinical = [key for key, spec in all_texts().items() if spec.clinical]
            return queryset.filter(key__in=clinical) if self.value() == "yes" else queryset.exclude(key__in=clinical)
        return queryset


class WordsFilter(admin.SimpleListFilter):
    title = "words"
    parameter_name = "words"

    def lookups(self, request, model_admin):
        return [("shipped", "The shipped words"), ("edited", "Staff's words"), ("broken", BROKEN)]

    def queryset(self, request, queryset):
        shipped = queryset.filter(text="", text_es="")
        if self.value() == "shipped":
            return shipped
        if self.value() == "edited":
            return queryset.exclude(pk__in=shipped)
        if self.value() == "broken":
            return queryset.filter(pk__in=[row.pk for row in broken_texts()])
        return queryset


class SiteTextForm(LivePageForm):
    class Meta:
        model = SiteText
        fields = ["text", "text_es"]
        labels = {"text": "English", "text_es": "Español (Spanish)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.key and self.instance.spec.single_line:
            for name in ("text", "text_es"):
                self.fields[name].widget = forms.TextInput(attrs={"class": "vLargeTextField"})
        self.fields["text_es"].widget.attrs["lang"] = "es"
        if self.instance.key:
            for name, language in (("text", ENGLISH), ("text_es", SPANISH)):
                self.fields[name].widget.attrs["placeholder"] = self.instance.shipped(language)
                self.fields[name].help_text = SHIPPED_HELP


@admin.register(SiteText)
class SiteTextAdmin(SpanishFreshnessAdminMixin, LivePageAdmin):
    """Page texts change like pages: a draft change, a preview where the text shows, a schedule or publish now;
    a text that carries safety is published only by a clinical reviewer. A text is never added, deleted or
    taken offline."""

    form = SiteTextForm
    live_noun = "text"
    list_display = [
        "label",
        "page",
        "words",
        "spanish_words",
        "whose_words",
        "waiting_change",
        "always_reviewed",
        "updated_at",
    ]
    list_filter = [PageFilter, WordsFilter, WaitingChangeFilter, ClinicalReviewFilter, MissingSpanishFilter]
    search_fields = ["text", "text_es"]
    fields = [
        "page",
        "label",
        "how_to_write_it",
        "clinical_review",
        "not_shown",
        ("text", "text_es"),
        "shipped_words",
    ]
    readonly_fields = ["page", "label", "how_to_write_it", "clinical_review", "not_shown", "shipped_words"]

    @property
    def media(self):
        return super().media + SIDE_BY_SIDE

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(waiting_change_state=open_change_state(model=SiteText))

    def has_add_permission(self, request):
        return False  # every text is declared by the page that shows it

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Text")
    def label(self, obj):
        return obj.spec.label

    @admin.display(description="Page")
    def page(self, obj):
        return obj.spec.page

    @admin.display(description="Words")
    def words(self, obj):
        return Truncator(obj.text or obj.shipped(ENGLISH)).chars(90)

    @admin.display(description="Spanish")
    def spanish_words(self, obj):
        words = Truncator(obj.text_es or obj.shipped(SPANISH)).chars(90) or MISSING_SPANISH
        return f"{OUTDATED}: {words}" if getattr(obj, "spanish_outdated", False) else words

    @admin.display(description="Whose words")
    def whose_words(self, obj):
        if obj.problems(ENGLISH) or obj.problems(SPANISH):
            return BROKEN
        return "Staff's" if obj.text or obj.text_es else "Shipped"

    @admin.display(description="Waiting change", ordering="waiting_change_state")
    def waiting_change(self, obj):
        state = getattr(obj, "waiting_change_state", None)
        return PageChange.State(state).label if state else "—"

    @admin.display(description="Always needs clinical review", boolean=True)
    def always_reviewed(self, obj):
        return obj.declares_clinical_review()

    @admin.display(description="Shipped words")
    def shipped_words(self, obj):
        rows = [("English", obj.shipped(ENGLISH)), ("Español", obj.shipped(SPANISH) or MISSING_SPANISH)]
        return format_html_join("", "<p><strong>{}:</strong> {}</p>", rows)

    @admin.display(description="Words not shown")
    def not_shown(self, obj):
        found = [
            (name, problem)
            for name, language in (("English", ENGLISH), ("Español", SPANISH))
            for problem in obj.problems(language)
        ]
        if not found:
            return "—"
        note = format_html("<p>{}: patients see the shipped words until these are fixed.</p>", BROKEN)
        return note + format_html_join("", "<p><strong>{}:</strong> {}</p>", found)

    @admin.display(description="How to write it")
    def how_to_write_it(self, obj):
        spec = obj.spec
        notes = [spec.help] if spec.help else []
        markdown = "Markdown: a blank line between paragraphs, [words](link) for a link."
        notes.append(markdown if spec.markdown else "One line.")
        if spec.placeholders:
            names = ", ".join(f"{{{name}}}" for name in spec.placeholders)
            notes.append(f"Placeholders you can use: {names}. They are filled in for each patient.")
        if spec.required:
            notes.append("Must keep: " + ", ".join(f"{{{name}}}" for name in spec.required) + ".")
        return format_html_join("", "<p>{}</p>", ((note,) for note in notes))
