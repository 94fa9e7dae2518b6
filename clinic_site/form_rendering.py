"""How patients' forms are drawn: Bootstrap 5 markup from Django's own form rendering.

Django ties each input to its label, help text and errors for screen readers (`aria-describedby`, `aria-invalid`,
a fieldset and legend around a group of radio buttons); this adds Bootstrap's classes to the inputs, and one field
template (`templates/forms/field.html`) draws the rest. A form opts in with `default_renderer = PatientFormRenderer`
and draws a field with `{{ field.as_field_group }}`.
"""

from typing import Any

from django.forms import BoundField, Widget
from django.forms.renderers import TemplatesSetting

# Bootstrap's class for each kind of input (a widget's `input_type`); any other is a text-like `form-control`.
INPUT_CLASSES = {"checkbox": "form-check-input", "radio": "form-check-input", "select": "form-select"}


class BootstrapBoundField(BoundField):
    """A field whose input carries Bootstrap's class for its kind, and `is-invalid` while it has errors."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        kind = INPUT_CLASSES.get(getattr(widget, "input_type", ""), "form-control")
        classes = [widget.attrs.get("class", ""), kind, "is-invalid" if self.errors else ""]
        attrs["class"] = " ".join(name for name in classes if name)
        return attrs


class PatientFormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"
    bound_field_class = BootstrapBoundField
