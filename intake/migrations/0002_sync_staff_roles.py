from django.db import migrations

from staff.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [
        ("waitlist", "0001_initial"),
        ("clinic", "0002_sync_staff_roles"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
