from django.db import migrations

from staff.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0002_content_models"),
        ("clinic", "0002_sync_staff_roles"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
