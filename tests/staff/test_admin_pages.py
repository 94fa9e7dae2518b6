"""Every admin page staff can open renders: list, add, change and history for each registered model."""

import pytest
from django.contrib import admin
from django.urls import reverse

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
