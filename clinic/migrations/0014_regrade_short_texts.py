"""Grade the stored texts again by today's rule: fewer than 30 words is too short to grade fairly, and is not
graded (content.readability.MIN_WORDS), so a short question is no longer "grade 12.5"."""

from django.db import migrations

from content.models import grade_existing


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0013_menu_link_to_costs"),
    ]

    operations = [
        migrations.RunPython(grade_existing("clinic", {'LegalPage': ('body',), 'VisitPage': ('intro', 'parking', 'transit', 'entrance', 'step_free_access')}), migrations.RunPython.noop),
    ]
