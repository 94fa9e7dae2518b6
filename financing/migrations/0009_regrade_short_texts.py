"""Grade the stored texts again by today's rule: fewer than 30 words is too short to grade fairly, and is not
graded (content.readability.MIN_WORDS), so a short question is no longer "grade 12.5"."""

from django.db import migrations

from content.models import grade_existing


class Migration(migrations.Migration):
    dependencies = [
        ("financing", "0008_shipped_words"),
    ]

    operations = [
        migrations.RunPython(grade_existing("financing", {'FinancingProgram': ('summary', 'description', 'how_to_apply', 'disclosures'), 'FinancingFaq': ('question', 'answer')}), migrations.RunPython.noop),
    ]
