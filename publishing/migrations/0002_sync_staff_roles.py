from django.db import migrations

from staff.roles import sync_roles


class Migration(migrations.Migration):
    """Creates the Clinical reviewers group and gives editors and reviewers their publishing permissions."""

    dependencies = [
        ("publishing", "0001_page_changes_and_review_rules"),
        ("clinic", "0002_sync_staff_roles"),
        ("treatments", "0003_sync_staff_roles"),
        ("financing", "0002_sync_staff_roles"),
        ("waitlist", "0003_waitlistentry_confirmation_email"),
        ("sitetext", "0001_site_text"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
