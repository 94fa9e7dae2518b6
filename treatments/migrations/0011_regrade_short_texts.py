"""Grade the stored texts again by today's rule: fewer than 30 words is too short to grade fairly, and is not
graded (content.readability.MIN_WORDS), so a short question is no longer "grade 12.5"."""

from django.db import migrations

from content.models import grade_existing


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0010_costs_and_insurance"),
    ]

    operations = [
        migrations.RunPython(grade_existing("treatments", {'Treatment': ('summary', 'body', 'what_to_expect', 'insurance'), 'Faq': ('question', 'answer'), 'EducationSection': ('heading', 'body'), 'FirstVisitSection': ('body',)}), migrations.RunPython.noop),
    ]
