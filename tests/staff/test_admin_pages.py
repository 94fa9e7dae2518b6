"""Every admin page staff can open renders: list, add, change and history for each registered model."""

import pytest
from django.contrib import admin
from django.urls import reverse

from staff.roles import CLINICAL_REVIEWERS
from tests.markup import soup, text

pytestmark = pytest.mark.django_db

MODELS = [model for model in admin.site._registry]


@pytest.fixture
def superuser_client(staff_client):
    return staff_client(superuser=True)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_admin_list_add_change_and_history_pages_render(superuser_client, initial_content, model):
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    assert superuser_client.get(reverse(f"{name}_changelist")).status_code == 200
    add = superuser_client.get(reverse(f"{name}_add"))
    assert add.status_code in (200, 403)  # 403 where adding by hand is not allowed (clinic record, waitlist)
    instance = model._default_manager.first()
    if instance is not None:
        assert superuser_client.get(reverse(f"{name}_change", args=[instance.pk])).status_code == 200
        assert superuser_client.get(reverse(f"{name}_history", args=[instance.pk])).status_code == 200


def uses_django_s_table_of_rows(model) -> bool:
    return any(inline.template == "admin/edit_inline/tabular.html" for inline in admin.site._registry[model].inlines)


@pytest.mark.parametrize(
    "model", [model for model in MODELS if uses_django_s_table_of_rows(model)], ids=lambda model: model._meta.label
)
def test_every_header_cell_and_field_of_a_table_of_rows_has_a_name(staff_client, initial_content, model):
    # templates/admin/edit_inline/tabular.html: Django leaves two header cells empty (axe: empty-table-header), for
    # a reviewer (who may not delete) too, and the fields of its rows without a label (axe: label, select-name).
    instance = model._default_manager.first()
    for client in (staff_client(superuser=True), staff_client(CLINICAL_REVIEWERS)):
        response = client.get(
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[instance.pk])
        )
        if response.status_code == 403:
            continue
        page = soup(response)
        headers = page.select(".tabular thead th")
        assert headers and all(text(header) for header in headers), [str(header) for header in headers]
        fields = page.select(".tabular tbody :is(input, select, textarea):not([type=hidden])")
        labels = {label["for"]: text(label) for label in page.select(".tabular tbody label[for]")}
        assert all(labels.get(field["id"]) for field in fields), [field["id"] for field in fields]
