"""How patients' forms are drawn: Bootstrap 5 markup from Django's own form rendering, through Jinja2.

Django ties each input to its label, help text and errors for screen readers (`aria-describedby`, `aria-invalid`,
a fieldset and legend around a group of radio buttons); this adds Bootstrap's classes to the inputs, and one field
template (`clinic_site/jinja2/forms/field.html`) draws the rest. A form opts in with
`default_renderer = patient_form_renderer` and is drawn by `{{ form }}` (its `template_name`, in its app's `jinja2/`
folder) or a field by `{{ field.as_field_group }}`.

Django's Jinja2 renderer draws the same widget templates as its template language does, in Jinja2: a form redrawn
after an edit costs about a third of what it did (the waitlist page's twelve fields took about 4.5 ms, most of a
form page's render; docs/PERFORMANCE.md). The pages around the forms stay Django templates.
"""

from pathlib import Path
from typing import Any

from django.forms import BoundField, Widget, renderers
from django.forms.renderers import Jinja2
from django.utils.functional import cached_property

# Bootstrap's class for each kind of input (a widget's `input_type`); any other is a text-like `form-control`.
INPUT_CLASSES = {"checkbox": "form-check-input", "radio": "form-check-input", "select": "form-select"}

# Where the renderer finds templates: the site's own, then Django's widget templates, then each app's `jinja2/` folder.
FORM_TEMPLATES = [Path(__file__).resolve().parent / "jinja2", Path(renderers.__file__).resolve().parent / "jinja2"]


class BootstrapBoundField(BoundField):
    """A field whose input carries Bootstrap's class for its kind, and `is-invalid` while it has errors."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        kind = INPUT_CLASSES.get(getattr(widget, "input_type", ""), "form-control")
        classes = [widget.attrs.get("class", ""), kind, "is-invalid" if self.errors else ""]
        attrs["class"] = " ".join(name for name in classes if name)
        return attrs


class PatientFormRenderer(Jinja2):
    field_template_name = "forms/field.html"
    bound_field_class = BootstrapBoundField

    @cached_property
    def engine(self) -> Any:
        return self.backend({"APP_DIRS": True, "DIRS": FORM_TEMPLATES, "NAME": "patientforms", "OPTIONS": {}})


# One renderer for every patient form: a form given a renderer class would build a Jinja2 environment of its own,
# compiling every template again, on each draw.
patient_form_renderer = PatientFormRenderer()
