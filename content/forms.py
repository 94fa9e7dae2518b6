from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.functional import cached_property

from .history import comparable, normalise_line_endings


class NormalisedTextForm(forms.ModelForm):
    """A model form that sees no change where a browser's round trip alters only a text's form.

    Browsers send text areas with \\r\\n line endings, and Django's text fields strip leading and trailing
    whitespace, so a form sent back unchanged would otherwise look changed (and record a change).
    Submitted texts are read with \\n line endings, and a text whose only difference is that is unchanged.
    """

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(_normalised(data) if data is not None else None, *args, **kwargs)

    @cached_property
    def changed_data(self):
        return [name for name in super().changed_data if not self._only_text_form_changed(name)]

    def _only_text_form_changed(self, name: str) -> bool:
        field = self.fields[name]
        if not isinstance(field, forms.CharField):
            return False
        bound = self[name]
        try:
            submitted = field.to_python(bound.data)
        except ValidationError:
            return False
        return comparable(bound.initial or "") == comparable(submitted or "")


def _normalised(data):
    if isinstance(data, QueryDict):
        copy = data.copy()
        for key, values in data.lists():
            copy.setlist(key, [normalise_line_endings(value) if isinstance(value, str) else value for value in values])
        return copy
    return {key: normalise_line_endings(value) if isinstance(value, str) else value for key, value in data.items()}
